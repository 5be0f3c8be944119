using ActorVm.Actors.Runtime;
using ActorVm.Storage.RocksDb;
using ActorVm.Storage.State;

namespace ActorVm.Actors.State;

/// <summary>Asks for what the next block is built on; answered with <see cref="BlockBase"/>.</summary>
public sealed record GetBlockBase;

/// <summary>The committed state under the blocks sealed but not yet on disk, and the tip they end in.</summary>
public sealed record BlockBase(StateView View, ChainTip Tip);

/// <summary>
/// Seals a block on Parent, which must be the tip: answered at once with <see cref="BlockSealed"/>
/// (and the base for the next block) or <see cref="SealRefused"/> (nothing changes); then, once the
/// block is on disk, with <see cref="BlockCommitted"/>, or with <see cref="BlockNotCommitted"/> when
/// its write failed, which drops it and every block sealed after it.
/// </summary>
public sealed record SealBlock(ChainTip Parent, BlockDraft Draft, WriteSet Writes);

public sealed record BlockSealed(BlockRecord Block, BlockBase Next);

/// <summary>Why a block was not sealed: a parent that is not the tip, or a store that cannot take blocks (StorageProblem).</summary>
public sealed record SealRefused(string Reason, bool StorageProblem);

public sealed record BlockNotCommitted(BlockRecord Block, string Reason);

/// <summary>Whether the store can take a block now; answered with <see cref="StorageChecked"/>.</summary>
public sealed record CheckStorage;

public sealed record StorageChecked(string? Problem);

/// <summary>The store cannot take blocks for now (a full disk, a failed write); the message says why.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);

public sealed record BlockCommitted(BlockRecord Block);

public sealed record GetChainStatus;

public sealed record ChainStatus(long Height, string StateRoot, string HeadHash);

public sealed record ReadValue(string Contract, string Key, string? Field = null);

public sealed record ReadReceipt(string TxHash);

/// <summary>A committed transaction, its receipt (JSON) and its block's height; answered with <see cref="StoredTransaction"/>.</summary>
public sealed record ReadTransaction(string TxHash);

/// <summary>The transaction as its record keeps it: the asker reads it (<see cref="Chain.KeptTransactions"/>), not this actor.</summary>
public sealed record StoredTransaction(KeptTransaction? Transaction, string? Receipt, long? Height);

/// <summary>The height of the committed block with this hash; answered with <see cref="StoredHeight"/>.</summary>
public sealed record FindBlock(string Hash);

public sealed record StoredHeight(long? Height);

/// <summary>Committed values by their state keys (<see cref="StateKeys"/>); answered with <see cref="StoredValues"/>.</summary>
public sealed record ReadKeys(IReadOnlyList<string> Keys);

public sealed record StoredValues(IReadOnlyList<string?> Values);

/// <summary>A block by height, or the latest when Height is null.</summary>
public sealed record ReadBlock(long? Height);

/// <summary>A stored string (a value, or a receipt as JSON), or null when there is none.</summary>
public sealed record StoredValue(string? Value);

public sealed record StoredBlock(BlockRecord? Block);

/// <summary>A block with its transactions (unless not wanted) and receipts as stored, for handing to another node.</summary>
public sealed record ReadFullBlock(long Height, bool WithTransactions = true);

/// <summary>The transactions as their records keep them (null for one not kept), the receipts as JSON ("null" for one missing).</summary>
public sealed record FullBlock(BlockRecord? Block, IReadOnlyList<KeptTransaction?> Transactions, IReadOnlyList<string> Receipts);

/// <summary>
/// The single writer of state. It owns the chain of blocks sealed but not yet on disk: it seals each
/// block on the tip (state root and hash), answers at once with the base for the next one, so that
/// block N+1 executes while block N is written, and hands the sealed block to its
/// <see cref="BlockWriter"/>, which writes blocks one at a time, in order, each synced. Whoever sealed
/// a block hears when it is on disk. Reads of committed state are answered in between.
/// </summary>
public sealed class StateDbActor : ActorBase
{
    private readonly StateDb _db;
    private readonly long _reserveBytes;
    // Numbered by seal: a block sealed again after a failure (a block from elsewhere, validated again)
    // has the same hash, and must not be taken for the one that failed.
    private readonly List<(SealedBlock Block, IActorRef ReplyTo, long Seal)> _unwritten = [];
    private long _seals;
    private ChainTip _tip;
    private IActorRef _writer = null!;

    /// <param name="reserveBytes">Free disk below which no block is sealed (RocksDB must never meet a full disk).</param>
    public StateDbActor(StateDb db, long reserveBytes = 64L * 1024 * 1024)
    {
        _db = db;
        _reserveBytes = reserveBytes;
        _tip = db.Tip;
        Receive<GetBlockBase>(_ =>
        {
            Refresh();
            Sender.Tell(Base());
        });
        Receive<SealBlock>(Seal);
        Receive<BlockWritten>(Written);
        Receive<CheckStorage>(_ => Sender.Tell(new StorageChecked(db.WriteProblem(reserveBytes))));
        Receive<GetChainStatus>(_ => Sender.Tell(new ChainStatus(db.Height, Convert.ToHexStringLower(db.StateRoot), db.HeadHash)));
        // Reads are total: a name no key can hold is answered as missing, never a failure of this actor.
        Receive<ReadValue>(m => Answer(() => new StoredValue(Read(() =>
            m.Field is null ? StateKeys.Value(m.Contract, m.Key) : StateKeys.MapField(m.Contract, m.Key, m.Field)))));
        Receive<ReadReceipt>(m => Answer(() => new StoredValue(db.GetReceipt(m.TxHash))));
        Receive<ReadTransaction>(m => Answer(() => new StoredTransaction(db.GetTransaction(m.TxHash), db.GetReceipt(m.TxHash), db.BlockOfTransaction(m.TxHash))));
        Receive<FindBlock>(m => Answer(() => new StoredHeight(db.BlockOfHash(m.Hash))));
        Receive<ReadKeys>(m => Answer(() => new StoredValues(m.Keys.Select(k => Read(() => k)).ToList())));
        Receive<ReadBlock>(m => Answer(() => new StoredBlock(db.GetBlock(m.Height ?? db.Height))));
        Receive<ReadFullBlock>(m => Answer(() =>
        {
            var block = db.GetBlock(m.Height);
            var hashes = block?.TxHashes ?? [];
            return new FullBlock(block, m.WithTransactions ? hashes.Select(db.GetTransaction).ToList() : [],
                hashes.Select(h => db.GetReceipt(h) ?? "null").ToList());
        }));
    }

    protected override void PreStart() =>
        _writer = Context.ActorOf(Props.Create(() => new BlockWriter(_db, _reserveBytes)).WithPinnedDispatcher(), "writer");

    /// <summary>With nothing unwritten, the tip is the store's head (which a tool may have moved).</summary>
    /// <summary>A committed value by the key a function names; null when no key can have that name.</summary>
    private string? Read(Func<string> key)
    {
        try
        {
            return _db.GetCommitted(key());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Answers a read, which changes nothing here: one that fails (a record the store cannot read) fails
    /// its asker, not this actor, whose restart would drop the blocks sealed and not yet written.
    /// </summary>
    private void Answer(Func<object> read)
    {
        object answer;
        try
        {
            answer = read();
        }
        catch (Exception e)
        {
            answer = new StatusFailure(e);
        }
        Sender.Tell(answer);
    }

    private void Refresh()
    {
        if (_unwritten.Count == 0) _tip = _db.Tip;
    }

    private BlockBase Base()
    {
        var view = _db.View();
        foreach (var (block, _, _) in _unwritten) view = view.With(block.Writes, block.ReplayKeys);
        return new BlockBase(view, _tip);
    }

    private void Seal(SealBlock m)
    {
        Refresh();
        if (m.Parent.Hash != _tip.Hash || m.Parent.Height != _tip.Height)
        {
            Sender.Tell(new SealRefused($"the block was built on block {m.Parent.Height} ({m.Parent.Hash}), the tip is block {_tip.Height} ({_tip.Hash})", false));
            return;
        }
        if (_db.WriteProblem(_reserveBytes) is { } problem)
        {
            Sender.Tell(new SealRefused(problem, true));
            return;
        }
        var sealedBlock = SealedBlock.On(_tip, m.Draft, m.Writes);
        var seal = ++_seals;
        _unwritten.Add((sealedBlock, Sender, seal));
        _tip = sealedBlock.Tip;
        _writer.Tell(new WriteBlock(sealedBlock, seal), Self);
        Sender.Tell(new BlockSealed(sealedBlock.Block, Base()));
    }

    private void Written(BlockWritten m)
    {
        var index = _unwritten.FindIndex(u => u.Seal == m.Seal);
        // A block dropped after an earlier one failed: the writer refused it too.
        if (index < 0) return;
        if (m.Problem is null)
        {
            var (block, replyTo, _) = _unwritten[index];
            _unwritten.RemoveAt(index);
            replyTo.Tell(new BlockCommitted(block.Block));
            return;
        }
        // Nothing built on a block that is not on disk can be: it and every block sealed after it go.
        foreach (var (block, replyTo, _) in _unwritten.Skip(index)) replyTo.Tell(new BlockNotCommitted(block.Block, m.Problem));
        _unwritten.RemoveRange(index, _unwritten.Count - index);
        _tip = _unwritten.Count > 0 ? _unwritten[^1].Block.Tip : _db.Tip;
    }
}
