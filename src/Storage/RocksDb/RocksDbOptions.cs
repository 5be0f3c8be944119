namespace ActorVm.Storage.RocksDb;

public enum Compression
{
    None = 0,
    Snappy = 1,
    Lz4 = 4,
    Zstd = 7,
}

/// <summary>How a database is opened. Writes are synced per call (WriteBatch with sync), not here.</summary>
public sealed record RocksDbOptions
{
    public bool CreateIfMissing { get; init; } = true;
    public Compression Compression { get; init; } = Compression.Lz4;

    /// <summary>
    /// The first levels, written without compression: a flush's output (level 0) and the first
    /// compaction's are rewritten soon, and compressing them was a quarter of RocksDB's background
    /// work under a node's load; older data (a few hundred MB on) is compressed as before.
    /// </summary>
    public int UncompressedLevels { get; init; } = 2;

    /// <summary>Size of the LRU block cache shared by all column families.</summary>
    public long BlockCacheBytes { get; init; } = 64L * 1024 * 1024;

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Memory all column families' memtables may hold together before the largest is flushed (RocksDB's
    /// db_write_buffer_size), and the size at which one column family's memtable is flushed: without a
    /// cap, six families of 64 MB memtables (two each) grow the process by hundreds of MB under load.
    /// </summary>
    public long MemtableBytes { get; init; } = 64L * 1024 * 1024;

    public long ColumnFamilyMemtableBytes { get; init; } = 16L * 1024 * 1024;

    public static readonly RocksDbOptions Default = new();
}

/// <summary>A column family of an open database; valid until the database is disposed.</summary>
public sealed class ColumnFamily
{
    internal ColumnFamily(string name, nint handle)
    {
        Name = name;
        Handle = handle;
    }

    public string Name { get; }
    internal nint Handle { get; }

    public override string ToString() => Name;
}
