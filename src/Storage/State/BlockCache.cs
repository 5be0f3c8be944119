namespace ActorVm.Storage.State;

/// <summary>
/// Level 2: the writes of the transactions committed in the block being built, visible to the
/// transactions after them, written to disk only when the block commits.
/// </summary>
internal sealed class BlockCache(IStateReader committed) : IStateReader
{
    private readonly SortedDictionary<string, string?> _writes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string?> Writes => _writes;

    public string? Get(string key) => _writes.TryGetValue(key, out var value) ? value : committed.Get(key);

    public void Merge(IReadOnlyDictionary<string, string?> writes)
    {
        foreach (var (key, value) in writes) _writes[key] = value;
    }

    public void Clear() => _writes.Clear();
}
