using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorVm.Storage.RocksDb;

/// <summary>The parts of RocksDB's C API (rocksdb/c.h, 7.8) that we use, one to one.</summary>
internal static unsafe partial class RocksDbNative
{
    private const string Library = "rocksdb";

    static RocksDbNative() =>
        // Debian's runtime package ships only the versioned name; the unversioned one comes with -dev.
        NativeLibrary.SetDllImportResolver(typeof(RocksDbNative).Assembly, static (name, assembly, path) =>
            name == Library && NativeLibrary.TryLoad("librocksdb.so.7.8", assembly, path, out var handle) ? handle : 0);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_create")]
    internal static partial nint OptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_options_destroy")]
    internal static partial void OptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_create_if_missing")]
    internal static partial void OptionsSetCreateIfMissing(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_increase_parallelism")]
    internal static partial void OptionsIncreaseParallelism(nint options, int totalThreads);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_create")]
    internal static partial nint WriteOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_destroy")]
    internal static partial void WriteOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_set_sync")]
    internal static partial void WriteOptionsSetSync(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_create")]
    internal static partial nint ReadOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_destroy")]
    internal static partial void ReadOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint Open(nint options, string name, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_close")]
    internal static partial void Close(nint db);

    [LibraryImport(Library, EntryPoint = "rocksdb_put")]
    internal static partial void Put(DbHandle db, nint writeOptions, byte* key, nuint keyLen, byte* value, nuint valueLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_delete")]
    internal static partial void Delete(DbHandle db, nint writeOptions, byte* key, nuint keyLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_get")]
    internal static partial byte* Get(DbHandle db, nint readOptions, byte* key, nuint keyLen, out nuint valueLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_write")]
    internal static partial void Write(DbHandle db, nint writeOptions, BatchHandle batch, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_create")]
    internal static partial nint BatchCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_destroy")]
    internal static partial void BatchDestroy(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_clear")]
    internal static partial void BatchClear(BatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_count")]
    internal static partial int BatchCount(BatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_put")]
    internal static partial void BatchPut(BatchHandle batch, byte* key, nuint keyLen, byte* value, nuint valueLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete")]
    internal static partial void BatchDelete(BatchHandle batch, byte* key, nuint keyLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_free")]
    internal static partial void Free(nint pointer);

    /// <summary>Throws when RocksDB reported an error through its errptr, freeing the message.</summary>
    internal static void Check(nint error, string operation)
    {
        if (error == 0) return;
        var message = Marshal.PtrToStringUTF8(error) ?? "unknown error";
        Free(error);
        throw new RocksDbException($"rocksdb {operation}: {message}");
    }
}

internal sealed class DbHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.Close(handle);
        return true;
    }
}

internal sealed class BatchHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        RocksDbNative.BatchDestroy(handle);
        return true;
    }
}
