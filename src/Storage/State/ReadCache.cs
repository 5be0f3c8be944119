using System.Collections.Concurrent;

namespace ActorVm.Storage.State;

/// <summary>
/// A bounded cache of committed state values (absence included), sized by the bytes of its keys and
/// values. Thread-safe. A read takes no lock: a block's worker reads through it while the writer
/// fills it with the block before (with one lock, that was a tenth of a transfer's execution).
/// Eviction is second chance (CLOCK): the oldest entry not read since the hand last passed it goes first.
/// </summary>
public sealed class ReadCache(long capacityBytes)
{
    private const int EntryOverhead = 64;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    // Every entry in the dictionary exactly once, oldest first: the clock's hand is its head.
    private readonly Queue<Entry> _clock = new();
    private long _bytes;
    // A statistic: counted without a lock prefix, so readers on several threads may lose a few.
    private long _hits;

    private sealed class Entry(string key, string? value)
    {
        public readonly string Key = key;
        // Replaced in place under the gate; a read sees the old value or the new one, never a mix.
        public volatile string? Value = value;
        // Set by a read, cleared by the hand: a read entry is passed over once.
        public volatile bool Referenced;
    }

    public long Bytes
    {
        get { lock (_gate) return _bytes; }
    }

    public int Count => _entries.Count;

    public long Hits => Volatile.Read(ref _hits);

    public bool TryGet(string key, out string? value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (!entry.Referenced) entry.Referenced = true;
            _hits++;
            value = entry.Value;
            return true;
        }
        value = null;
        return false;
    }

    public void Set(string key, string? value)
    {
        var size = SizeOf(key, value);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _bytes += size - SizeOf(key, entry.Value);
                entry.Value = value;
            }
            else
            {
                entry = new Entry(key, value);
                _entries[key] = entry;
                _clock.Enqueue(entry);
                _bytes += size;
            }
            // The entry just set gets no second chance: removing it alone brings the bytes back under the
            // capacity, so this ends within one pass however often readers mark entries. A value larger
            // than the whole cache is removed so, after the entries not read since the hand last passed:
            // its key is never left with its old value.
            while (_bytes > capacityBytes && _clock.TryDequeue(out var oldest))
            {
                if (oldest.Referenced && !ReferenceEquals(oldest, entry))
                {
                    oldest.Referenced = false;
                    _clock.Enqueue(oldest);
                    continue;
                }
                _entries.TryRemove(oldest.Key, out _);
                _bytes -= SizeOf(oldest.Key, oldest.Value);
            }
        }
    }

    private static long SizeOf(string key, string? value) => EntryOverhead + 2L * (key.Length + (value?.Length ?? 0));
}
