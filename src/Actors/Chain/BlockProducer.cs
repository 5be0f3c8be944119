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

public sealed record TxRejected(string TxHash, string Reason);

public sealed record GetMempoolStatus;

/// <summary>The producer's figures: pending transactions, what it has committed, and transactions per second over the last 10 s.</summary>
public sealed record MempoolStatus(int Pending, long Height, long Transactions, long GasUsed, double TransactionsPerSecond);

/// <summary>A contract event, published on the event stream after its block is committed.</summary>
public sealed record ContractEvent(string TxHash, long Height, string Content);

/// <summary>A committed block and its receipts, published on the event stream.</summary>
public sealed record BlockPublished(BlockRecord Block, IReadOnlyList<Receipt> Receipts);

public sealed record ProducerSettings(TimeSpan Interval, int MempoolCapacity, int MaxBlockTransactions, string Witness)
{
    public static readonly ProducerSettings Default = new(TimeSpan.FromMilliseconds(500), 10_000, 1_000, "local");
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

    private sealed record Pending(Transaction Tx, IActorRef? Waiter);

    private sealed record Tick;

    private sealed record Produced(BlockRecord? Block, IReadOnlyList<(Pending Pending, Receipt Receipt)> Results, Exception? Error);

    private readonly IActorRef _vm;
    private readonly IActorRef _stateDb;
    private readonly ProducerSettings _settings;
    private readonly Queue<Pending> _mempool = new();
    private readonly HashSet<string> _queued = [];
    private bool _producing;
    private long _lastTime;
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
        Receive<SubmitTx>(Submit);
        Receive<Tick>(_ => StartBlock());
        Receive<Produced>(Finish);
        Receive<GetMempoolStatus>(_ => Sender.Tell(new MempoolStatus(_mempool.Count, _height, _transactions, _gasUsed, Rate())));
    }

    protected internal override void PreStart() => Timers.StartPeriodicTimer("block", new Tick(), _settings.Interval);

    private void Submit(SubmitTx m)
    {
        var hash = m.Transaction.Hash;
        if (_mempool.Count >= _settings.MempoolCapacity)
        {
            Sender.Tell(new TxRejected(hash, $"the mempool is full ({_settings.MempoolCapacity} transactions): try again later"));
            return;
        }
        if (!_queued.Add(hash))
        {
            Sender.Tell(new TxRejected(hash, "the transaction is already pending"));
            return;
        }
        _mempool.Enqueue(new Pending(m.Transaction, m.Wait ? Sender : null));
        if (!m.Wait) Sender.Tell(new TxAccepted(hash));
        if (_mempool.Count >= _settings.MaxBlockTransactions) StartBlock();
    }

    private void StartBlock()
    {
        if (_producing || _mempool.Count == 0) return;
        _producing = true;
        var batch = new List<Pending>();
        while (batch.Count < _settings.MaxBlockTransactions && _mempool.TryDequeue(out var next)) batch.Add(next);
        // Block times only move forward, even if the clock does not.
        var time = _lastTime = Math.Max(_lastTime + 1, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        var self = Self;
        _ = Produce(batch, time).ContinueWith(t => self.Tell(t.Result), TaskScheduler.Default);
    }

    private async Task<Produced> Produce(List<Pending> batch, long time)
    {
        var results = new List<(Pending, Receipt)>();
        try
        {
            var head = await _stateDb.Ask<ChainStatus>(new GetChainStatus(), StepTimeout);
            var block = new BlockContext(head.Height + 1, head.HeadHash, _settings.Witness, time);
            foreach (var pending in batch)
            {
                var executed = await _vm.Ask<TxExecuted>(new ExecuteInBlock(pending.Tx, block), StepTimeout);
                if (executed.Receipt.Status.Code == StatusCode.Success && executed.Journal is { } journal)
                    await _stateDb.Ask<AddedToBlock>(new AddToBlock(journal), StepTimeout);
                results.Add((pending, executed.Receipt));
            }
            // A malformed transaction is answered but never enters a block.
            var receipts = results.Where(r => r.Item2.Status.Code != StatusCode.WrongTxFormat)
                .Select(r => new StoredReceipt(r.Item2.TxHash, ChainJson.Serialize(r.Item2))).ToList();
            var committed = await _stateDb.Ask<BlockCommitted>(new CommitBlock(new BlockDraft(time, _settings.Witness, receipts)), StepTimeout);
            return new Produced(committed.Block, results, null);
        }
        catch (Exception e)
        {
            _stateDb.Tell(new DiscardBlock());
            return new Produced(null, batch.Select(p => (p, Receipt.Failed(p.Tx.Hash, StatusCode.Unknown, "the block could not be produced"))).ToList(), e);
        }
    }

    private void Finish(Produced m)
    {
        _producing = false;
        foreach (var (pending, _) in m.Results) _queued.Remove(pending.Tx.Hash);
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
                _gasUsed += receipt.GasUsed;
                pending.Waiter?.Tell(receipt);
                foreach (var content in receipt.Events) Context.System.EventStream.Publish(new ContractEvent(receipt.TxHash, block.Height, content));
            }
            Context.System.EventStream.Publish(new BlockPublished(block, m.Results.Select(r => r.Receipt).ToList()));
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
        foreach (var pending in _mempool) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "the node is shutting down"));
    }
}
