using System.Text;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Storage.State;

/// <summary>
/// The state exactly as of one committed block, for read-only calls: blocks committed later never
/// show through, and a block is never seen half applied. Dispose it when done.
/// </summary>
public sealed class StateSnapshot : IStateReader, IDisposable
{
    private readonly RocksDatabase _db;
    private readonly ColumnFamily _state;
    private readonly RocksSnapshot _snapshot;

    internal StateSnapshot(RocksDatabase db, ColumnFamily state, RocksSnapshot snapshot, long height, byte[] root)
    {
        (_db, _state, _snapshot, Height, StateRoot) = (db, state, snapshot, height, root);
    }

    public long Height { get; }
    public byte[] StateRoot { get; }

    public string? Get(string key) => _db.Get(Encoding.UTF8.GetBytes(key), _state, _snapshot) is { } v ? Encoding.UTF8.GetString(v) : null;

    /// <summary>The entries under a key prefix, in key order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Scan(string prefix) =>
        _db.ScanPrefix(Encoding.UTF8.GetBytes(prefix), _state, _snapshot)
            .Select(e => new KeyValuePair<string, string>(Encoding.UTF8.GetString(e.Key), Encoding.UTF8.GetString(e.Value)));

    public void Dispose() => _snapshot.Dispose();
}
