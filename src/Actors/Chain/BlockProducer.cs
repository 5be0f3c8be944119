using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>
/// Submits a transaction. With Wait the answer is its <see cref="Receipt"/> once its block is
/// committed; without, <see cref="TxAccepted"/> at once. Either way a full mempool answers <see cref="TxRejected"/>.
/// The transaction's hash is computed and its actions' data parsed here, by whoever submits, not by
/// the producer or a worker.
/// </summary>
public sealed record SubmitTx(Transaction Transaction, bool Wait)
{
    public string TxHash { get; } = Prepared(Transaction);

    /// <summary>
    /// The hash, with the actions' data parsed and the replay key encoded on the way (all kept by the
    /// transaction), by the submitter: the mempool reads them on the producer's thread.
    /// </summary>
    internal static string Prepared(Transaction tx)
    {
        // A transaction too malformed to parse is refused by the format check, not here.
        var actions = tx.Actions ?? [];
        for (var i = 0; i < actions.Count; i++) _ = actions[i]?.Arguments;
        var hash = tx.Hash;
        _ = tx.ReplayKey;
        return hash;
    }
}

public sealed record TxAccepted(string TxHash);

/// <summary>
/// Submits transactions in order, none waiting for its receipt, in one message: answered with
/// <see cref="BatchAdmitted"/>. Admission stops at the first one turned away.
/// </summary>
public sealed record SubmitBatch(IReadOnlyList<Transaction> Transactions)
{
    /// <summary>The hashes, computed by whoever submits, not by the producer.</summary>
    public IReadOnlyList<string> TxHashes { get; } = Transactions.Select(SubmitTx.Prepared).ToList();
}

/// <summary>The hashes of the transactions admitted, in order, and why the next one was not (null when all were).</summary>
public sealed record BatchAdmitted(IReadOnlyList<string> Accepted, TxRejected? Refused);

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

/// <summary>Asks why a transaction with no stored receipt was left out of its block; answered with <see cref="LeftOut"/>.</summary>
public sealed record GetLeftOut(string TxHash);

/// <summary>Why the transaction was left out of its block, or null when this producer does not know it as left out.</summary>
public sealed record LeftOut(string? Reason);

/// <summary>
/// The producer's figures: pending transactions, what it has committed, transactions per second over
/// the last 10 s, and why it is not producing, when the store cannot take blocks (null otherwise).
/// </summary>
public sealed record MempoolStatus(int Pending, long Height, long Transactions, long GasUsed, double TransactionsPerSecond,
    string? StorageProblem = null);


/// <summary>
/// Where a block's time went: executing its transactions, drafting the block, from then until it was
/// sealed, and from sealed until on disk (Commit: encoding the receipts and the synced write), of which
/// Overlapped had the next block executing.
/// </summary>
public sealed record BlockTimes(TimeSpan Execute, TimeSpan Receipts, TimeSpan Seal, TimeSpan Commit, TimeSpan Overlapped)
{
    /// <summary>Waves the block's transactions ran in side by side (0: in order on one lane), and how many ran again.</summary>
    public int Waves { get; init; }
    public int Reexecuted { get; init; }

    public static readonly BlockTimes None = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>A committed block and its receipts, published on the event stream, with how long producing it took.</summary>
public sealed record BlockPublished(BlockRecord Block, IReadOnlyList<Receipt> Receipts, TimeSpan Duration)
{
    public BlockTimes Times { get; init; } = BlockTimes.None;
}

/// <summary>
/// A block produced by another node: its header, transactions and the receipts it claims. It is
/// re-executed here and committed only if every receipt and the state root match; answered with
/// <see cref="BlockAccepted"/> or <see cref="BlockRefused"/> (which changes nothing).
/// </summary>
public sealed record ValidateBlock(long Height, string Hash, string ParentHash, long Time, string Witness, string StateRoot,
    IReadOnlyList<Transaction> Transactions, IReadOnlyList<Receipt> Receipts)
{
    /// <summary>The producer's signature over the hash, in IOST's JSON form.</summary>
    public string Signature { get; init; } = "";

    /// <summary>
    /// The block as another node of this cluster executed it on the same chain (a worker's), used instead
    /// of executing it here: its receipts and state root are checked against the block's all the same.
    /// </summary>
    public ExecutedBlock? ExecutedElsewhere { get; init; }
}

/// <summary>A block from elsewhere, as this node executed and committed it: published for the cluster's workers to share.</summary>
public sealed record BlockExecutedHere(string Hash, long Height, IReadOnlyList<Receipt> Receipts, WriteSet Writes);

public sealed record BlockAccepted(BlockRecord Block);

public sealed record BlockRefused(string Reason);

/// <summary>For shutdown: finish the block in progress, reject everything still pending; answered with <see cref="Drained"/>.</summary>
public sealed record Drain;

public sealed record Drained;

/// <summary>
/// The block producer, in three parts by job: this file keeps the mempool, the timing and the
/// behaviours (producing, paused while the store cannot take blocks, draining); the pipeline
/// (BlockProducer.Pipeline.cs) and the validation of blocks from elsewhere
/// (BlockProducer.Validation.cs) are the others. It holds pending transactions in a bounded mempool
/// and, every interval or as soon as a block's worth is waiting, runs a pipeline: execute a batch on the worker pool (in lanes, with
/// the result of executing it in order, <see cref="BlockExecution"/>), seal it at the StateDB actor,
/// and start the next batch on the sealed block's state while the store writes it; waiters are
/// answered and events published only once their block is on disk. A block that cannot be written
/// takes the blocks built on it along, and their transactions go back to the front of the mempool in
/// order. Blocks from elsewhere are validated through the same execution, between produced blocks.
/// </summary>
public sealed partial class BlockProducer : ActorBase
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private sealed record Tick;

    private sealed record BaseReady(BlockBase? Base);

    /// <summary>A batch executed (or failed to), its receipts encoded for the block, and the times that took.</summary>
    private sealed record Executed(List<PendingTx> Batch, BlockBase Base, ExecutedBlock? Block, BlockDraft? Draft, Exception? Error,
        long Started, long ExecuteEnded, long ReceiptsEnded);

    /// <summary>A block from elsewhere, checked and executed: refused (Answer), or ready to seal.</summary>
    private sealed record Validated(IActorRef ReplyTo, BlockRefused? Refused, ChainTip? Parent, BlockDraft? Draft, WriteSet? Writes,
        IReadOnlyList<Receipt>? Receipts)
    {
        public bool ExecutedHere { get; init; }
    }

    private sealed record StorageBack(string? Problem);

    /// <summary>A block on its way to disk: produced here (its transactions and receipts) or validated (who asked).</summary>
    private sealed class InFlight(IReadOnlyList<(PendingTx Pending, Receipt Receipt)> results, IActorRef? validatedFor)
    {
        public IReadOnlyList<(PendingTx Pending, Receipt Receipt)> Results { get; } = results;
        public IActorRef? ValidatedFor { get; } = validatedFor;
        public BlockRecord? Block { get; set; }
        public long Started { get; init; }
        public TimeSpan Execute { get; init; }
        public TimeSpan Receipts { get; init; }
        public long ReceiptsEnded { get; init; }
        public long SealedAt { get; set; }
        public int Waves { get; init; }
        public int Reexecuted { get; init; }

        /// <summary>A validated block's receipts, for its events and console lines once it is committed.</summary>
        public IReadOnlyList<Receipt> ValidatedReceipts { get; init; } = [];

        /// <summary>A validated block's writes, when this node executed it itself.</summary>
        public WriteSet? ExecutedWrites { get; init; }
    }

    private readonly IActorRef _stateDb;
    private readonly ProducerSettings _settings;
    private readonly Mempool _mempool;
    private readonly LeftOutTransactions _leftOut = new(10_000);
    private readonly BlockExecution _execution;
    private BlockBase? _base;
    private bool _askingBase;
    private bool _executing;
    // Stopwatch timestamps of the block executing and of the last few executions, for BlockTimes.Overlapped.
    private long _executingSince;
    private readonly List<(long Start, long End)> _executions = [];
    private InFlight? _sealing;
    private readonly Queue<InFlight> _unwritten = new();
    private bool _validating;
    // A block from elsewhere waits (stashed) for the pipeline to empty: no new block starts until it ran.
    private bool _validationWaiting;
    // Transactions of blocks that could not be written, waiting to go back to the front of the mempool
    // in their order once no block built on them is still executing or sealing.
    private List<PendingTx>? _returning;
    private bool _draining;
    private IActorRef? _drainer;
    // A cluster replica: blocks from elsewhere only, until promoted.
    private bool _standby;
    private long _lastTime;
    // Set while the store cannot take blocks: submissions are refused, pending ones wait, and each
    // tick asks the store again until it can.
    private string? _storageProblem;
    private bool _checkingStorage;
    // Contracts whose calls collided where the schedule expected none: scheduled one after another from then on.
    private IReadOnlySet<string> _contended = new HashSet<string>();
    private long _height;
    private long _transactions;
    private long _gasUsed;
    private readonly Queue<(long At, int Count)> _recent = new();

    public BlockProducer(IActorRef vm, IActorRef stateDb, ProducerSettings settings)
    {
        _stateDb = stateDb;
        _settings = settings;
        _mempool = new Mempool(settings.MempoolCapacity, settings.MaxPendingPerSender);
        _execution = new BlockExecution(new PoolLanes(vm, Math.Max(1, settings.ExecutionLanes), StepTimeout));
        _standby = settings.Standby;
        if (_standby) Become(Standing);
        else Become(Producing);
    }

    /// <summary>Something is executing, sealing or on its way to disk.</summary>
    private bool Busy => _executing || _sealing is not null || _unwritten.Count > 0 || _validating;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("block", new Tick(), _settings.Interval);
        // The height is known before the first block of this run (a restarted node reports where it is).
        var self = Self;
        _stateDb.Ask<StoredBlock>(new ReadBlock(null), StepTimeout).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.Block is { } head) self.Tell(new HeadKnown(head.Height));
        }, TaskScheduler.Default);
    }

    private sealed record HeadKnown(long Height);

    /// <summary>Producing: submissions enter the mempool; a block starts on each tick, or as soon as a block's worth waits.</summary>
    private void Producing()
    {
        Receive<SubmitTx>(Submit);
        Receive<SubmitBatch>(SubmitAll);
        Receive<Tick>(_ => StartBlock());
        Common();
    }

    /// <summary>
    /// Paused while the store cannot take blocks (a full disk, a failed write): submissions are
    /// refused, pending transactions wait with their waiters, and each tick asks the store again.
    /// </summary>
    private void Paused()
    {
        Receive<SubmitTx>(m => Sender.Tell(new TxRejected(m.TxHash, $"the node cannot store blocks now: {_storageProblem}")));
        Receive<SubmitBatch>(m => Sender.Tell(new BatchAdmitted([],
            m.TxHashes.Count == 0 ? null : new TxRejected(m.TxHashes[0], $"the node cannot store blocks now: {_storageProblem}"))));
        Receive<Tick>(_ => CheckStorage());
        Receive<StorageBack>(m =>
        {
            _checkingStorage = false;
            if (m.Problem is not null || _draining) return;
            Log.Info($"the store takes blocks again; producing resumes with {_mempool.Count} transactions waiting");
            _storageProblem = null;
            Become(Producing);
            StartBlock();
        });
        Common();
    }

    /// <summary>Draining for shutdown: what is in flight finishes, submissions are refused, and the drainer hears when nothing is left.</summary>
    private void Draining()
    {
        Receive<SubmitTx>(m => Sender.Tell(new TxRejected(m.TxHash, "the node is shutting down")));
        Receive<SubmitBatch>(m => Sender.Tell(new BatchAdmitted([], m.TxHashes.Count == 0 ? null : new TxRejected(m.TxHashes[0], "the node is shutting down"))));
        Common();
    }

    /// <summary>What every behaviour handles (after its own handlers): the pipeline's answers, blocks from elsewhere, draining and status.</summary>
    private void Common()
    {
        Receive<Tick>(_ => { });
        Receive<StorageBack>(_ => _checkingStorage = false);
        Receive<BaseReady>(m =>
        {
            _askingBase = false;
            _base ??= m.Base;
            StartBlock();
        });
        Receive<Executed>(OnExecuted);
        Receive<BlockSealed>(OnSealed);
        Receive<SealRefused>(OnSealRefused);
        Receive<BlockCommitted>(OnCommitted);
        Receive<BlockNotCommitted>(OnNotCommitted);
        Receive<ValidateBlock>(OnValidateBlock);
        Receive<Validated>(OnValidated);
        Receive<Drain>(_ =>
        {
            _draining = true;
            _drainer = Sender;
            foreach (var pending in _mempool.Clear()) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
            Become(Draining);
            AfterBlock();
        });
        Receive<Promote>(_ => Sender.Tell(new Promoted(_height)));
        Receive<Demote>(OnDemote);
        Receive<GetMempoolStatus>(_ => Sender.Tell(new MempoolStatus(_mempool.Count, _height, _transactions, _gasUsed, Rate(), _storageProblem)));
        Receive<HeadKnown>(m => _height = Math.Max(_height, m.Height));
        Receive<GetLeftOut>(m => Sender.Tell(new LeftOut(_leftOut.Reason(m.TxHash))));
    }

    private void CheckStorage()
    {
        if (_checkingStorage || Busy) return;
        _checkingStorage = true;
        var (self, problem) = (Self, _storageProblem);
        _stateDb.Ask<StorageChecked>(new CheckStorage(), StepTimeout).ContinueWith(
            t => self.Tell(new StorageBack(t.IsCompletedSuccessfully ? t.Result.Problem : problem)), TaskScheduler.Default);
    }

    private void Submit(SubmitTx m)
    {
        var hash = m.TxHash;
        if (_mempool.Admit(new PendingTx(m.Transaction, m.Wait ? Sender : null)) is { } refused)
        {
            Sender.Tell(refused);
            return;
        }
        if (!m.Wait) Sender.Tell(new TxAccepted(hash));
        if (_mempool.Count >= _settings.MaxBlockTransactions) StartBlock();
    }

    private void SubmitAll(SubmitBatch m)
    {
        var accepted = new List<string>(m.Transactions.Count);
        TxRejected? refused = null;
        for (var i = 0; i < m.Transactions.Count && refused is null; i++)
        {
            refused = _mempool.Admit(new PendingTx(m.Transactions[i], null));
            if (refused is null) accepted.Add(m.TxHashes[i]);
        }
        Sender.Tell(new BatchAdmitted(accepted, refused));
        if (_mempool.Count >= _settings.MaxBlockTransactions) StartBlock();
    }

    /// <summary>
    /// After any step: transactions of unwritable blocks go back once nothing built on them is in
    /// flight, blocks from elsewhere go next when nothing is, a draining producer reports, and a full
    /// mempool produces.
    /// </summary>
    private void AfterBlock()
    {
        if (_returning is not null && !_executing && _sealing is null)
        {
            _mempool.ReturnToFront(_returning);
            _returning = null;
        }
        if (!Busy) Stash.UnstashAll();
        if (_draining)
        {
            if (Busy) return;
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
    protected override void PostStop()
    {
        foreach (var pending in _mempool.Waiting) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
    }
}
