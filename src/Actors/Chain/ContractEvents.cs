using System.Globalization;
using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Chain;

/// <summary>
/// Where a contract's event stands on the chain: its block, its transaction's place in the block and
/// its place among the transaction's events, so a client can say where it stopped and resume after it.
/// </summary>
public readonly record struct EventId(long Height, int Transaction, int Index) : IComparable<EventId>
{
    public override string ToString() => $"{Height}-{Transaction}-{Index}";

    public int CompareTo(EventId other) => (Height, Transaction, Index).CompareTo((other.Height, other.Transaction, other.Index));

    public static bool operator >(EventId a, EventId b) => a.CompareTo(b) > 0;
    public static bool operator <(EventId a, EventId b) => a.CompareTo(b) < 0;

    /// <summary>"height-transaction-index", as <see cref="ToString"/> writes it.</summary>
    public static bool TryParse(string? text, out EventId id)
    {
        id = default;
        var parts = text?.Split('-') ?? [];
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return false;
        id = new EventId(height, tx, index);
        return true;
    }
}

/// <summary>
/// What a committed transaction's contracts published, as IOST's event topics name it: "event"
/// (blockchain.event) or "receipt" (blockchain.receipt), by the contract that published it.
/// </summary>
public sealed record ContractEvent(EventId Id, string Topic, string Contract, string TxHash, string Content)
{
    public const string EventTopic = "event";
    public const string ReceiptTopic = "receipt";

    public long Height => Id.Height;

    /// <summary>
    /// A block's events in chain order, from the receipts the block holds (in its order): each
    /// transaction's events, then its receipts. The same ids whether published live or read back.
    /// </summary>
    public static IEnumerable<ContractEvent> Of(long height, IReadOnlyList<Receipt> blockReceipts)
    {
        for (var t = 0; t < blockReceipts.Count; t++)
        {
            var receipt = blockReceipts[t];
            var index = 0;
            foreach (var e in receipt.Events) yield return new(new EventId(height, t, index++), EventTopic, e.Contract, receipt.TxHash, e.Content);
            foreach (var r in receipt.Receipts)
                yield return new(new EventId(height, t, index++), ReceiptTopic, r.FuncName.Split('/')[0], receipt.TxHash, r.Content);
        }
    }
}
