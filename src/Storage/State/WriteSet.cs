using System.Collections;

namespace ActorVm.Storage.State;

/// <summary>
/// Writes that can no longer change: one transaction's, one block's, in ordinal key order (a null
/// value records a delete). Safe to share between threads and to send in messages.
/// </summary>
public sealed class WriteSet : IReadOnlyCollection<KeyValuePair<string, string?>>
{
    public static readonly WriteSet Empty = new([]);

    private readonly KeyValuePair<string, string?>[] _ordered;
    private readonly Dictionary<string, string?> _byKey;

    private WriteSet(KeyValuePair<string, string?>[] ordered)
    {
        _ordered = ordered;
        _byKey = new Dictionary<string, string?>(ordered.Length, StringComparer.Ordinal);
        foreach (var (key, value) in ordered) _byKey[key] = value;
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

    public int Count => _ordered.Length;

    public bool TryGet(string key, out string? value) => _byKey.TryGetValue(key, out value);

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string?>>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
