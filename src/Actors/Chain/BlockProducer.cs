using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>
/// Submits a transaction. With Wait the answer is its <see cref="Receipt"/> once its block is
/// committed; without, <see cref="TxAccepted"/> at once. Either way a full mempool answers <see cref="TxRejected"/>.
/// </summary>
public sealed record SubmitTx(Transaction Transaction, bool Wait);

public sealed record TxAccepted(string TxHash);

/// <summary>Why a transaction was turned away.</summary>
public enum Rejection
{
    /// <summary>The node cannot take it now (mempool full, shutting down): it may be sent again later.</summary>
    Busy,
    /// <summary>Its sender has as many transactions pending as one sender may: it may be sent again once they are in blocks.</summary>
    SenderLimit,
    /// <summary>The same transaction is already pending or committed.</summary>
    Duplicate,
    /// <summary>It hit the time or heap limit, which do not decide a receipt: it was left out of the block.</summary>
    NotExecutable,
}

public sealed record TxRejected(string TxHash, string Reason, Rejection Kind = Rejection.Busy);

public sealed record GetMempoolStatus;

/// <summary>
/// The producer's figures: pending transactions, what it has committed, transactions per second over
/// the last 10 s, and why it is not producing, when the store cannot take blocks (null otherwise).
/// </summary>
public sealed record MempoolStatus(int Pending, long Height, long Transactions, long GasUsed, double TransactionsPerSecond,
    string? StorageProblem = null);

/// <summary>A contract event, published on the event stream after its block is committed.</summary>
public sealed record ContractEvent(string TxHash, long Height, string Content);

/// <summary>A committed block and its receipts, published on the event stream, with how long producing it took.</summary>
public sealed record BlockPublished(BlockRecord Block, IReadOnlyList<Receipt> Receipts, TimeSpan Duration);

/// <summary>
/// A block produced by another node: its header, transactions and the receipts it claims. It is
/// re-executed here and committed only if every receipt and the state root match; answered with
/// <see cref="BlockAccepted"/> or <see cref="BlockRefused"/> (which changes nothing).
/// </summary>
public sealed record ValidateBlock(long Height, string Hash, string ParentHash, long Time, string Witness, string StateRoot,
    IReadOnlyList<Transaction> Transactions, IReadOnlyList<Receipt> Receipts);

public sealed record BlockAccepted(BlockRecord Block);

public sealed record BlockRefused(string Reason);

/// <summary>For shutdown: finish the block in progress, reject everything still pending; answered with <see cref="Drained"/>.</summary>
public sealed record Drain;

public sealed record Drained;

/// <summary>
/// How blocks are produced. A block holds at most MaxBlockTransactions, of which at most
/// MaxBlockTransactionsPerSender from one publisher, and stops taking transactions once it has used
/// MaxBlockGas; one publisher may have at most MaxPendingPerSender transactions waiting.
/// </summary>
public sealed record ProducerSettings(TimeSpan Interval, int MempoolCapacity, int MaxBlockTransactions, string Witness)
{
    public static readonly ProducerSettings Default = new(TimeSpan.FromMilliseconds(500), 10_000, 1_000, "local");

    public long MaxBlockGas { get; init; } = 20_000_000;
    public int MaxPendingPerSender { get; init; } = 2_000;
    public int MaxBlockTransactionsPerSender { get; init; } = 250;
}

/// <summary>
/// The block producer: holds pending transactions in a bounded mempool and, every interval or as
/// soon as a block's worth is waiting, executes them in order on the worker pool, adds each
/// successful one to the block, commits the block, then answers the waiters and publishes events.
/// One block is produced at a time; submissions are accepted meanwhile.
/// </summary>
public sealed class BlockProducer : ActorBase
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private const int ChunkSize = 100;


    private sealed record Tick;

    private sealed record Produced(BlockRecord? Block, IReadOnlyList<(PendingTx Pending, Receipt Receipt)> Results, Exception? Error)
    {
        public TimeSpan Duration { get; init; }

        /// <summary>Transactions of the batch that the block's gas budget left for the next block.</summary>
        public IReadOnlyList<PendingTx> Deferred { get; init; } = [];
    }

    private sealed record Validated(object Answer, IActorRef ReplyTo);

    private sealed record StorageBack(string? Problem);

    private readonly IActorRef _vm;
    private readonly IActorRef _stateDb;
    private readonly ProducerSettings _settings;
    private readonly Mempool _mempool;
    private bool _producing;
    private bool _draining;
    private IActorRef? _drainer;
    private long _lastTime;
    // Set while the store cannot take blocks: submissions are refused, pending ones wait, and each
    // tick asks the store again until it can.
    private string? _storageProblem;
    private bool _checkingStorage;
    private long _height;
    private long _transactions;
    private long _gasUsed;
    private readonly Queue<(long At, int Count)> _recent = new();
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    public BlockProducer(IActorRef vm, IActorRef stateDb, ProducerSettings settings)
    {
        _vm = vm;
        _stateDb = stateDb;
        _settings = settings;
        _mempool = new Mempool(settings.MempoolCapacity, settings.MaxPendingPerSender);
        Receive<SubmitTx>(Submit);
        Receive<Tick>(_ =>
        {
            if (_storageProblem is null)
            {
                StartBlock();
                return;
            }
            if (_checkingStorage) return;
            _checkingStorage = true;
            var (self, problem) = (Self, _storageProblem);
            _stateDb.Ask<StorageChecked>(new CheckStorage(), StepTimeout).ContinueWith(
                t => self.Tell(new StorageBack(t.IsCompletedSuccessfully ? t.Result.Problem : problem)), TaskScheduler.Default);
        });
        Receive<StorageBack>(m =>
        {
            _checkingStorage = false;
            if (m.Problem is not null) return;
            Log.Info($"the store takes blocks again; producing resumes with {_mempool.Count} transactions waiting");
            _storageProblem = null;
            StartBlock();
        });
        Receive<Produced>(Finish);
        Receive<ValidateBlock>(m =>
        {
            // One block at a time: a block from elsewhere waits for the one being produced.
            if (_producing)
            {
                Stash.Stash();
                return;
            }
            _producing = true;
            var (self, replyTo) = (Self, Sender);
            _ = Validate(m).ContinueWith(t => self.Tell(new Validated(t.Result, replyTo)), TaskScheduler.Default);
        });
        Receive<Validated>(m =>
        {
            _producing = false;
            m.ReplyTo.Tell(m.Answer);
            if (m.Answer is BlockAccepted accepted) _height = accepted.Block.Height;
            AfterBlock();
        });
        Receive<Drain>(_ =>
        {
            _draining = true;
            _drainer = Sender;
            foreach (var pending in _mempool.Clear()) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
            AfterBlock();
        });
        Receive<GetMempoolStatus>(_ => Sender.Tell(new MempoolStatus(_mempool.Count, _height, _transactions, _gasUsed, Rate(), _storageProblem)));
    }

    protected internal override void PreStart() => Timers.StartPeriodicTimer("block", new Tick(), _settings.Interval);

    private void Submit(SubmitTx m)
    {
        var hash = m.Transaction.Hash;
        if (_draining)
        {
            Sender.Tell(new TxRejected(hash, "the node is shutting down"));
            return;
        }
        if (_storageProblem is not null)
        {
            Sender.Tell(new TxRejected(hash, $"the node cannot store blocks now: {_storageProblem}"));
            return;
        }
        if (_mempool.Admit(new PendingTx(m.Transaction, m.Wait ? Sender : null)) is { } refused)
        {
            Sender.Tell(refused);
            return;
        }
        if (!m.Wait) Sender.Tell(new TxAccepted(hash));
        if (_mempool.Count >= _settings.MaxBlockTransactions) StartBlock();
    }

    private void StartBlock()
    {
        if (_producing || _draining || _storageProblem is not null || _mempool.Count == 0) return;
        _producing = true;
        var batch = _mempool.TakeBatch(_settings.MaxBlockTransactions, _settings.MaxBlockTransactionsPerSender);
        // Block times only move forward, even if the clock does not.
        var time = _lastTime = Math.Max(_lastTime + 1, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        var self = Self;
        var started = System.Diagnostics.Stopwatch.StartNew();
        _ = Produce(batch, time).ContinueWith(t => self.Tell(t.Result with { Duration = started.Elapsed }), TaskScheduler.Default);
    }

    private async Task<Produced> Produce(List<PendingTx> batch, long time)
    {
        try
        {
            var head = await _stateDb.Ask<ChainStatus>(new GetChainStatus(), StepTimeout);
            var block = new BlockContext(head.Height + 1, head.HeadHash, _settings.Witness, time);
            var receipts = await ExecuteInOrder(batch.Select(p => p.Tx).ToList(), block, _settings.MaxBlockGas);
            // What the gas budget left out waits for the next block, ahead of what arrived since.
            var results = batch.Zip(receipts).ToList();
            var deferred = batch.Skip(receipts.Count).ToList();
            var included = results.Where(r => BlockRules.EntersBlock(r.Second)).ToList();
            var committed = await _stateDb.Ask<BlockCommitted>(new CommitBlock(Draft(time, _settings.Witness, included)), StepTimeout);
            return new Produced(committed.Block, results, null) { Deferred = deferred };
        }
        catch (Exception e)
        {
            _stateDb.Tell(new DiscardBlock());
            return new Produced(null, batch.Select(p => (p, Receipt.Failed(p.Tx.Hash, StatusCode.Unknown, "the block could not be produced"))).ToList(), e);
        }
    }

    /// <summary>
    /// Executes transactions in order on the worker pool, a chunk per message (so that no message
    /// waits on more than a chunk's time limits), then adds the successful ones' writes to the block.
    /// </summary>
    private async Task<List<Receipt>> ExecuteInOrder(IReadOnlyList<Transaction> transactions, BlockContext block, long gasBudget,
        bool validating = false)
    {
        var receipts = new List<Receipt>(transactions.Count);
        StateJournal? journal = null;
        var budget = gasBudget;
        while (receipts.Count < transactions.Count)
        {
            var chunk = transactions.Skip(receipts.Count).Take(ChunkSize).ToList();
            var executed = await _vm.Ask<BlockExecuted>(
                new ExecuteBlock(chunk, block, journal) { GasBudget = budget, Validating = validating }, StepTimeout);
            receipts.AddRange(executed.Receipts);
            journal = executed.Journal;
            if (executed.BudgetSpent) break;
            budget -= executed.GasCharged;
        }
        if (journal is not null) await _stateDb.Ask<AddedToBlock>(new AddToBlock(journal), StepTimeout);
        return receipts;
    }

    private static BlockDraft Draft(long time, string witness, IEnumerable<(PendingTx Pending, Receipt Receipt)> included) =>
        new(time, witness, included.Select(r => new StoredReceipt(r.Receipt.TxHash, ChainJson.Serialize(r.Receipt), ChainJson.Serialize(r.Pending.Tx))).ToList());

    /// <summary>Re-executes a block from elsewhere; commits it only when its header, every receipt and its state root match.</summary>
    private async Task<object> Validate(ValidateBlock m)
    {
        try
        {
            var head = await _stateDb.Ask<ChainStatus>(new GetChainStatus(), StepTimeout);
            if (m.Height != head.Height + 1) return new BlockRefused($"block {m.Height} does not follow this node's height {head.Height}");
            if (m.ParentHash != head.HeadHash) return new BlockRefused($"parent hash {m.ParentHash} is not this node's head {head.HeadHash}");
            if (m.Transactions.Count != m.Receipts.Count) return new BlockRefused("a block needs exactly one receipt per transaction");
            if (m.Transactions.Select(t => t.Hash).Distinct().Count() != m.Transactions.Count) return new BlockRefused("a block holds a transaction twice");
            for (var i = 0; i < m.Transactions.Count; i++)
            {
                if (m.Transactions[i].Hash != m.Receipts[i].TxHash) return new BlockRefused($"receipt {i} is not for transaction {m.Transactions[i].Hash}");
            }
            var hash = BlockRecord.HashOf(m.Height, m.ParentHash, m.Time, m.Witness, m.StateRoot, m.Transactions.Select(t => t.Hash).ToList());
            if (hash != m.Hash) return new BlockRefused($"the block hash {m.Hash} does not match its header ({hash})");

            var receipts = await ExecuteInOrder(m.Transactions, new BlockContext(m.Height, m.ParentHash, m.Witness, m.Time), long.MaxValue,
                validating: true);
            for (var i = 0; i < receipts.Count; i++)
            {
                var (mine, theirs) = (ChainJson.Serialize(receipts[i]), ChainJson.Serialize(m.Receipts[i]));
                if (BlockRules.HitResourceLimit(receipts[i]))
                    return Refuse($"transaction {i} ({receipts[i].TxHash}) could not be executed within this node's limits: {receipts[i].Status.Message}");
                if (receipts[i].Status.Code == StatusCode.WrongTxFormat || mine != theirs)
                    return Refuse($"transaction {i} ({receipts[i].TxHash}) gives receipt {mine}, the block claims {theirs}");
            }
            var root = await _stateDb.Ask<PreviewedRoot>(new PreviewRoot(), StepTimeout);
            if (root.StateRoot != m.StateRoot) return Refuse($"the state root would be {root.StateRoot}, the block claims {m.StateRoot}");
            var pending = m.Transactions.Select(t => new PendingTx(t, null));
            var committed = await _stateDb.Ask<BlockCommitted>(new CommitBlock(Draft(m.Time, m.Witness, pending.Zip(receipts))), StepTimeout);
            return new BlockAccepted(committed.Block);
        }
        catch (Exception e)
        {
            return Refuse($"the block could not be validated: {e.Message}");
        }

        BlockRefused Refuse(string reason)
        {
            _stateDb.Tell(new DiscardBlock());
            return new BlockRefused(reason);
        }
    }

    private void Finish(Produced m)
    {
        _producing = false;
        if (m.Error is StorageUnavailableException storage)
        {
            // Nothing was written: the whole batch waits at the front of the mempool, its waiters too.
            if (_storageProblem is null) Log.Error(null, $"block production paused: {storage.Message}");
            _storageProblem = storage.Message;
            _mempool.ReturnToFront(m.Results.Select(r => r.Pending).ToList());
            AfterBlock();
            return;
        }
        foreach (var (pending, _) in m.Results) _mempool.Forget(pending);
        _mempool.ReturnToFront(m.Deferred);
        if (m.Error is not null)
        {
            Log.Error(m.Error, "a block could not be produced; its transactions were rejected");
            foreach (var (pending, _) in m.Results)
                pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, $"the block could not be produced: {m.Error.Message}"));
        }
        else if (m.Block is { } block)
        {
            _height = block.Height;
            _transactions += m.Results.Count;
            _recent.Enqueue((Environment.TickCount64, m.Results.Count));
            foreach (var (pending, receipt) in m.Results)
            {
                if (BlockRules.HitResourceLimit(receipt))
                {
                    pending.Waiter?.Tell(new TxRejected(receipt.TxHash, $"left out of block {block.Height}: {receipt.Status.Message}", Rejection.NotExecutable));
                    continue;
                }
                _gasUsed += receipt.GasUsed;
                pending.Waiter?.Tell(receipt);
                foreach (var content in receipt.Events) Context.System.EventStream.Publish(new ContractEvent(receipt.TxHash, block.Height, content));
            }
            Context.System.EventStream.Publish(new BlockPublished(block, m.Results.Select(r => r.Receipt).ToList(), m.Duration));
        }
        AfterBlock();
    }

    /// <summary>After a block: blocks from elsewhere that waited go next, a draining producer reports, a full mempool produces.</summary>
    private void AfterBlock()
    {
        if (_producing) return;
        Stash.UnstashAll();
        if (_draining)
        {
            _drainer?.Tell(new Drained());
            _drainer = null;
            return;
        }
        if (_mempool.Count >= _settings.MaxBlockTransactions) StartBlock();
    }

    private double Rate()
    {
        var now = Environment.TickCount64;
        while (_recent.TryPeek(out var oldest) && now - oldest.At > RateWindow.TotalMilliseconds) _recent.Dequeue();
        return _recent.Sum(r => r.Count) / RateWindow.TotalSeconds;
    }

    /// <summary>Pending transactions that will not be produced are answered, not lost silently.</summary>
    protected internal override void PostStop()
    {
        foreach (var pending in _mempool.Waiting) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
    }
}
