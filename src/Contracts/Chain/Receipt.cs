namespace ActorVm.Contracts.Chain;

public sealed record TxStatus(StatusCode Code, string Message)
{
    public static readonly TxStatus Success = new(StatusCode.Success, "");
}

/// <summary>A receipt a call recorded, named as IOST names it: by the contract and method that wrote it ("contract/method").</summary>
public sealed record ReceiptEntry(string FuncName, string Content);

/// <summary>An event a call published (blockchain.event), with the contract that published it.</summary>
public sealed record EventEntry(string Contract, string Content);

/// <summary>The outcome of one transaction (docs/contract-api.md). Returns hold one JSON value per action.</summary>
public sealed record Receipt(
    string TxHash,
    TxStatus Status,
    long GasUsed,
    IReadOnlyList<string> Returns,
    IReadOnlyList<ReceiptEntry> Receipts,
    IReadOnlyList<EventEntry> Events)
{
    public static Receipt Failed(string txHash, StatusCode code, string message, long gasUsed = 0) =>
        new(txHash, new TxStatus(code, message), gasUsed, [], [], []);

    /// <summary>
    /// On a chain whose publishers pay for gas (one started from a genesis with gas.iost), what the
    /// publisher paid from its gas: gas used times the gas ratio, in gas's two decimals. A receipt that
    /// carries it keeps that payment even when it failed; null elsewhere.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? GasPaid { get; init; }

    /// <summary>Where RAM is charged, the bytes each payer used (negative: freed), as IOST's ram_usage; null elsewhere.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? RamUsage { get; init; }

    /// <summary>
    /// What the transaction's contracts wrote with console, in order; null when nothing. Query answers
    /// carry them; a block keeps them only on a chain that asks for it (<see cref="ForBlock"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContractLog>? Logs { get; init; }

    /// <summary>The receipt as a block stores it: with its logs only where the chain keeps them in receipts.</summary>
    public Receipt ForBlock(bool keepLogs) => keepLogs || Logs is null ? this : this with { Logs = null };
}
