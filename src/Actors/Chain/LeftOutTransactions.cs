namespace ActorVm.Actors.Chain;

/// <summary>
/// The most recent transactions this producer left out of their blocks (malformed, or past a limit of
/// this machine), with why: they have no stored receipt, so a client looking one up is told instead.
/// Bounded: the oldest are forgotten first.
/// </summary>
internal sealed class LeftOutTransactions(int capacity)
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string txHash, string reason)
    {
        if (!_reasons.TryAdd(txHash, reason)) return;
        _order.Enqueue(txHash);
        if (_order.Count > capacity) _reasons.Remove(_order.Dequeue());
    }

    public string? Reason(string txHash) => _reasons.GetValueOrDefault(txHash);
}
