namespace ActorVm.Storage.RocksDb;

/// <summary>
/// A point-in-time view of the database: reads through it never see later writes. It keeps the
/// database open until disposed.
/// </summary>
public sealed class RocksSnapshot : IDisposable
{
    private readonly DbHandle _db;
    private readonly nint _snapshot;
    private bool _disposed;

    internal RocksSnapshot(DbHandle db)
    {
        var added = false;
        db.DangerousAddRef(ref added);
        _db = db;
        _snapshot = RocksDbNative.CreateSnapshot(db);
        ReadOptions = RocksDbNative.ReadOptionsCreate();
        RocksDbNative.ReadOptionsSetSnapshot(ReadOptions, _snapshot);
    }

    internal nint ReadOptions { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        RocksDbNative.ReadOptionsDestroy(ReadOptions);
        RocksDbNative.ReleaseSnapshot(_db, _snapshot);
        _db.DangerousRelease();
    }
}
