using System.Runtime.InteropServices;

namespace ActorVm.Storage.RocksDb;

/// <summary>
/// An open RocksDB database with its column families. Reads and writes are safe from any thread,
/// as in RocksDB itself; Dispose closes it once no call, iterator or snapshot is using it.
/// </summary>
public sealed unsafe class RocksDatabase : IDisposable
{
    private readonly DbHandle _db;
    private readonly Dictionary<string, ColumnFamily> _families;
    private readonly nint _options;
    private readonly nint _tableOptions;
    private readonly nint _cache;
    private readonly nint _readOptions;
    private readonly nint _writeOptions;
    private readonly nint _syncWriteOptions;

    private RocksDatabase(DbHandle db, Dictionary<string, ColumnFamily> families, nint options, nint tableOptions, nint cache)
    {
        (_db, _families, _options, _tableOptions, _cache) = (db, families, options, tableOptions, cache);
        _readOptions = RocksDbNative.ReadOptionsCreate();
        _writeOptions = RocksDbNative.WriteOptionsCreate();
        _syncWriteOptions = RocksDbNative.WriteOptionsCreate();
        RocksDbNative.WriteOptionsSetSync(_syncWriteOptions, 1);
    }

    /// <summary>Opens the database in <paramref name="path"/> with the named column families (and "default"), creating what is missing.</summary>
    public static RocksDatabase Open(string path, RocksDbOptions? options = null, IEnumerable<string>? columnFamilies = null)
    {
        options ??= RocksDbOptions.Default;
        var names = new[] { "default" }.Concat(columnFamilies ?? []).Distinct().ToArray();
        Directory.CreateDirectory(path);
        var native = RocksDbNative.OptionsCreate();
        RocksDbNative.OptionsSetCreateIfMissing(native, options.CreateIfMissing ? (byte)1 : (byte)0);
        RocksDbNative.OptionsSetCreateMissingColumnFamilies(native, 1);
        RocksDbNative.OptionsIncreaseParallelism(native, options.Parallelism);
        RocksDbNative.OptionsSetCompression(native, (int)options.Compression);
        // RocksDB's seven levels by default (num_levels is not set); in 7.8 levels are static
        // (level_compaction_dynamic_level_bytes is off), so levels 0 and 1 are the newest data.
        var levels = stackalloc int[7];
        for (var level = 0; level < 7; level++) levels[level] = level < options.UncompressedLevels ? (int)Compression.None : (int)options.Compression;
        RocksDbNative.OptionsSetCompressionPerLevel(native, levels, 7);
        RocksDbNative.OptionsSetDbWriteBufferSize(native, (nuint)options.MemtableBytes);
        RocksDbNative.OptionsSetWriteBufferSize(native, (nuint)options.ColumnFamilyMemtableBytes);
        var cache = RocksDbNative.CacheCreateLru((nuint)options.BlockCacheBytes);
        var table = RocksDbNative.BlockBasedOptionsCreate();
        RocksDbNative.BlockBasedOptionsSetBlockCache(table, cache);
        // Bloom filters in the tables and the memtable: a key that is absent (a transaction never
        // committed, asked for every transaction of every block) is known absent without a search.
        RocksDbNative.BlockBasedOptionsSetFilterPolicy(table, RocksDbNative.FilterPolicyCreateBloomFull(10));
        RocksDbNative.OptionsSetMemtablePrefixBloomSizeRatio(native, 0.05);
        RocksDbNative.OptionsSetMemtableWholeKeyFiltering(native, 1);
        RocksDbNative.OptionsSetBlockBasedTableFactory(native, table);

        var nameBuffers = names.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        var handles = new nint[names.Length];
        try
        {
            var familyOptions = Enumerable.Repeat(native, names.Length).ToArray();
            nint raw, error;
            fixed (nint* n = nameBuffers, o = familyOptions, h = handles)
                raw = RocksDbNative.OpenColumnFamilies(native, path, names.Length, n, o, h, out error);
            RocksDbNative.Check(error, $"open {path}");
            var db = new DbHandle();
            Marshal.InitHandle(db, raw);
            db.ColumnFamilies.AddRange(handles);
            var families = names.Select((name, i) => new ColumnFamily(name, handles[i])).ToDictionary(f => f.Name);
            return new RocksDatabase(db, families, native, table, cache);
        }
        catch
        {
            RocksDbNative.OptionsDestroy(native);
            RocksDbNative.BlockBasedOptionsDestroy(table);
            RocksDbNative.CacheDestroy(cache);
            throw;
        }
        finally
        {
            foreach (var buffer in nameBuffers) Marshal.FreeCoTaskMem(buffer);
        }
    }

    public ColumnFamily DefaultFamily => _families["default"];

    public ColumnFamily Family(string name) =>
        _families.TryGetValue(name, out var family) ? family : throw new ArgumentException($"no column family '{name}' was opened");

    // RocksDB's perf level is per thread and counts by default: every key comparison in a memtable
    // then reaches two thread-locals of a dynamically loaded library (a tenth of a block's write time).
    // Nothing here reads those counters, so each thread that calls in turns them off once.
    [ThreadStatic] private static bool t_countersOff;

    private static void CountersOff()
    {
        if (t_countersOff) return;
        RocksDbNative.SetPerfLevel(PerfLevelDisable);
        t_countersOff = true;
    }

    private const int PerfLevelDisable = 1;

    public byte[]? Get(ReadOnlySpan<byte> key, ColumnFamily? cf = null, RocksSnapshot? snapshot = null)
    {
        CountersOff();
        byte* value;
        nuint length;
        nint error;
        fixed (byte* k = key)
            value = RocksDbNative.GetCf(_db, ReadOptions(snapshot), (cf ?? DefaultFamily).Handle, k, (nuint)key.Length, out length, out error);
        RocksDbNative.Check(error, "get");
        return value == null ? null : TakeBuffer(value, length);
    }

    /// <summary>Reads many keys in one call; the answer holds null where a key is absent.</summary>
    public byte[]?[] MultiGet(IReadOnlyList<byte[]> keys, ColumnFamily? cf = null, RocksSnapshot? snapshot = null)
    {
        CountersOff();
        var count = keys.Count;
        var results = new byte[]?[count];
        if (count == 0) return results;
        var handles = new GCHandle[count];
        var families = new nint[count];
        var keyPointers = new nint[count];
        var keySizes = new nuint[count];
        var values = new nint[count];
        var valueSizes = new nuint[count];
        var errors = new nint[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                handles[i] = GCHandle.Alloc(keys[i], GCHandleType.Pinned);
                keyPointers[i] = handles[i].AddrOfPinnedObject();
                keySizes[i] = (nuint)keys[i].Length;
                families[i] = (cf ?? DefaultFamily).Handle;
            }
            fixed (nint* f = families, k = keyPointers, v = values, e = errors)
            fixed (nuint* ks = keySizes, vs = valueSizes)
                RocksDbNative.MultiGetCf(_db, ReadOptions(snapshot), f, (nuint)count, (byte**)k, ks, (byte**)v, vs, e);
            string? firstError = null;
            for (var i = 0; i < count; i++)
            {
                if (errors[i] != 0)
                {
                    firstError ??= Marshal.PtrToStringUTF8(errors[i]);
                    RocksDbNative.Free(errors[i]);
                }
                if (values[i] != 0) results[i] = TakeBuffer((byte*)values[i], valueSizes[i]);
            }
            if (firstError is not null) throw new RocksDbException($"rocksdb multi-get: {firstError}");
            return results;
        }
        finally
        {
            foreach (var handle in handles) if (handle.IsAllocated) handle.Free();
        }
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ColumnFamily? cf = null, bool sync = false)
    {
        CountersOff();
        nint error;
        fixed (byte* k = key, v = value)
            RocksDbNative.PutCf(_db, WriteOptions(sync), (cf ?? DefaultFamily).Handle, k, (nuint)key.Length, v, (nuint)value.Length, out error);
        RocksDbNative.Check(error, "put");
    }

    public void Delete(ReadOnlySpan<byte> key, ColumnFamily? cf = null, bool sync = false)
    {
        CountersOff();
        nint error;
        fixed (byte* k = key)
            RocksDbNative.DeleteCf(_db, WriteOptions(sync), (cf ?? DefaultFamily).Handle, k, (nuint)key.Length, out error);
        RocksDbNative.Check(error, "delete");
    }

    /// <summary>Applies the batch atomically; with sync, it is in the synced WAL when this returns.</summary>
    public void Write(WriteBatch batch, bool sync)
    {
        CountersOff();
        RocksDbNative.Write(_db, WriteOptions(sync), batch.Handle, out var error);
        RocksDbNative.Check(error, "write");
    }

    /// <summary>A consistent view of the database as it is now, for reads that must not see later writes.</summary>
    public RocksSnapshot CreateSnapshot() => new(_db);

    /// <summary>The sequence number of the last write readers can see (every write, batch or not, takes the next ones).</summary>
    public ulong LatestSequence => RocksDbNative.LatestSequenceNumber(_db);

    /// <summary>The entries whose keys start with <paramref name="prefix"/>, in key order.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanPrefix(byte[] prefix, ColumnFamily? cf = null, RocksSnapshot? snapshot = null)
    {
        CountersOff();
        using var iterator = new RocksIterator(_db, ReadOptions(snapshot), (cf ?? DefaultFamily).Handle);
        foreach (var entry in iterator.From(prefix))
        {
            if (!entry.Key.AsSpan().StartsWith(prefix)) yield break;
            yield return entry;
        }
    }

    private nint ReadOptions(RocksSnapshot? snapshot) => snapshot?.ReadOptions ?? _readOptions;

    private nint WriteOptions(bool sync) => sync ? _syncWriteOptions : _writeOptions;

    private static byte[] TakeBuffer(byte* value, nuint length)
    {
        try
        {
            return new ReadOnlySpan<byte>(value, checked((int)length)).ToArray();
        }
        finally
        {
            RocksDbNative.Free((nint)value);
        }
    }

    public void Dispose()
    {
        if (_db.IsClosed) return;
        _db.Dispose();
        RocksDbNative.ReadOptionsDestroy(_readOptions);
        RocksDbNative.WriteOptionsDestroy(_writeOptions);
        RocksDbNative.WriteOptionsDestroy(_syncWriteOptions);
        RocksDbNative.OptionsDestroy(_options);
        RocksDbNative.BlockBasedOptionsDestroy(_tableOptions);
        RocksDbNative.CacheDestroy(_cache);
    }
}
