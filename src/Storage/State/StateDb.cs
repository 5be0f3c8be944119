using System.Text;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Storage.State;

/// <summary>
/// Committed state over RocksDB. Reads are safe from any thread; commits come from one writer
/// (the StateDB actor). A block's writes, its records, its height and its state root go to disk
/// in one synced WriteBatch: after a crash the store holds the whole block or none of it.
/// </summary>
public sealed class StateDb : IStateReader, IDisposable
{
    private readonly RocksDatabase _db;

    private StateDb(RocksDatabase db)
    {
        _db = db;
        Height = long.TryParse(Get(StateKeys.Height), out var height) ? height : 0;
        StateRoot = _db.Get(Bytes(StateKeys.Root)) ?? State.StateRoot.Genesis;
    }

    public static StateDb Open(string directory) => new(RocksDatabase.Open(directory));

    /// <summary>Height of the last committed block; 0 before the first.</summary>
    public long Height { get; private set; }

    public byte[] StateRoot { get; private set; }

    public string? Get(string key)
    {
        var value = _db.Get(Bytes(key));
        return value is null ? null : Encoding.UTF8.GetString(value);
    }

    /// <summary>Commits one block: state writes (null deletes), records beside them, new height and root.</summary>
    public void CommitBlock(IReadOnlyDictionary<string, string?> writes, IEnumerable<KeyValuePair<string, string>> records)
    {
        var height = Height + 1;
        var root = State.StateRoot.Next(StateRoot, writes);
        using var batch = new WriteBatch();
        foreach (var (key, value) in writes)
        {
            if (value is null) batch.Delete(Bytes(key));
            else batch.Put(Bytes(key), Bytes(value));
        }
        foreach (var (key, value) in records) batch.Put(Bytes(key), Bytes(value));
        batch.Put(Bytes(StateKeys.Height), Bytes(height.ToString()));
        batch.Put(Bytes(StateKeys.Root), root);
        _db.Write(batch, sync: true);
        Height = height;
        StateRoot = root;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose() => _db.Dispose();
}
