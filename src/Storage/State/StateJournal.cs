namespace ActorVm.Storage.State;

/// <summary>
/// Level 1: one transaction's writes, kept apart until the transaction commits. Reads see the
/// journal first, then what lies beneath. Dropping a journal drops every write in it.
/// </summary>
public sealed class StateJournal(IStateReader beneath) : IStateReader
{
    // A null value records a delete.
    private readonly SortedDictionary<string, string?> _writes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string?> Writes => _writes;

    public string? Get(string key) => _writes.TryGetValue(key, out var value) ? value : beneath.Get(key);

    public void Put(string key, string value) => _writes[key] = value;

    public void Delete(string key) => _writes[key] = null;
}
