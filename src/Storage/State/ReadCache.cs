namespace ActorVm.Storage.State;

/// <summary>
/// A bounded cache of committed state values (absence included), least recently used first out,
/// sized by the bytes of its keys and values. Thread-safe.
/// </summary>
public sealed class ReadCache(long capacityBytes)
{
    private const int EntryOverhead = 64;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, string? Value)>> _entries = [];
    private readonly LinkedList<(string Key, string? Value)> _order = [];
    private long _bytes;

    public long Bytes
    {
        get { lock (_gate) return _bytes; }
    }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public long Hits { get; private set; }

    public bool TryGet(string key, out string? value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                Hits++;
                return true;
            }
            value = null;
            return false;
        }
    }

    public void Set(string key, string? value)
    {
        var size = SizeOf(key, value);
        if (size > capacityBytes) return;
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
                _bytes -= SizeOf(old.Value.Key, old.Value.Value);
            }
            _entries[key] = _order.AddFirst((key, value));
            _bytes += size;
            while (_bytes > capacityBytes && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= SizeOf(last.Value.Key, last.Value.Value);
            }
        }
    }

    private static long SizeOf(string key, string? value) => EntryOverhead + 2L * (key.Length + (value?.Length ?? 0));
}
