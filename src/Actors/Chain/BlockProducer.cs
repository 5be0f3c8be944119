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
/// The transaction's hash is computed here, by whoever submits, not by the producer.
/// </summary>
public sealed record SubmitTx(Transaction Transaction, bool Wait)
{
    public string TxHash { get; } = Transaction.Hash;
}

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

/// <summary>
/// Where a block's time went: executing its transactions, encoding its receipts, from then until it
/// was sealed, and from sealed until on disk (Commit), of which Overlapped had the next block executing.
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
    IReadOnlyList<Transaction> Transactions, IReadOnlyList<Receipt> Receipts);

public sealed record BlockAccepted(BlockRecord Block);

public sealed record BlockRefused(string Reason);

/// <summary>For shutdown: finish the block in progress, reject everything still pending; answered with <see cref="Drained"/>.</summary>
public sealed record Drain;

public sealed record Drained;

/// <summary>
/// How blocks are produced. A block holds at most MaxBlockTransactions, of which at most
/// MaxBlockTransactionsPerSender from one publisher, and stops taking transactions once it has used
/// MaxBlockGas; one publisher may have at most MaxPendingPerSender transactions waiting. A block's
/// transactions run on up to ExecutionLanes workers at once; at most MaxUnwrittenBlocks blocks are
/// sealed and waiting for the disk while the next one executes.
/// </summary>
public sealed record ProducerSettings(TimeSpan Interval, int MempoolCapacity, int MaxBlockTransactions, string Witness)
{
    public static readonly ProducerSettings Default = new(TimeSpan.FromMilliseconds(500), 10_000, 1_000, "local");

    public long MaxBlockGas { get; init; } = 20_000_000;
    public int MaxPendingPerSender { get; init; } = 2_000;
    public int MaxBlockTransactionsPerSender { get; init; } = 250;
    public int ExecutionLanes { get; init; } = Environment.ProcessorCount;
    public int MaxUnwrittenBlocks { get; init; } = 2;
}

/// <summary>
/// The block producer: holds pending transactions in a bounded mempool and, every interval or as soon
/// as a block's worth is waiting, runs a pipeline: execute a batch on the worker pool (in lanes, with
/// the result of executing it in order, <see cref="BlockExecution"/>), seal it at the StateDB actor,
/// and start the next batch on the sealed block's state while the store writes it; waiters are
/// answered and events published only once their block is on disk. A block that cannot be written
/// takes the blocks built on it along, and their transactions go back to the front of the mempool in
/// order. Blocks from elsewhere are validated through the same execution, between produced blocks.
/// </summary>
public sealed class BlockProducer : ActorBase
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
        IReadOnlyList<Receipt>? Receipts);

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
    }

    private readonly IActorRef _stateDb;
    private readonly ProducerSettings _settings;
    private readonly Mempool _mempool;
    private readonly BlockExecution _execution;
    private BlockBase? _base;
    private bool _askingBase;
    private bool _executing;
    private long _executingSince;
    private readonly List<(long Start, long End)> _executions = [];
    private InFlight? _sealing;
    private readonly Queue<InFlight> _unwritten = new();
    private bool _validating;
    // Transactions of blocks that could not be written, waiting to go back to the front of the mempool
    // in their order once no block built on them is still executing or sealing.
    private List<PendingTx>? _returning;
    private bool _draining;
    private IActorRef? _drainer;
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
        Receive<SubmitTx>(Submit);
        Receive<Tick>(_ => OnTick());
        Receive<StorageBack>(m =>
        {
            _checkingStorage = false;
            if (m.Problem is not null) return;
            Log.Info($"the store takes blocks again; producing resumes with {_mempool.Count} transactions waiting");
            _storageProblem = null;
            StartBlock();
        });
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
        Receive<ValidateBlock>(m =>
        {
            // One block at a time: a block from elsewhere waits until nothing produced here is in flight.
            if (Busy)
            {
                Stash.Stash();
                return;
            }
            _validating = true;
            var (self, replyTo) = (Self, Sender);
            _ = Validate(m, replyTo).ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? t.Result
                : new Validated(replyTo, new BlockRefused($"the block could not be validated: {t.Exception?.GetBaseException().Message}"), null, null, null, null)),
                TaskScheduler.Default);
        });
        Receive<Validated>(OnValidated);
        Receive<Drain>(_ =>
        {
            _draining = true;
            _drainer = Sender;
            foreach (var pending in _mempool.Clear()) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
            AfterBlock();
        });
        Receive<GetMempoolStatus>(_ => Sender.Tell(new MempoolStatus(_mempool.Count, _height, _transactions, _gasUsed, Rate(), _storageProblem)));
    }

    /// <summary>Something is executing, sealing or on its way to disk.</summary>
    private bool Busy => _executing || _sealing is not null || _unwritten.Count > 0 || _validating;

    protected override void PreStart() => Timers.StartPeriodicTimer("block", new Tick(), _settings.Interval);

    private void OnTick()
    {
        if (_storageProblem is null)
        {
            StartBlock();
            return;
        }
        if (_checkingStorage || Busy) return;
        _checkingStorage = true;
        var (self, problem) = (Self, _storageProblem);
        _stateDb.Ask<StorageChecked>(new CheckStorage(), StepTimeout).ContinueWith(
            t => self.Tell(new StorageBack(t.IsCompletedSuccessfully ? t.Result.Problem : problem)), TaskScheduler.Default);
    }

    private void Submit(SubmitTx m)
    {
        var hash = m.TxHash;
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
        if (_executing || _sealing is not null || _validating || _draining || _storageProblem is not null || _returning is not null
            || _mempool.Count == 0 || _unwritten.Count >= _settings.MaxUnwrittenBlocks) return;
        if (_base is not { } @base)
        {
            if (_askingBase) return;
            _askingBase = true;
            var asker = Self;
            _stateDb.Ask<BlockBase>(new GetBlockBase(), StepTimeout).ContinueWith(
                t => asker.Tell(new BaseReady(t.IsCompletedSuccessfully ? t.Result : null)), TaskScheduler.Default);
            return;
        }
        _executing = true;
        _executingSince = Environment.TickCount64;
        var batch = _mempool.TakeBatch(_settings.MaxBlockTransactions, _settings.MaxBlockTransactionsPerSender);
        // Block times only move forward, even if the clock does not.
        var time = _lastTime = Math.Max(_lastTime + 1, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        var (self, contended) = (Self, _contended);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _ = Task.Run(() => Execute(batch, @base, time, contended, started)).ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? t.Result
            : new Executed(batch, @base, null, null, t.Exception?.GetBaseException(), started, 0, 0)), TaskScheduler.Default);
    }

    /// <summary>Off the actor: executes the batch and encodes the receipts of those that enter the block (once, as stored and sent).</summary>
    private async Task<Executed> Execute(List<PendingTx> batch, BlockBase @base, long time, IReadOnlySet<string> contended, long started)
    {
        var context = new BlockContext(@base.Tip.Height + 1, @base.Tip.Hash, _settings.Witness, time);
        var executed = await _execution.Run(batch.Select(p => p.Tx).ToList(), context, @base.View, _settings.MaxBlockGas, contended: contended);
        var executeEnded = System.Diagnostics.Stopwatch.GetTimestamp();
        var draft = Draft(time, _settings.Witness, batch.Zip(executed.Receipts).Where(r => BlockRules.EntersBlock(r.Second)));
        return new Executed(batch, @base, executed, draft, null, started, executeEnded, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private static BlockDraft Draft(long time, string witness, IEnumerable<(PendingTx Pending, Receipt Receipt)> included) =>
        new(time, witness, included.Select(r => new StoredReceipt(r.Receipt.TxHash, ChainJson.Encoded(r.Receipt), ChainJson.Serialize(r.Pending.Tx))).ToList());

    private void OnExecuted(Executed m)
    {
        _executing = false;
        _executions.Add((_executingSince, Environment.TickCount64));
        if (_executions.Count > 8) _executions.RemoveAt(0);
        if (_returning is not null)
        {
            // Built on a block that could not be written: its batch goes back after that block's.
            _returning.AddRange(m.Batch);
            AfterBlock();
            return;
        }
        if (m.Error is not null || m.Block is null || m.Draft is null)
        {
            Log.Error(m.Error, "a block could not be produced; its transactions were rejected");
            foreach (var pending in m.Batch)
            {
                _mempool.Forget(pending);
                pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, $"the block could not be produced: {m.Error?.Message}"));
            }
            _base = null;
            AfterBlock();
            return;
        }
        // What the gas budget left out waits for the next block, ahead of what arrived since.
        var results = m.Batch.Zip(m.Block.Receipts).ToList();
        _mempool.ReturnToFront(m.Batch.Skip(results.Count).ToList());
        if (m.Block.Collided.Except(_contended).Any()) _contended = _contended.Union(m.Block.Collided).ToHashSet();
        var frequency = System.Diagnostics.Stopwatch.Frequency;
        _sealing = new InFlight(results, null)
        {
            Started = m.Started,
            Execute = TimeSpan.FromSeconds((double)(m.ExecuteEnded - m.Started) / frequency),
            Receipts = TimeSpan.FromSeconds((double)(m.ReceiptsEnded - m.ExecuteEnded) / frequency),
            ReceiptsEnded = m.ReceiptsEnded,
            Waves = m.Block.Waves,
            Reexecuted = m.Block.Reexecuted,
        };
        _stateDb.Tell(new SealBlock(m.Base.Tip, m.Draft, m.Block.Writes), Self);
    }

    private void OnSealed(BlockSealed m)
    {
        if (_sealing is not { } flight) return;
        _sealing = null;
        flight.Block = m.Block;
        flight.SealedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        _unwritten.Enqueue(flight);
        _base = m.Next;
        AfterBlock();
    }

    private void OnSealRefused(SealRefused m)
    {
        if (_sealing is not { } flight) return;
        _sealing = null;
        _base = null;
        if (flight.ValidatedFor is { } asker) asker.Tell(new BlockRefused($"the block could not be committed: {m.Reason}"));
        else if (_returning is not null) _returning.AddRange(flight.Results.Select(r => r.Pending));
        else _mempool.ReturnToFront(flight.Results.Select(r => r.Pending).ToList());
        if (m.StorageProblem) PauseFor(m.Reason);
        AfterBlock();
    }

    private void OnCommitted(BlockCommitted m)
    {
        if (!_unwritten.TryPeek(out var flight) || flight.Block?.Hash != m.Block.Hash) return;
        _unwritten.Dequeue();
        _height = m.Block.Height;
        if (flight.ValidatedFor is { } asker) asker.Tell(new BlockAccepted(m.Block));
        else Publish(m.Block, flight);
        AfterBlock();
    }

    /// <summary>Answers a committed block's waiters and publishes its events.</summary>
    private void Publish(BlockRecord block, InFlight flight)
    {
        foreach (var (pending, _) in flight.Results) _mempool.Forget(pending);
        _transactions += flight.Results.Count;
        _recent.Enqueue((Environment.TickCount64, flight.Results.Count));
        foreach (var (pending, receipt) in flight.Results)
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
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var frequency = (double)System.Diagnostics.Stopwatch.Frequency;
        var commit = TimeSpan.FromSeconds((now - flight.SealedAt) / frequency);
        var times = new BlockTimes(flight.Execute, flight.Receipts, TimeSpan.FromSeconds((flight.SealedAt - flight.ReceiptsEnded) / frequency), commit,
            Overlap(flight.SealedAt, now)) { Waves = flight.Waves, Reexecuted = flight.Reexecuted };
        Context.System.EventStream.Publish(new BlockPublished(block, flight.Results.Select(r => r.Receipt).ToList(),
            TimeSpan.FromSeconds((now - flight.Started) / frequency)) { Times = times });
    }

    /// <summary>How long, between two timestamps, a block was executing.</summary>
    private TimeSpan Overlap(long from, long to)
    {
        // Executions are kept in milliseconds of TickCount64; the commit window in Stopwatch ticks.
        var nowTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        var nowMs = Environment.TickCount64;
        double ToMs(long ticks) => nowMs - (nowTicks - ticks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        var (start, end) = (ToMs(from), ToMs(to));
        var total = 0.0;
        var intervals = _executions.Select(e => ((double)e.Start, (double)e.End)).ToList();
        if (_executing) intervals.Add((_executingSince, nowMs));
        foreach (var (s, e) in intervals) total += Math.Max(0, Math.Min(e, end) - Math.Max(s, start));
        return TimeSpan.FromMilliseconds(total);
    }

    private void OnNotCommitted(BlockNotCommitted m)
    {
        if (!_unwritten.Any(f => f.Block?.Hash == m.Block.Hash)) return;
        // This block and every one sealed after it are gone: their transactions wait, in order, at the
        // front of the mempool (with their waiters), behind nothing; validated blocks are refused.
        _returning ??= [];
        while (_unwritten.TryDequeue(out var flight))
        {
            if (flight.ValidatedFor is { } asker) asker.Tell(new BlockRefused($"the block could not be written: {m.Reason}"));
            else _returning.AddRange(flight.Results.Select(r => r.Pending));
        }
        _base = null;
        PauseFor(m.Reason);
        AfterBlock();
    }

    private void PauseFor(string problem)
    {
        if (_storageProblem is null) Log.Error(null, $"block production paused: {problem}");
        _storageProblem = problem;
    }

    /// <summary>Re-executes a block from elsewhere; it is sealed only when its header, every receipt and its state root match.</summary>
    private async Task<Validated> Validate(ValidateBlock m, IActorRef replyTo)
    {
        var @base = await _stateDb.Ask<BlockBase>(new GetBlockBase(), StepTimeout);
        if (BlockValidation.HeaderProblem(m, @base.Tip) is { } header) return new Validated(replyTo, new BlockRefused(header), null, null, null, null);
        var executed = await _execution.Run(m.Transactions, new BlockContext(m.Height, m.ParentHash, m.Witness, m.Time), @base.View, long.MaxValue,
            validating: true, contended: _contended);
        if (BlockValidation.ResultProblem(m, executed, @base.Tip) is { } result) return new Validated(replyTo, new BlockRefused(result), null, null, null, null);
        var draft = Draft(m.Time, m.Witness, m.Transactions.Select(t => new PendingTx(t, null)).Zip(executed.Receipts));
        return new Validated(replyTo, null, @base.Tip, draft, executed.Writes, executed.Receipts);
    }

    private void OnValidated(Validated m)
    {
        _validating = false;
        if (m.Refused is not null || m.Parent is null || m.Draft is null || m.Writes is null)
        {
            m.ReplyTo.Tell(m.Refused ?? new BlockRefused("the block could not be validated"));
            AfterBlock();
            return;
        }
        _sealing = new InFlight([], m.ReplyTo) { Started = System.Diagnostics.Stopwatch.GetTimestamp() };
        _base = null;
        _stateDb.Tell(new SealBlock(m.Parent, m.Draft, m.Writes), Self);
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
