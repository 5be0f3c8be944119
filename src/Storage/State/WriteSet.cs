using System.Collections;

namespace ActorVm.Storage.State;

/// <summary>
/// Writes that can no longer change: one transaction's, one block's, in ordinal key order (a null
/// value records a delete). Safe to share between threads and to send in messages.
/// </summary>
public sealed class WriteSet : IReadOnlyCollection<KeyValuePair<string, string?>>
{
    public static readonly WriteSet Empty = new([]);

    // Sets this small (one transaction's) are searched in order; larger ones (a block's) get an index
    // the first time they are searched.
    private const int SearchedInOrder = 8;
    private readonly KeyValuePair<string, string?>[] _ordered;
    private Dictionary<string, string?>? _byKey;

    private WriteSet(KeyValuePair<string, string?>[] ordered) => _ordered = ordered;

    private Dictionary<string, string?> Index()
    {
        if (_byKey is { } index) return index;
        index = new Dictionary<string, string?>(_ordered.Length, StringComparer.Ordinal);
        foreach (var (key, value) in _ordered) index[key] = value;
        // Two threads may build it at once: both build the same, either may be kept.
        return _byKey = index;
    }

    /// <summary>A copy of <paramref name="writes"/>, whose keys must be distinct.</summary>
    public static WriteSet From(IEnumerable<KeyValuePair<string, string?>> writes)
    {
        var ordered = writes.ToArray();
        if (ordered.Length == 0) return Empty;
        // The journal already keeps its writes in ordinal order; anything else is sorted once here.
        if (writes is not SortedDictionary<string, string?> { Comparer: var c } || !ReferenceEquals(c, StringComparer.Ordinal))
            Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new WriteSet(ordered);
    }

    /// <summary>The writes of several sets applied in order: a later write to a key wins.</summary>
    public static WriteSet Merge(IEnumerable<WriteSet> inOrder)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var writes in inOrder)
            foreach (var (key, value) in writes) merged[key] = value;
        return From(merged);
    }

    public int Count => _ordered.Length;

    public bool TryGet(string key, out string? value)
    {
        if (_ordered.Length <= SearchedInOrder)
        {
            foreach (var (k, v) in _ordered)
            {
                if (!string.Equals(k, key, StringComparison.Ordinal)) continue;
                value = v;
                return true;
            }
            value = null;
            return false;
        }
        return Index().TryGetValue(key, out value);
    }

    /// <summary>The writes in key order, without an enumerator object (a set is enumerated two or three times a transaction).</summary>
    public ReadOnlySpan<KeyValuePair<string, string?>>.Enumerator GetEnumerator() => new ReadOnlySpan<KeyValuePair<string, string?>>(_ordered).GetEnumerator();

    IEnumerator<KeyValuePair<string, string?>> IEnumerable<KeyValuePair<string, string?>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, string?>>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _ordered.GetEnumerator();
}
