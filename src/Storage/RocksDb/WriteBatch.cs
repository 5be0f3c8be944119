using System.Runtime.InteropServices;

namespace ActorVm.Storage.RocksDb;

/// <summary>Writes applied together or not at all by <see cref="RocksDatabase.Write"/>.</summary>
public sealed unsafe class WriteBatch : IDisposable
{
    private readonly RocksDatabase _db;

    internal BatchHandle Handle { get; }

    /// <summary>A batch for <paramref name="db"/>: writes without a column family go to its default one.</summary>
    public WriteBatch(RocksDatabase db)
    {
        _db = db;
        Handle = new BatchHandle();
        Marshal.InitHandle(Handle, RocksDbNative.BatchCreate());
    }

    public int Count => RocksDbNative.BatchCount(Handle);

    public WriteBatch Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ColumnFamily? cf = null)
    {
        fixed (byte* k = key, v = value)
            RocksDbNative.BatchPutCf(Handle, (cf ?? _db.DefaultFamily).Handle, k, (nuint)key.Length, v, (nuint)value.Length);
        return this;
    }

    public WriteBatch Delete(ReadOnlySpan<byte> key, ColumnFamily? cf = null)
    {
        fixed (byte* k = key)
            RocksDbNative.BatchDeleteCf(Handle, (cf ?? _db.DefaultFamily).Handle, k, (nuint)key.Length);
        return this;
    }

    public void Clear() => RocksDbNative.BatchClear(Handle);

    public void Dispose() => Handle.Dispose();
}
