namespace ActorVm.Storage.State;

/// <summary>
/// What a block is executed against, and never changes: the committed state under the write sets of
/// blocks sealed but not yet on disk (newest first) and, within a block, the writes so far. A block
/// written to disk while a view is in use changes nothing it reads, since its writes are one of the
/// view's layers; views are made for the next block only, so nothing committed later shows through.
/// </summary>
public sealed class StateView : IStateReader
{
    private readonly StateDb _db;
    private readonly Layer[] _layers;

    /// <summary>One layer: a block's (or part of a block's) writes and the transactions it holds.</summary>
    public sealed record Layer(WriteSet Writes, IReadOnlySet<string> Transactions);

    internal StateView(StateDb db, Layer[] layers)
    {
        _db = db;
        _layers = layers;
    }

    public string? Get(string key)
    {
        foreach (var layer in _layers)
            if (layer.Writes.TryGet(key, out var value)) return value;
        return _db.GetCommitted(key);
    }

    /// <summary>
    /// True when a block under this view, sealed or committed, holds a transaction with this replay key
    /// (replay protection); <paramref name="txTime"/> is the transaction's time, which its replays share.
    /// </summary>
    public bool Holds(string replayKey, long txTime)
    {
        foreach (var layer in _layers)
            if (layer.Transactions.Contains(replayKey)) return true;
        return _db.IsCommitted(replayKey, txTime);
    }

    /// <summary>This view with <paramref name="writes"/> over it.</summary>
    public StateView With(WriteSet writes, IReadOnlySet<string>? transactions = null) =>
        writes.Count == 0 && (transactions is null || transactions.Count == 0)
            ? this
            : new StateView(_db, [new Layer(writes, transactions ?? NoTransactions), .. _layers]);

    private static readonly IReadOnlySet<string> NoTransactions = new HashSet<string>();
}
