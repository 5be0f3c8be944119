using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Chain;

/// <summary>
/// The console lines of a block's transactions, written to the node's log once the block is on disk
/// (not as they ran: a transaction may run more than once before its block is sealed), each with the
/// block height, the transaction hash and the contract.
/// </summary>
public static class ContractLogLines
{
    /// <summary>The log source of contracts' lines, whose level is set apart from the node's (log.contracts).</summary>
    public const string Source = "contract";

    /// <param name="inBlock">False for a transaction left out of the block (it hit a limit of this machine, or was malformed).</param>
    public static void Publish(EventStream stream, long height, Receipt receipt, bool inBlock)
    {
        // Most receipts hold no lines: their text is not made at all.
        if (receipt.Logs is not { Count: > 0 } logs) return;
        var where = inBlock ? $"block {height} tx {receipt.TxHash}" : $"tx {receipt.TxHash} (left out of block {height})";
        foreach (var line in logs)
            stream.Publish(new LogEvent(LevelOf(line.Level), Source, $"{where} {line.Contract}: {line.Message}")
            {
                Fields = [new("height", height.ToString()), new("tx", receipt.TxHash), new("contract", line.Contract)],
            });
    }

    private static LogLevel LevelOf(string level) => level switch
    {
        "debug" => LogLevel.Debug,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Info,
    };
}
