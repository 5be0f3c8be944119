namespace ActorVm.Storage.State;

/// <summary>
/// Which committed transactions a replay key may belong to, kept in memory so that the common answer
/// ("never committed") needs no read of the store (that read was a fifth of a transfer's work in a lane).
/// Keys are kept in Bloom filters, one per span of transaction time: a replay has its original's time
/// (the time is part of what the key hashes), so only that span's filter is asked. A filter never says
/// no to a key it holds; it may say maybe to one it does not, and then the store is read. It knows
/// nothing of transactions committed before it was made, with times up to <see cref="CompleteAfter"/>,
/// nor of spans it has let go of: for those it always says maybe. So its answers decide nothing; they
/// only spare reads. One thread adds (the store's writer); any thread may ask.
/// </summary>
public sealed class ReplayFilter
{
    /// <summary>The span of transaction time one filter covers.</summary>
    public static readonly long SpanNanos = (long)TimeSpan.FromSeconds(30).TotalNanoseconds;

    private readonly Lock _gate = new();
    // Replaced whole when a span is added or let go of (every 30 s): readers take it without a lock.
    private volatile Dictionary<long, BloomSet> _spans = [];
    private readonly BloomSet _untimed = new();
    private long _completeAfter;

    /// <param name="completeAfter">Every transaction already committed has a time at or before this; long.MaxValue when that is not known.</param>
    public ReplayFilter(long completeAfter) => _completeAfter = completeAfter;

    /// <summary>Transactions with times at or before this may be committed without this filter knowing.</summary>
    public long CompleteAfter => Volatile.Read(ref _completeAfter);

    /// <summary>False only when no committed transaction has this replay key.</summary>
    public bool MayHold(string replayKey, long txTime)
    {
        // The spans first: a span let go of has raised CompleteAfter before it went.
        var spans = _spans;
        if (txTime <= CompleteAfter) return true;
        var hash = Hash(replayKey);
        if (_untimed.MayHold(hash)) return true;
        // No span: nothing with a time in it was committed since this filter was made.
        return spans.TryGetValue(SpanOf(txTime), out var span) && span.MayHold(hash);
    }

    /// <summary>Records a committed transaction; its time is null when it is not known.</summary>
    public void Add(string replayKey, long? txTime)
    {
        var hash = Hash(replayKey);
        if (txTime is not { } time)
        {
            _untimed.Add(hash);
            return;
        }
        var index = SpanOf(time);
        if (_spans.TryGetValue(index, out var span))
        {
            span.Add(hash);
            return;
        }
        span = new BloomSet();
        span.Add(hash);
        lock (_gate) _spans = new Dictionary<long, BloomSet>(_spans) { [index] = span };
    }

    /// <summary>
    /// Lets go of the spans that end at or before <paramref name="time"/>: transactions with those
    /// times are then asked of the store again.
    /// </summary>
    public void ForgetBefore(long time)
    {
        var last = SpanOf(time) - 1;
        lock (_gate)
        {
            var gone = false;
            foreach (var index in _spans.Keys) gone |= index <= last;
            if (!gone) return;
            // Raised first: a reader that sees the spans without this one sees the bound that covers it.
            Volatile.Write(ref _completeAfter, Math.Max(_completeAfter, (last + 1) * SpanNanos - 1));
            _spans = _spans.Where(s => s.Key > last).ToDictionary();
        }
    }

    /// <summary>How many spans are kept (for tests and metrics).</summary>
    public int Spans => _spans.Count;

    private static long SpanOf(long time) => time >= 0 ? time / SpanNanos : (time + 1) / SpanNanos - 1;

    // FNV-1a over the key's characters, then a finalizer that spreads every bit: the filter lives in
    // memory only, so the hash need not be stable across versions.
    private static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key) hash = (hash ^ c) * 1099511628211UL;
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }

    /// <summary>Bloom filters of growing size: a new one, twice the last, when the last is full.</summary>
    private sealed class BloomSet
    {
        // Large enough that a span at full speed (tens of thousands a second) needs two or three: each is a cache miss to ask.
        private const int FirstCapacity = 256 * 1024;
        private const int LargestCapacity = 4 * 1024 * 1024;
        private volatile BlockedBloom[] _filters = [];
        private int _inLast;

        public bool MayHold(ulong hash)
        {
            foreach (var filter in _filters)
                if (filter.MayHold(hash)) return true;
            return false;
        }

        // One writer: the store's.
        public void Add(ulong hash)
        {
            var filters = _filters;
            if (filters.Length == 0 || _inLast >= filters[^1].Capacity)
            {
                var capacity = filters.Length == 0 ? FirstCapacity : Math.Min(LargestCapacity, filters[^1].Capacity * 2);
                _filters = filters = [.. filters, new BlockedBloom(capacity)];
                _inLast = 0;
            }
            filters[^1].Add(hash);
            _inLast++;
        }
    }

    /// <summary>
    /// A Bloom filter whose bits for one key all lie in one 512-bit block (one cache line): about 10 bits
    /// a key, six of them set, so about 1.5% of keys never added are answered maybe.
    /// </summary>
    private sealed class BlockedBloom(int capacity)
    {
        private const int BitsPerKey = 10;
        private const int BitsSet = 6;
        private readonly ulong[] _words = new ulong[Math.Max(1, (long)capacity * BitsPerKey / 512) * 8];

        public int Capacity { get; } = capacity;

        public bool MayHold(ulong hash)
        {
            var block = Block(hash);
            var bits = Remix(hash);
            for (var i = 0; i < BitsSet; i++, bits >>= 9)
            {
                var bit = (int)(bits & 511);
                if ((Volatile.Read(ref _words[block + (bit >> 6)]) & (1UL << bit)) == 0) return false;
            }
            return true;
        }

        public void Add(ulong hash)
        {
            var block = Block(hash);
            var bits = Remix(hash);
            for (var i = 0; i < BitsSet; i++, bits >>= 9)
            {
                var bit = (int)(bits & 511);
                Interlocked.Or(ref _words[block + (bit >> 6)], 1UL << bit);
            }
        }

        // The block from the hash's top 32 bits; the bits in it from the whole hash mixed again.
        private int Block(ulong hash) => (int)(((hash >> 32) * (ulong)(_words.Length / 8)) >> 32) * 8;

        private static ulong Remix(ulong hash)
        {
            hash ^= hash >> 31;
            hash *= 0x7fb5d329728ea185UL;
            hash ^= hash >> 27;
            hash *= 0x81dadef4bc2dd44dUL;
            return hash ^ (hash >> 33);
        }
    }
}
