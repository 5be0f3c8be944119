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
        var levels = new List<KeyValuePair<string, int>>(signerKeys.Count + publisherKeys.Count);
        void Set(string key, int level)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                if (!string.Equals(levels[i].Key, key, StringComparison.Ordinal)) continue;
                levels[i] = new(key, level);
                return;
            }
            levels.Add(new(key, level));
        }
        foreach (var key in signerKeys) Set(key, signerLevel);
        foreach (var key in publisherKeys) Set(key, publisherLevel);
        var sorted = levels.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new KeyLevels(sorted);
    }

    public int Count => _sorted.Length;

    public int this[string key] => TryGetValue(key, out var level) ? level : throw new KeyNotFoundException($"key {key} did not sign");

    public IEnumerable<string> Keys => _sorted.Select(p => p.Key);

    public IEnumerable<int> Values => _sorted.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out int value)
    {
        foreach (var (k, level) in _sorted)
        {
            if (!string.Equals(k, key, StringComparison.Ordinal)) continue;
            value = level;
            return true;
        }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, int>>)_sorted).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
