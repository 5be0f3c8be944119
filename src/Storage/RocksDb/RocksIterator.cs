namespace ActorVm.Storage.RocksDb;

/// <summary>A RocksDB iterator over one column family; it keeps the database open until disposed.</summary>
internal sealed unsafe class RocksIterator : IDisposable
{
    private readonly DbHandle _db;
    private readonly nint _iterator;
    private bool _disposed;

    public RocksIterator(DbHandle db, nint readOptions, nint cf)
    {
        var added = false;
        db.DangerousAddRef(ref added);
        _db = db;
        _iterator = RocksDbNative.CreateIteratorCf(db, readOptions, cf);
    }

    /// <summary>The entries from the first key at or after <paramref name="start"/>, in key order.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> From(byte[] start)
    {
        Seek(start);
        while (RocksDbNative.IterValid(_iterator) != 0)
        {
            yield return Current();
            RocksDbNative.IterNext(_iterator);
        }
        RocksDbNative.IterGetError(_iterator, out var error);
        RocksDbNative.Check(error, "iterate");
    }

    private void Seek(byte[] start)
    {
        fixed (byte* s = start) RocksDbNative.IterSeek(_iterator, s, (nuint)start.Length);
    }

    private KeyValuePair<byte[], byte[]> Current()
    {
        var key = RocksDbNative.IterKey(_iterator, out var keyLength);
        var value = RocksDbNative.IterValue(_iterator, out var valueLength);
        return new(new ReadOnlySpan<byte>(key, (int)keyLength).ToArray(), new ReadOnlySpan<byte>(value, (int)valueLength).ToArray());
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        RocksDbNative.IterDestroy(_iterator);
        _db.DangerousRelease();
    }
}
