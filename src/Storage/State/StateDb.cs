using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Storage.State;

public sealed record StateDbOptions
{
    /// <summary>Bytes of committed values kept in memory (level 3).</summary>
    public long ReadCacheBytes { get; init; } = 64L * 1024 * 1024;

    public RocksDbOptions RocksDb { get; init; } = RocksDbOptions.Default;

    /// <summary>
    /// How far behind the newest block's time the replay filter keeps transactions: it should cover a
    /// transaction's whole life (IOST: 90 s, and 30 s ahead of its block). Older ones are asked of the
    /// store, so this decides only how often the store is read.
    /// </summary>
    public TimeSpan ReplayFilterRetention { get; init; } = TimeSpan.FromMinutes(3);

    public static readonly StateDbOptions Default = new();
}

/// <summary>
/// The state over RocksDB. The node seals blocks from immutable write sets (<see cref="SealedBlock"/>)
/// and <see cref="Write"/>s them in chain order, each in one synced WriteBatch (the block's state
/// writes, the block, its receipts, the new height and the state root), so after a crash the store
/// holds the whole block or none of it; execution reads through a <see cref="StateView"/> (sealed
/// blocks' writes → read cache → RocksDB). Tools and tests may instead build one block at a time here:
/// a journal per transaction (<see cref="BeginTransaction"/>), merged into the block cache, then
/// <see cref="CommitBlock"/>. Snapshots, receipts, blocks and the head may be read from any thread.
/// </summary>
public sealed class StateDb : IDisposable
{
    private readonly RocksDatabase _db;
    private readonly ColumnFamily _state, _blocks, _receipts, _meta;
    private readonly ReadCache _readCache;
    private readonly BlockCache _blockCache;
    private readonly Lock _commitGate = new();
    // Held only while a commit moves its writes into the read cache and the head forward: a read that
    // missed the cache waits for that, never for a block's synced write.
    private readonly Lock _cacheGate = new();
    private readonly string _directory;
    // Used by Write only, under the commit gate.
    private readonly Utf8Buffer _keyBuffer = new(), _valueBuffer = new();
    private ArrayBufferWriter<byte> _recordBuffer = new(4096);
    private volatile Head _head;
    private volatile string? _writeFailure;
    private readonly ReplayFilter _replays;
    private readonly long _replayRetentionNanos;
    // Written by Write only, under the commit gate.
    private long _replayWatermark;

    /// <param name="Sequence">RocksDB's latest sequence number once the head's block was written: a snapshot taken while it is still the latest holds exactly the head's state.</param>
    private sealed record Head(long Height, byte[] Root, string Hash, ulong Sequence);

    private StateDb(RocksDatabase db, string directory, StateDbOptions options)
    {
        _db = db;
        _directory = directory;
        (_state, _blocks, _receipts, _meta) = (db.Family(StateKeys.StateFamily), db.Family(StateKeys.BlocksFamily),
            db.Family(StateKeys.ReceiptsFamily), db.Family(StateKeys.MetaFamily));
        CodeCache = db.Family(StateKeys.CodeCacheFamily);
        _readCache = new ReadCache(options.ReadCacheBytes);
        Committed = new CommittedState(this);
        _blockCache = new BlockCache(Committed);
        _head = new Head(
            long.TryParse(Text(db.Get(Bytes(StateKeys.MetaHeight), _meta)), out var height) ? height : 0,
            db.Get(Bytes(StateKeys.MetaRoot), _meta) ?? State.StateRoot.Genesis,
            Text(db.Get(Bytes(StateKeys.MetaHead), _meta)) ?? "", db.LatestSequence);
        if (_head.Hash.Length > 0 && Text(db.Get(Bytes(StateKeys.MetaFormat), _meta)) is var format && (format is null || !StateKeys.ReadableFormats.Contains(format)))
            throw new InvalidDataException(format is not null && int.TryParse(format, out var layout) && layout > int.Parse(StateKeys.Format)
                ? $"{directory} holds a chain stored by a later version of ActorVm (layout {format}, this version writes {StateKeys.Format}): start this version on a new data directory"
                : $"{directory} holds a chain stored by an earlier version of ActorVm (another layout of its transactions): start the node on a new data directory");
        // A store written (in part) by a version that did not keep the watermark may hold transactions of
        // any time: for it the filter knows nothing, and every replay check reads the store, as it always did.
        _replayWatermark = _head.Hash.Length == 0 ? long.MinValue : WatermarkAt(Text(db.Get(Bytes(StateKeys.MetaReplayWatermark), _meta)), _head.Height);
        _replays = new ReplayFilter(_replayWatermark);
        _replayRetentionNanos = (long)options.ReplayFilterRetention.TotalNanoseconds;
    }

    private static long WatermarkAt(string? stored, long headHeight)
    {
        var parts = stored?.Split(':');
        return parts is [var height, var time]
            && long.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at == headHeight
            && long.TryParse(time, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var watermark)
                ? watermark : long.MaxValue;
    }

    public static StateDb Open(string directory, StateDbOptions? options = null)
    {
        options ??= StateDbOptions.Default;
        var db = RocksDatabase.Open(directory, options.RocksDb, StateKeys.Families);
        try
        {
            return new StateDb(db, directory, options);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Height of the last committed block; 0 before the first.</summary>
    public long Height => _head.Height;

    public byte[] StateRoot => _head.Root;

    /// <summary>Hash of the last committed block; empty before the first.</summary>
    public string HeadHash => _head.Hash;

    /// <summary>The committed state (through the read cache); safe from any thread.</summary>
    public IStateReader Committed { get; }

    public ReadCache ReadCache => _readCache;

    /// <summary>The raw database, for the code cache column family and measurements.</summary>
    public RocksDatabase Database => _db;

    public ColumnFamily CodeCache { get; }

    /// <summary>Writes of the block being built, by key.</summary>
    public IReadOnlyDictionary<string, string?> PendingWrites => _blockCache.Writes;

    /// <summary>A journal for one transaction, over the block being built.</summary>
    public StateJournal BeginTransaction() => new(_blockCache);

    /// <summary>Moves a successful transaction's writes into the block being built.</summary>
    public void CommitTransaction(StateJournal journal) => _blockCache.Merge(journal.Writes);

    /// <summary>Drops the block being built (for example a block that failed validation).</summary>
    public void DiscardBlock() => _blockCache.Clear();

    /// <summary>Commits the block being built; it is synced to disk when this returns.</summary>
    public BlockRecord CommitBlock(BlockDraft draft)
    {
        var block = SealedBlock.On(Tip, draft, WriteSet.From(_blockCache.Writes));
        Write(block);
        _blockCache.Clear();
        return block.Block;
    }

    /// <summary>Whether the store holds no block at all, not even a genesis block.</summary>
    public bool IsEmpty => _head.Hash.Length == 0;

    /// <summary>Commits the block being built as block 0 of an empty store; it is synced to disk when this returns.</summary>
    public BlockRecord CommitGenesis(BlockDraft draft)
    {
        var block = SealedBlock.Genesis(Tip, draft, WriteSet.From(_blockCache.Writes));
        Write(block);
        _blockCache.Clear();
        return block.Block;
    }

    /// <summary>The head as of the last block on disk.</summary>
    public ChainTip Tip
    {
        get
        {
            var head = _head;
            return new ChainTip(head.Height, head.Hash, head.Root);
        }
    }

    /// <summary>The committed state with nothing over it.</summary>
    public StateView View() => new(this, []);

    /// <summary>
    /// Writes a sealed block, its receipts, the new height and the state root in one synced batch:
    /// after a crash the store holds the whole block or none of it. The block must follow the head.
    /// </summary>
    public void Write(SealedBlock sealedBlock)
    {
        lock (_commitGate)
        {
            var head = _head;
            var block = sealedBlock.Block;
            var genesis = block.Height == 0 && head.Height == 0 && head.Hash.Length == 0 && block.ParentHash.Length == 0;
            if (!genesis && (block.Height != head.Height + 1 || block.ParentHash != head.Hash))
                throw new InvalidOperationException($"block {block.Height} does not follow the head (block {head.Height}, {head.Hash})");
            var writes = sealedBlock.Writes;
            using var batch = new WriteBatch(_db);
            // The batch copies what it is given: keys and values are encoded into buffers kept for
            // the next block (they were a fifth of what a block's write allocated).
            foreach (var (key, value) in writes)
            {
                if (value is null) batch.Delete(_keyBuffer.Utf8(key), _state);
                else batch.Put(_keyBuffer.Utf8(key), _valueBuffer.Utf8(value), _state);
            }
            // In key order, as the state writes are: RocksDB's memtable then inserts each key next to
            // the one before instead of searching its skip list from the top (a third of a block's
            // write time went into those searches for hashes in block order).
            var height = Bytes(block.Height.ToString(CultureInfo.InvariantCulture));
            foreach (var receipt in sealedBlock.Receipts.OrderBy(r => r.TxHash, StringComparer.Ordinal))
                batch.Put(_keyBuffer.Utf8(receipt.TxHash), receipt.Record(block.Height, _recordBuffer), _receipts);
            // A buffer a large record (a deploy's code) grew is not kept.
            if (_recordBuffer.Capacity > 1024 * 1024) _recordBuffer = new(4096);
            var watermark = _replayWatermark;
            foreach (var receipt in sealedBlock.Receipts.OrderBy(r => r.ReplayKeyOrHash, StringComparer.Ordinal))
            {
                batch.Put(_keyBuffer.Utf8(StateKeys.Replay(receipt.ReplayKeyOrHash)), height, _meta);
                watermark = receipt.ReplayTime is { } time && watermark != long.MaxValue ? Math.Max(watermark, time) : long.MaxValue;
            }
            batch.Put(Bytes(StateKeys.MetaReplayWatermark), Bytes(string.Create(CultureInfo.InvariantCulture, $"{block.Height}:{watermark}")), _meta);
            batch.Put(Bytes(StateKeys.BlockOfHash(block.Hash)), height, _meta);
            batch.Put(StateKeys.BlockKey(block.Height), JsonSerializer.SerializeToUtf8Bytes(block), _blocks);
            batch.Put(Bytes(StateKeys.MetaHeight), Bytes(block.Height.ToString()), _meta);
            batch.Put(Bytes(StateKeys.MetaRoot), sealedBlock.Root, _meta);
            batch.Put(Bytes(StateKeys.MetaHead), Bytes(block.Hash), _meta);
            batch.Put(Bytes(StateKeys.MetaFormat), Bytes(StateKeys.Format), _meta);
            // Known to the filter before it is on disk: a maybe for a block that then fails to be
            // written costs a read, but a no for one that is on disk would let it run again.
            foreach (var receipt in sealedBlock.Receipts)
                _replays.Add(receipt.ReplayKeyOrHash, receipt.ReplayTime);
            try
            {
                if (WriteFault?.Invoke(sealedBlock) is { } fault) throw fault;
                // A cluster's producer makes the block durable in the cluster first: a block on this
                // disk is one every replica can get. A failure here writes nothing.
                BeforeWrite?.Invoke(sealedBlock);
                _db.Write(batch, sync: true);
            }
            catch (RocksDbException e)
            {
                // RocksDB keeps refusing writes after a failed one until it is opened again.
                _writeFailure = $"a block could not be written ({e.Message}): restart the node once the disk is fixed";
                throw;
            }

            _replayWatermark = watermark;
            _replays.ForgetBefore(block.Time - _replayRetentionNanos);
            lock (_cacheGate)
            {
                foreach (var (key, value) in writes) _readCache.Set(key, value);
                _head = new Head(block.Height, sealedBlock.Root, block.Hash, _db.LatestSequence);
            }
        }
    }

    /// <summary>A consistent view of the last committed block, unaffected by later commits.</summary>
    public StateSnapshot Snapshot()
    {
        // Without waiting for a block being written: when nothing became visible since the head's
        // block, before the snapshot or while it was taken, the snapshot holds exactly the head's state.
        var head = _head;
        if (_db.LatestSequence == head.Sequence)
        {
            var snapshot = _db.CreateSnapshot();
            if (_db.LatestSequence == head.Sequence && ReferenceEquals(head, _head))
                return new StateSnapshot(_db, _state, snapshot, head.Height, head.Root);
            snapshot.Dispose();
        }
        lock (_commitGate)
        {
            var committed = _head;
            return new StateSnapshot(_db, _state, _db.CreateSnapshot(), committed.Height, committed.Root);
        }
    }

    /// <summary>A committed value (through the read cache); safe from any thread.</summary>
    public string? GetCommitted(string key)
    {
        if (_readCache.TryGet(key, out var cached)) return cached;
        var head = _head;
        var value = Text(_db.Get(Bytes(key), _state));
        AfterMissRead?.Invoke();
        // A block committed since the read began may have changed the key (and set the cache): what
        // was read is cached only when no commit came in between. A value read from a block that is
        // on disk but not yet in the cache is that block's own, which its commit then caches anyway.
        lock (_cacheGate)
        {
            if (ReferenceEquals(head, _head)) _readCache.Set(key, value);
        }
        return value;
    }

    /// <summary>A failure to raise instead of writing a block (a test's failing disk); null writes normally.</summary>
    internal Func<SealedBlock, RocksDbException?>? WriteFault { get; set; }

    /// <summary>Runs before each block is written, in chain order, inside the commit: it may refuse the write by throwing.</summary>
    public Action<SealedBlock>? BeforeWrite { get; set; }

    /// <summary>Runs between a cache miss's read and its cache fill: lets a test commit in between.</summary>
    internal Action? AfterMissRead { get; set; }

    /// <summary>
    /// Why the store cannot take another block now, or null: less free disk than the reserve (so that
    /// RocksDB itself never meets a full disk), or an earlier write that failed.
    /// </summary>
    public string? WriteProblem(long reserveBytes)
    {
        if (_writeFailure is { } failure) return failure;
        long free;
        try
        {
            free = new DriveInfo(_directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"the free space of {_directory} cannot be read: {e.Message}";
        }
        return free < reserveBytes
            ? $"the disk holding {_directory} has {free / (1024 * 1024)} MiB free, less than the {reserveBytes / (1024 * 1024)} MiB reserve: free some space"
            : null;
    }

    public string? GetReceipt(string txHash) => Record(txHash)?.Receipt;

    private TransactionRecord? Record(string txHash) => _db.Get(Bytes(txHash), _receipts) is { } bytes ? TransactionRecord.Parse(bytes) : null;

    /// <summary>Whether a committed block holds a transaction with this replay key and time; the filter spares most reads.</summary>
    public bool IsCommitted(string replayKey, long txTime) =>
        _replays.MayHold(replayKey, txTime) && _db.Get(Bytes(StateKeys.Replay(replayKey)), _meta) is not null;

    /// <summary>The replay filter in front of <see cref="IsCommitted"/>.</summary>
    public ReplayFilter Replays => _replays;

    /// <summary>The transaction committed under a hash, in the form its record keeps it; null when none is.</summary>
    public KeptTransaction? GetTransaction(string txHash) => Record(txHash)?.Transaction;

    /// <summary>A value the node keeps about its chain beside the blocks (meta family), or null.</summary>
    public string? ReadMeta(string key) => Text(_db.Get(Bytes("node-" + key), _meta));

    /// <summary>Keeps a value about the chain, synced.</summary>
    public void WriteMeta(string key, string value) => _db.Put(Bytes("node-" + key), Bytes(value), _meta, sync: true);

    /// <summary>The height of the committed block holding this transaction, or null.</summary>
    public long? BlockOfTransaction(string txHash) => Record(txHash)?.Height;

    /// <summary>The height of the committed block with this hash, or null.</summary>
    public long? BlockOfHash(string blockHash) => ParseHeight(_db.Get(Bytes(StateKeys.BlockOfHash(blockHash)), _meta));

    private static long? ParseHeight(byte[]? bytes) => bytes is null ? null : long.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture);


    public BlockRecord? GetBlock(long height) =>
        _db.Get(StateKeys.BlockKey(height), _blocks) is { } json ? JsonSerializer.Deserialize<BlockRecord>(json) : null;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    public void Dispose() => _db.Dispose();

    /// <summary>Level 3 and 4: committed state through the read cache.</summary>
    private sealed class CommittedState(StateDb db) : IStateReader
    {
        public string? Get(string key) => db.GetCommitted(key);
    }
}
