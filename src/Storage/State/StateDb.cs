using System.Text;
using System.Text.Json;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Storage.State;

public sealed record StateDbOptions
{
    /// <summary>Bytes of committed values kept in memory (level 3).</summary>
    public long ReadCacheBytes { get; init; } = 64L * 1024 * 1024;

    public RocksDbOptions RocksDb { get; init; } = RocksDbOptions.Default;

    public static readonly StateDbOptions Default = new();
}

/// <summary>
/// The state over RocksDB. One writer (the StateDB actor) builds blocks: each transaction runs in
/// its own journal (level 1, <see cref="BeginTransaction"/>); a committed transaction's writes join
/// the block cache (level 2); <see cref="CommitBlock"/> writes the block's state writes, the block,
/// its receipts, the new height and the state root in one synced WriteBatch, so after a crash the
/// store holds the whole block or none of it. Reads go journal → block cache → read cache → RocksDB.
/// Snapshots, receipts, blocks and the head may be read from any thread at any time.
/// </summary>
public sealed class StateDb : IDisposable
{
    private readonly RocksDatabase _db;
    private readonly ColumnFamily _state, _blocks, _receipts, _meta, _transactions;
    private readonly ReadCache _readCache;
    private readonly BlockCache _blockCache;
    private readonly Lock _commitGate = new();
    private readonly string _directory;
    private volatile Head _head;
    private volatile string? _writeFailure;

    private sealed record Head(long Height, byte[] Root, string Hash);

    private StateDb(RocksDatabase db, string directory, StateDbOptions options)
    {
        _db = db;
        _directory = directory;
        (_state, _blocks, _receipts, _meta) = (db.Family(StateKeys.StateFamily), db.Family(StateKeys.BlocksFamily),
            db.Family(StateKeys.ReceiptsFamily), db.Family(StateKeys.MetaFamily));
        CodeCache = db.Family(StateKeys.CodeCacheFamily);
        _transactions = db.Family(StateKeys.TransactionsFamily);
        _readCache = new ReadCache(options.ReadCacheBytes);
        Committed = new CommittedState(this);
        _blockCache = new BlockCache(Committed);
        _head = new Head(
            long.TryParse(Text(db.Get(Bytes(StateKeys.MetaHeight), _meta)), out var height) ? height : 0,
            db.Get(Bytes(StateKeys.MetaRoot), _meta) ?? State.StateRoot.Genesis,
            Text(db.Get(Bytes(StateKeys.MetaHead), _meta)) ?? "");
    }

    public static StateDb Open(string directory, StateDbOptions? options = null)
    {
        options ??= StateDbOptions.Default;
        return new StateDb(RocksDatabase.Open(directory, options.RocksDb, StateKeys.Families), directory, options);
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
        lock (_commitGate)
        {
            var head = _head;
            var writes = _blockCache.Writes;
            var height = head.Height + 1;
            var root = State.StateRoot.Next(head.Root, writes);
            var rootHex = Convert.ToHexStringLower(root);
            var txHashes = draft.Receipts.Select(r => r.TxHash).ToList();
            var hash = BlockRecord.HashOf(height, head.Hash, draft.Time, draft.Witness, rootHex, txHashes);
            var block = new BlockRecord(height, hash, head.Hash, draft.Time, draft.Witness, rootHex, txHashes);

            using var batch = new WriteBatch(_db);
            foreach (var (key, value) in writes)
            {
                if (value is null) batch.Delete(Bytes(key), _state);
                else batch.Put(Bytes(key), Bytes(value), _state);
            }
            foreach (var receipt in draft.Receipts)
            {
                batch.Put(Bytes(receipt.TxHash), Bytes(receipt.Json), _receipts);
                if (receipt.TransactionJson is { } tx) batch.Put(Bytes(receipt.TxHash), Bytes(tx), _transactions);
            }
            batch.Put(StateKeys.BlockKey(height), JsonSerializer.SerializeToUtf8Bytes(block), _blocks);
            batch.Put(Bytes(StateKeys.MetaHeight), Bytes(height.ToString()), _meta);
            batch.Put(Bytes(StateKeys.MetaRoot), root, _meta);
            batch.Put(Bytes(StateKeys.MetaHead), Bytes(hash), _meta);
            try
            {
                _db.Write(batch, sync: true);
            }
            catch (RocksDbException e)
            {
                // RocksDB keeps refusing writes after a failed one until it is opened again.
                _writeFailure = $"a block could not be written ({e.Message}): restart the node once the disk is fixed";
                throw;
            }

            foreach (var (key, value) in writes) _readCache.Set(key, value);
            _head = new Head(height, root, hash);
            _blockCache.Clear();
            return block;
        }
    }

    /// <summary>A consistent view of the last committed block, unaffected by later commits.</summary>
    public StateSnapshot Snapshot()
    {
        lock (_commitGate)
        {
            var head = _head;
            return new StateSnapshot(_db, _state, _db.CreateSnapshot(), head.Height, head.Root);
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
        // was read is cached only when no commit came in between, checked under the commit's lock.
        lock (_commitGate)
        {
            if (ReferenceEquals(head, _head)) _readCache.Set(key, value);
        }
        return value;
    }

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

    public string? GetReceipt(string txHash) => Text(_db.Get(Bytes(txHash), _receipts));

    /// <summary>True when a committed block holds this transaction (its receipt is stored with it).</summary>
    public bool IsCommitted(string txHash) => _db.Get(Bytes(txHash), _receipts) is not null;

    public string? GetTransaction(string txHash) => Text(_db.Get(Bytes(txHash), _transactions));

    /// <summary>The state root the block being built would get, without committing it (for validating a block from elsewhere).</summary>
    public byte[] PreviewRoot() => State.StateRoot.Next(_head.Root, _blockCache.Writes);

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
