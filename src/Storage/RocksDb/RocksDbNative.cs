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

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_create_missing_column_families")]
    internal static partial void OptionsSetCreateMissingColumnFamilies(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_increase_parallelism")]
    internal static partial void OptionsIncreaseParallelism(nint options, int totalThreads);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_compression")]
    internal static partial void OptionsSetCompression(nint options, int compression);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_compression_per_level")]
    internal static partial void OptionsSetCompressionPerLevel(nint options, int* levels, nuint count);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_block_based_table_factory")]
    internal static partial void OptionsSetBlockBasedTableFactory(nint options, nint tableOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_create")]
    internal static partial nint BlockBasedOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_destroy")]
    internal static partial void BlockBasedOptionsDestroy(nint tableOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_block_cache")]
    internal static partial void BlockBasedOptionsSetBlockCache(nint tableOptions, nint cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_filterpolicy_create_bloom_full")]
    internal static partial nint FilterPolicyCreateBloomFull(double bitsPerKey);

    /// <summary>The table options take the policy over: it is not destroyed separately.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_filter_policy")]
    internal static partial void BlockBasedOptionsSetFilterPolicy(nint tableOptions, nint policy);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_memtable_prefix_bloom_size_ratio")]
    internal static partial void OptionsSetMemtablePrefixBloomSizeRatio(nint options, double ratio);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_db_write_buffer_size")]
    internal static partial void OptionsSetDbWriteBufferSize(nint options, nuint size);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_write_buffer_size")]
    internal static partial void OptionsSetWriteBufferSize(nint options, nuint size);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_memtable_whole_key_filtering")]
    internal static partial void OptionsSetMemtableWholeKeyFiltering(nint options, byte enabled);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_create_lru")]
    internal static partial nint CacheCreateLru(nuint capacity);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_destroy")]
    internal static partial void CacheDestroy(nint cache);

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

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_set_snapshot")]
    internal static partial void ReadOptionsSetSnapshot(nint options, nint snapshot);

    [LibraryImport(Library, EntryPoint = "rocksdb_open_column_families", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OpenColumnFamilies(nint options, string name, int count, nint* names, nint* familyOptions,
        nint* handles, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_column_family_handle_destroy")]
    internal static partial void ColumnFamilyHandleDestroy(nint handle);

    [LibraryImport(Library, EntryPoint = "rocksdb_close")]
    internal static partial void Close(nint db);

    [LibraryImport(Library, EntryPoint = "rocksdb_put_cf")]
    internal static partial void PutCf(DbHandle db, nint writeOptions, nint cf, byte* key, nuint keyLen, byte* value, nuint valueLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_delete_cf")]
    internal static partial void DeleteCf(DbHandle db, nint writeOptions, nint cf, byte* key, nuint keyLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_get_cf")]
    internal static partial byte* GetCf(DbHandle db, nint readOptions, nint cf, byte* key, nuint keyLen, out nuint valueLen, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_multi_get_cf")]
    internal static partial void MultiGetCf(DbHandle db, nint readOptions, nint* cfs, nuint count, byte** keys, nuint* keySizes,
        byte** values, nuint* valueSizes, nint* errors);

    [LibraryImport(Library, EntryPoint = "rocksdb_set_perf_level")]
    internal static partial void SetPerfLevel(int level);

    [LibraryImport(Library, EntryPoint = "rocksdb_write")]
    internal static partial void Write(DbHandle db, nint writeOptions, BatchHandle batch, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_get_latest_sequence_number")]
    internal static partial ulong LatestSequenceNumber(DbHandle db);

    [LibraryImport(Library, EntryPoint = "rocksdb_create_snapshot")]
    internal static partial nint CreateSnapshot(DbHandle db);

    [LibraryImport(Library, EntryPoint = "rocksdb_release_snapshot")]
    internal static partial void ReleaseSnapshot(DbHandle db, nint snapshot);

    [LibraryImport(Library, EntryPoint = "rocksdb_create_iterator_cf")]
    internal static partial nint CreateIteratorCf(DbHandle db, nint readOptions, nint cf);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_destroy")]
    internal static partial void IterDestroy(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_valid")]
    internal static partial byte IterValid(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek")]
    internal static partial void IterSeek(nint iterator, byte* key, nuint keyLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_next")]
    internal static partial void IterNext(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_key")]
    internal static partial byte* IterKey(nint iterator, out nuint keyLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_value")]
    internal static partial byte* IterValue(nint iterator, out nuint valueLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_get_error")]
    internal static partial void IterGetError(nint iterator, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_create")]
    internal static partial nint BatchCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_destroy")]
    internal static partial void BatchDestroy(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_clear")]
    internal static partial void BatchClear(BatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_count")]
    internal static partial int BatchCount(BatchHandle batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_put_cf")]
    internal static partial void BatchPutCf(BatchHandle batch, nint cf, byte* key, nuint keyLen, byte* value, nuint valueLen);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete_cf")]
    internal static partial void BatchDeleteCf(BatchHandle batch, nint cf, byte* key, nuint keyLen);

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

/// <summary>The database handle; closing waits for calls in progress (SafeHandle reference counting).</summary>
internal sealed class DbHandle() : SafeHandle(0, ownsHandle: true)
{
    /// <summary>Released before the database closes, as RocksDB requires.</summary>
    public List<nint> ColumnFamilies { get; } = [];

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        foreach (var cf in ColumnFamilies) RocksDbNative.ColumnFamilyHandleDestroy(cf);
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
