using System.Runtime.InteropServices;

namespace ActorVm.Storage.RocksDb;

/// <summary>Writes applied together or not at all by <see cref="RocksDatabase.Write"/>.</summary>
public sealed unsafe class WriteBatch : IDisposable
{
    internal BatchHandle Handle { get; }

    public WriteBatch()
    {
        Handle = new BatchHandle();
        Marshal.InitHandle(Handle, RocksDbNative.BatchCreate());
    }

    public int Count => RocksDbNative.BatchCount(Handle);

    public WriteBatch Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        fixed (byte* k = key, v = value)
            RocksDbNative.BatchPut(Handle, k, (nuint)key.Length, v, (nuint)value.Length);
        return this;
    }

    public WriteBatch Delete(ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key)
            RocksDbNative.BatchDelete(Handle, k, (nuint)key.Length);
        return this;
    }

    public void Clear() => RocksDbNative.BatchClear(Handle);

    public void Dispose() => Handle.Dispose();
}
