namespace ActorVm.Contracts.Chain;

public sealed record TxStatus(StatusCode Code, string Message)
{
    public static readonly TxStatus Success = new(StatusCode.Success, "");
}

/// <summary>The outcome of one transaction (SPEC §2.3). Returns hold one JSON value per action.</summary>
public sealed record Receipt(
    string TxHash,
    TxStatus Status,
    long GasUsed,
    IReadOnlyList<string> Returns,
    IReadOnlyList<string> Receipts,
    IReadOnlyList<string> Events)
{
    public static Receipt Failed(string txHash, StatusCode code, string message, long gasUsed = 0) =>
        new(txHash, new TxStatus(code, message), gasUsed, [], [], []);
}
