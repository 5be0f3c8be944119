using ActorVm.Contracts.Chain;

namespace ActorVm.Host.Cluster;

/// <summary>
/// The producer's account of the queue's messages in hand: which transactions of each are still
/// unanswered. A message is acknowledged once every transaction in it is answered, by a committed
/// block or by being pending or committed already. Safe from the feed's loop and the block watcher at once.
/// </summary>
internal sealed class UnansweredTransactions(Func<ulong, Task> acknowledge)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ulong>> _messagesOf = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _unanswered = [];

    /// <summary>A message's transactions, each to be answered before it is acknowledged.</summary>
    public void Expect(ulong tag, IReadOnlyList<Transaction> txs)
    {
        lock (_gate)
        {
            _unanswered[tag] = _unanswered.GetValueOrDefault(tag) + txs.Count;
            foreach (var tx in txs)
            {
                if (!_messagesOf.TryGetValue(tx.Hash, out var tags)) _messagesOf[tx.Hash] = tags = [];
                tags.Add(tag);
            }
        }
    }

    /// <summary>A committed block answered the transaction: in every message that holds it.</summary>
    public async Task AnsweredAsync(string txHash)
    {
        List<ulong> done;
        lock (_gate)
        {
            if (!_messagesOf.Remove(txHash, out var tags)) return;
            done = [];
            foreach (var tag in tags)
                if (Count(tag)) done.Add(tag);
        }
        foreach (var tag in done) await acknowledge(tag);
    }

    /// <summary>One message's copy of the transaction needs no block (pending or committed already): answered for that message only.</summary>
    public async Task AnsweredOnceAsync(ulong tag, string txHash)
    {
        bool done;
        lock (_gate)
        {
            if (!_messagesOf.TryGetValue(txHash, out var tags) || !tags.Remove(tag)) return;
            if (tags.Count == 0) _messagesOf.Remove(txHash);
            done = Count(tag);
        }
        if (done) await acknowledge(tag);
    }

    /// <summary>Counts one answer for a message; true when that was its last.</summary>
    private bool Count(ulong tag)
    {
        var left = _unanswered[tag] - 1;
        if (left > 0)
        {
            _unanswered[tag] = left;
            return false;
        }
        _unanswered.Remove(tag);
        return true;
    }
}
