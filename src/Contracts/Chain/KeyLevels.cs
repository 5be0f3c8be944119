using System.Collections;

namespace ActorVm.Contracts.Chain;

/// <summary>
/// A transaction's keys and their signing levels, in ordinal key order: a sorted array, since a
/// transaction carries a handful of keys at most (a sorted dictionary cost a tree for one key).
/// </summary>
public sealed class KeyLevels : IReadOnlyDictionary<string, int>
{
    public static readonly KeyLevels Empty = new([]);

    private readonly KeyValuePair<string, int>[] _sorted;

    private KeyLevels(KeyValuePair<string, int>[] sorted) => _sorted = sorted;

    /// <summary>Each signer key at <paramref name="signerLevel"/>, then each publisher key at <paramref name="publisherLevel"/>, which wins.</summary>
    public static KeyLevels Of(IReadOnlyList<string> signerKeys, int signerLevel, IReadOnlyList<string> publisherKeys, int publisherLevel)
    {
        // Most transactions carry the publisher's signature alone: a list, a closure and a sort for it
        // were a twentieth of a transfer's work in a lane.
        if (signerKeys.Count == 0 && publisherKeys.Count == 1) return new KeyLevels([new(publisherKeys[0], publisherLevel)]);
        var levels = new KeyValuePair<string, int>[signerKeys.Count + publisherKeys.Count];
        var count = 0;
        for (var i = 0; i < signerKeys.Count; i++) count = Set(levels, count, signerKeys[i], signerLevel);
        for (var i = 0; i < publisherKeys.Count; i++) count = Set(levels, count, publisherKeys[i], publisherLevel);
        var sorted = levels[..count];
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new KeyLevels(sorted);
    }

    /// <summary>Sets the key's level among the first <paramref name="count"/>, or adds it; the new count.</summary>
    private static int Set(KeyValuePair<string, int>[] levels, int count, string key, int level)
    {
        for (var i = 0; i < count; i++)
        {
            if (!string.Equals(levels[i].Key, key, StringComparison.Ordinal)) continue;
            levels[i] = new(key, level);
            return count;
        }
        levels[count] = new(key, level);
        return count + 1;
    }

    public int Count => _sorted.Length;

    public int this[string key] => TryGetValue(key, out var level) ? level : throw new KeyNotFoundException($"key {key} did not sign");

    public IEnumerable<string> Keys => _sorted.Select(p => p.Key);

    public IEnumerable<int> Values => _sorted.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out int value)
    {
        for (var i = 0; i < _sorted.Length; i++)
        {
            if (!string.Equals(_sorted[i].Key, key, StringComparison.Ordinal)) continue;
            value = _sorted[i].Value;
            return true;
        }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, int>>)_sorted).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
