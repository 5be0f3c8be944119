namespace ActorVm.Storage.State;

/// <summary>
/// Level 1: one transaction's writes, kept apart until the transaction commits. Reads see the
/// journal first, then what lies beneath. Savepoints let a failed nested call undo only its own
/// writes; dropping the journal drops them all. With <c>trackReads</c> it also records the first
/// value it read of each key from beneath, so that an executor can tell later whether the transaction
/// would read the same state again.
/// </summary>
public sealed class StateJournal(IStateReader beneath, bool trackReads = false) : IStateStore
{
    private static readonly IReadOnlyDictionary<string, string?> NoReads = new Dictionary<string, string?>();
    private readonly Dictionary<string, string?>? _reads = trackReads ? new(StringComparer.Ordinal) : null;

    // A null value records a delete. Unordered: a transaction writes a handful of keys, and its write
    // set sorts them once (a sorted dictionary cost a node per write and a stack per enumeration).
    private readonly Dictionary<string, string?> _writes = new(StringComparer.Ordinal);
    private readonly List<(string Key, bool Existed, string? Previous)> _undo = [];

    public IReadOnlyDictionary<string, string?> Writes => _writes;

    public bool TracksReads => _reads is not null;

    /// <summary>The values first read from beneath, by key (empty unless reads are tracked).</summary>
    public IReadOnlyDictionary<string, string?> Reads => _reads ?? NoReads;

    public string? Get(string key)
    {
        if (_writes.TryGetValue(key, out var written)) return written;
        var value = beneath.Get(key);
        _reads?.TryAdd(key, value);
        return value;
    }

    public void Put(string key, string value) => Write(key, value);

    public void Delete(string key) => Write(key, null);

    /// <summary>
    /// Empties the journal for the next transaction over the same state, keeping its tables' room. What
    /// <see cref="Writes"/> and <see cref="Reads"/> held must have been copied out first: they are the same objects.
    /// </summary>
    public void Clear()
    {
        _writes.Clear();
        _undo.Clear();
        _reads?.Clear();
    }

    /// <summary>Marks the journal as it is now, for <see cref="RollbackTo"/>.</summary>
    public int Savepoint() => _undo.Count;

    /// <summary>Undoes every write made since the savepoint.</summary>
    public void RollbackTo(int savepoint)
    {
        if (savepoint < 0 || savepoint > _undo.Count) throw new ArgumentOutOfRangeException(nameof(savepoint));
        for (var i = _undo.Count - 1; i >= savepoint; i--)
        {
            var (key, existed, previous) = _undo[i];
            if (existed) _writes[key] = previous;
            else _writes.Remove(key);
        }
        _undo.RemoveRange(savepoint, _undo.Count - savepoint);
    }

    private void Write(string key, string? value)
    {
        var existed = _writes.TryGetValue(key, out var previous);
        _undo.Add((key, existed, previous));
        _writes[key] = value;
    }
}
