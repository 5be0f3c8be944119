using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Chain;

/// <summary>A transaction waiting for a block, with whoever waits for its receipt.</summary>
internal sealed record PendingTx(Transaction Tx, IActorRef? Waiter);

/// <summary>
/// The block producer's pending transactions, in arrival order: bounded in all and per sender, each
/// hash once. A transaction stays known (and counted against its sender) from admission until
/// <see cref="Forget"/>, including while its block is being produced. Owned by one actor.
/// </summary>
internal sealed class Mempool(int capacity, int maxPerSender)
{
    private readonly LinkedList<PendingTx> _waiting = new();
    private readonly HashSet<string> _known = [];
    private readonly Dictionary<string, int> _bySender = [];

    /// <summary>Transactions waiting for a block (not those of the block being produced).</summary>
    public int Count => _waiting.Count;

    /// <summary>Adds a transaction; or answers why it cannot be (null when it was added).</summary>
    public TxRejected? Admit(PendingTx pending)
    {
        var (hash, publisher) = (pending.Tx.Hash, pending.Tx.Publisher);
        // Known by content: the same transaction with other or repeated signatures is the same one.
        if (_known.Contains(pending.Tx.ReplayKey)) return new TxRejected(hash, "the transaction is already pending", Rejection.Duplicate);
        if (_waiting.Count >= capacity) return new TxRejected(hash, $"the mempool is full ({capacity} transactions): try again later");
        if (_bySender.GetValueOrDefault(publisher) >= maxPerSender)
            return new TxRejected(hash, $"{publisher} has {maxPerSender} transactions waiting, as many as one sender may: try again once they are in blocks",
                Rejection.SenderLimit);
        _known.Add(pending.Tx.ReplayKey);
        _bySender[publisher] = _bySender.GetValueOrDefault(publisher) + 1;
        _waiting.AddLast(pending);
        return null;
    }

    /// <summary>
    /// The next block's transactions in arrival order, at most <paramref name="max"/> and
    /// <paramref name="perSender"/> from each publisher: whoever waits behind a busy sender still gets in.
    /// </summary>
    public List<PendingTx> TakeBatch(int max, int perSender)
    {
        var batch = new List<PendingTx>();
        var bySender = new Dictionary<string, int>();
        for (var node = _waiting.First; node is not null && batch.Count < max;)
        {
            var next = node.Next;
            var publisher = node.Value.Tx.Publisher;
            var taken = bySender.GetValueOrDefault(publisher);
            if (taken < perSender)
            {
                bySender[publisher] = taken + 1;
                batch.Add(node.Value);
                _waiting.Remove(node);
            }
            node = next;
        }
        return batch;
    }

    /// <summary>Puts taken transactions back at the front, in their order, ahead of what arrived since.</summary>
    public void ReturnToFront(IReadOnlyList<PendingTx> pending)
    {
        for (var i = pending.Count - 1; i >= 0; i--) _waiting.AddFirst(pending[i]);
    }

    /// <summary>A taken transaction is done with (its block was committed, or it was refused).</summary>
    public void Forget(PendingTx pending)
    {
        _known.Remove(pending.Tx.ReplayKey);
        var publisher = pending.Tx.Publisher;
        var n = _bySender.GetValueOrDefault(publisher);
        if (n <= 1) _bySender.Remove(publisher);
        else _bySender[publisher] = n - 1;
    }

    /// <summary>Empties the mempool, handing back what was waiting.</summary>
    public IReadOnlyList<PendingTx> Clear()
    {
        var all = _waiting.ToList();
        _waiting.Clear();
        _known.Clear();
        _bySender.Clear();
        return all;
    }

    /// <summary>What is waiting now, in order.</summary>
    public IEnumerable<PendingTx> Waiting => _waiting;
}
