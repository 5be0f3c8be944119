using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// One lane of a block's execution: these transactions in order over View, each seeing the writes of
/// the successful ones before it in the lane; answered with <see cref="LaneExecuted"/> (nothing is
/// committed). The worker stops starting transactions once GasBudget is spent.
/// </summary>
public sealed record ExecuteLane(IReadOnlyList<Transaction> Transactions, BlockContext Block, StateView View)
{
    public long GasBudget { get; init; } = long.MaxValue;

    /// <summary>
    /// Outcomes of an earlier run of these transactions (null where there is none), each kept when every
    /// value it read is what it would read now, else run again: how a block is assembled in order.
    /// </summary>
    public IReadOnlyList<TxOutcome?>? Known { get; init; }

    /// <summary>Another node's block: run with the longer validation time limit.</summary>
    public bool Validating { get; init; }

    /// <summary>
    /// Whether each outcome carries what its transaction read: needed only where a later pass in
    /// block order may keep the outcome (a wave's). The pass in block order leaves it off: its
    /// outcomes are final, and a thousand read sets a block are memory every collection moves.
    /// </summary>
    public bool RecordsReads { get; init; } = true;
}

/// <summary>
/// One transaction's outcome in a lane: its receipt, the values it read from beneath its own writes
/// (by key), its writes (none unless it succeeded), and the gas it took from the block's budget.
/// </summary>
public sealed record TxOutcome(Receipt Receipt, IReadOnlyList<KeyValuePair<string, string?>> Reads, WriteSet Writes, long GasCharged);

/// <summary>
/// Outcomes for the first Outcomes.Count transactions of a lane, in order. Fewer means the gas budget
/// was spent (BudgetSpent: the rest wait for the next block) or the worker's isolate was poisoned.
/// </summary>
public sealed record LaneExecuted(IReadOnlyList<TxOutcome> Outcomes, bool BudgetSpent)
{
    /// <summary>Known outcomes that no longer held and ran again, and the contracts those transactions called.</summary>
    public int Reran { get; init; }
    public IReadOnlySet<string> Collided { get; init; } = NoContracts;

    private static readonly IReadOnlySet<string> NoContracts = new HashSet<string>();
}

/// <summary>A read-only call against the last committed block; answered with <see cref="QueryAnswered"/>.</summary>
public sealed record RunQuery(Transaction Transaction);

public sealed record QueryAnswered(Receipt Receipt, long Height)
{
    /// <summary>The cluster worker that answered, when another node did; empty when this node did.</summary>
    public string AnsweredBy { get; init; } = "";
}

/// <summary>
/// Whether a transaction would be authorised on the last committed block (not committed already, chain
/// id, time window, signatures, signers' and publisher's permissions): checked at submission so that a client hears why
/// at once; its block checks again. Answered with <see cref="AuthorizationChecked"/>.
/// </summary>
public sealed record CheckAuthorization(Transaction Transaction);

public sealed record AuthorizationChecked(string? Problem);

public sealed record GetPoolStatus;

/// <summary>The worker pool as docs/http-api.md's /v1/status shows it; Restarts counts workers replaced after a failure since start.</summary>
public sealed record PoolStatus(int Size, int Busy, int LowerBound, int UpperBound, int Queue, long Restarts);

/// <summary>Bounds and rates of the worker pool (Akka's DefaultResizer; pressure = workers executing with more waiting).</summary>
public sealed record PoolSettings(int LowerBound = 1, int UpperBound = 4, int MessagesPerResize = 10, double RampupRate = 0.2,
    double BackoffThreshold = 0.3, double BackoffRate = 0.1)
{
    /// <summary>How often the pool's router resizes on its own timer, so that an idle pool shrinks.</summary>
    public TimeSpan IdleCheck { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>When a worker counts as under pressure (Akka's pressure-threshold: 1, a message queued behind the one it handles).</summary>
    public int PressureThreshold { get; init; } = 1;
}

/// <summary>
/// The entry of the VM. Checks a query before any worker sees it (<see cref="TransactionPrecheck"/>:
/// a bad one is answered at once and changes nothing) and hands queries and blocks to the worker
/// pool: an idle-first router over pinned VmWorkers, resized by Akka's DefaultResizer, each restarted
/// with a fresh isolate when its isolate is poisoned. A block's lanes go to the workers one message
/// each; a worker applies the same checks to each transaction, in order. A new worker first loads the contracts
/// called most recently, and takes no work while it starts.
/// </summary>
public sealed class VmManager : ActorBase
{
    // How many recently called contracts a new worker loads before it takes work.
    private const int WarmContracts = 8;
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(10);

    private readonly StateDb _db;
    private readonly PoolSettings _pool;
    private readonly Props _workerProps;
    private readonly TransactionPrecheck _precheck;
    private IActorRef _workers = null!;
    // Counted by the router's supervisor strategy, which runs on the router's thread.
    private long _restarts;

    public VmManager(StateDb db, ExecutionLimits limits, PoolSettings pool)
    {
        _db = db;
        _pool = pool;
        _precheck = new TransactionPrecheck(limits);
        var recent = new RecentContracts(WarmContracts);
        _workerProps = Props.Create(() => new VmWorker(db, limits, recent)).WithPinnedDispatcher();
        // The worker checks a lane's transactions itself, in order, on its own thread.
        Receive<ExecuteLane>(m =>
        {
            foreach (var tx in m.Transactions) Note(recent, tx);
            _workers.Forward(m, Context);
        });
        Receive<RunQuery>(m =>
        {
            if (_precheck.Refusal(m.Transaction, _db.View()) is { } refused)
            {
                Sender.Tell(new QueryAnswered(refused, _db.Height));
                return;
            }
            Note(recent, m.Transaction);
            _workers.Forward(m, Context);
        });
        Receive<CheckAuthorization>(m =>
        {
            var tip = _db.Tip;
            var block = new BlockContext(tip.Height + 1, tip.Hash, "", (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
            var view = _db.View();
            var replayed = view.Holds(m.Transaction.ReplayKey, m.Transaction.Time) ? $"transaction {m.Transaction.Hash} is already in a committed block" : null;
            var world = new JournalWorldState(new StateJournal(view));
            Sender.Tell(new AuthorizationChecked(replayed ?? TransactionAuthorization.Problem(m.Transaction, block, world, limits.Chain, limits.MaxTxGas)));
        });
        Receive<GetPoolStatus>(_ =>
        {
            var replyTo = Sender;
            _workers.Ask<RouteeStatistics>(GetRouteeStatistics.Instance, StatusTimeout).ContinueWith(t =>
            {
                var s = t.IsCompletedSuccessfully ? t.Result : new RouteeStatistics(0, 0, 0);
                replyTo.Tell(new PoolStatus(s.Size, s.Busy, _pool.LowerBound, _pool.UpperBound, s.Queued, Interlocked.Read(ref _restarts)));
            }, TaskScheduler.Default);
        });
    }

    protected override void PreStart()
    {
        var resizer = new DefaultResizer(_pool.LowerBound, _pool.UpperBound, pressureThreshold: _pool.PressureThreshold, _pool.RampupRate,
            _pool.BackoffThreshold, _pool.BackoffRate, _pool.MessagesPerResize);
        var pool = new IdleFirstPool(_pool.LowerBound)
        {
            Resizer = resizer,
            ResizeInterval = _pool.IdleCheck,
            SupervisorStrategy = new OneForOneStrategy(_ =>
            {
                Interlocked.Increment(ref _restarts);
                return Directive.Restart;
            }),
        };
        _workers = Context.ActorOf(_workerProps.WithRouter(pool), "workers");
    }

    private static void Note(RecentContracts recent, Transaction tx)
    {
        for (var i = 0; i < tx.Actions.Count; i++)
            if (tx.Actions[i].Contract is not ("system" or "token")) recent.Note(tx.Actions[i].Contract);
    }
}
