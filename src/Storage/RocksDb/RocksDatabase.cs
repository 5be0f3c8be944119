using System.Runtime.InteropServices;

namespace ActorVm.Storage.RocksDb;

/// <summary>
/// An open RocksDB database. Reads and writes are safe from any thread, as in RocksDB itself;
/// Dispose closes it once no call is using it any more.
/// </summary>
public sealed unsafe class RocksDatabase : IDisposable
{
    private readonly DbHandle _db;
    private readonly nint _options;
    private readonly nint _readOptions;
    private readonly nint _writeOptions;
    private readonly nint _syncWriteOptions;

    private RocksDatabase(DbHandle db, nint options)
    {
        _db = db;
        _options = options;
        _readOptions = RocksDbNative.ReadOptionsCreate();
        _writeOptions = RocksDbNative.WriteOptionsCreate();
        _syncWriteOptions = RocksDbNative.WriteOptionsCreate();
        RocksDbNative.WriteOptionsSetSync(_syncWriteOptions, 1);
    }

    /// <summary>Opens the database in <paramref name="path"/>, creating it when missing.</summary>
    public static RocksDatabase Open(string path)
    {
        Directory.CreateDirectory(path);
        var options = RocksDbNative.OptionsCreate();
        RocksDbNative.OptionsSetCreateIfMissing(options, 1);
        RocksDbNative.OptionsIncreaseParallelism(options, Environment.ProcessorCount);
        var raw = RocksDbNative.Open(options, path, out var error);
        try
        {
            RocksDbNative.Check(error, $"open {path}");
        }
        catch
        {
            RocksDbNative.OptionsDestroy(options);
            throw;
        }
        var db = new DbHandle();
        Marshal.InitHandle(db, raw);
        return new RocksDatabase(db, options);
    }

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        byte* value;
        nuint length;
        nint error;
        fixed (byte* k = key)
            value = RocksDbNative.Get(_db, _readOptions, k, (nuint)key.Length, out length, out error);
        RocksDbNative.Check(error, "get");
        if (value == null) return null;
        try
        {
            return new ReadOnlySpan<byte>(value, checked((int)length)).ToArray();
        }
        finally
        {
            RocksDbNative.Free((nint)value);
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool sync = false)
    {
        nint error;
        fixed (byte* k = key, v = value)
            RocksDbNative.Put(_db, Options(sync), k, (nuint)key.Length, v, (nuint)value.Length, out error);
        RocksDbNative.Check(error, "put");
    }

    public void Delete(ReadOnlySpan<byte> key, bool sync = false)
    {
        nint error;
        fixed (byte* k = key)
            RocksDbNative.Delete(_db, Options(sync), k, (nuint)key.Length, out error);
        RocksDbNative.Check(error, "delete");
    }

    /// <summary>Applies the batch atomically; with sync, it is on disk when this returns.</summary>
    public void Write(WriteBatch batch, bool sync)
    {
        RocksDbNative.Write(_db, Options(sync), batch.Handle, out var error);
        RocksDbNative.Check(error, "write");
    }

    private nint Options(bool sync) => sync ? _syncWriteOptions : _writeOptions;

    public void Dispose()
    {
        if (_db.IsClosed) return;
        _db.Dispose();
        RocksDbNative.ReadOptionsDestroy(_readOptions);
        RocksDbNative.WriteOptionsDestroy(_writeOptions);
        RocksDbNative.WriteOptionsDestroy(_syncWriteOptions);
        RocksDbNative.OptionsDestroy(_options);
    }
}
