using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Runs one transaction of the block being built; answered with <see cref="TxExecuted"/> (nothing is committed).</summary>
public sealed record ExecuteInBlock(Transaction Transaction, BlockContext Block);

/// <summary>The receipt and, for a transaction that ran, its journal for the block producer to add to the block.</summary>
public sealed record TxExecuted(Receipt Receipt, StateJournal? Journal);

/// <summary>A read-only call against the last committed block; answered with <see cref="QueryAnswered"/>.</summary>
public sealed record RunQuery(Transaction Transaction);

public sealed record QueryAnswered(Receipt Receipt, long Height);

public sealed record GetPoolStatus;

/// <summary>The worker pool as SPEC §4's /v1/status shows it.</summary>
public sealed record PoolStatus(int Size, int Busy, int LowerBound, int UpperBound, int Queue);

/// <summary>Bounds and rates of the worker pool (Akka's DefaultResizer; pressure = workers currently executing).</summary>
public sealed record PoolSettings(int LowerBound = 1, int UpperBound = 4, int MessagesPerResize = 10, double RampupRate = 0.2,
    double BackoffThreshold = 0.3, double BackoffRate = 0.1)
{
    /// <summary>How often an idle pool is nudged so the resizer can shrink it.</summary>
    public TimeSpan IdleCheck { get; init; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>Keeps the resizer turning while no work arrives: it only decides on messages.</summary>
internal sealed record PoolTick
{
    public static readonly PoolTick Instance = new();
}

/// <summary>
/// The entry of the VM. Checks a transaction before any worker sees it: its format, and, for
/// contracts already committed, that the method is in the ABI with arguments of the right types (a
/// bad one is answered at once and changes nothing). Then hands it to the worker pool: an idle-first
/// router over pinned VmWorkers, resized by Akka's DefaultResizer, each restarted with a fresh isolate
/// when its isolate is poisoned.
/// </summary>
public sealed class VmManager : ActorBase
{
    private readonly StateDb _db;
    private readonly PoolSettings _pool;
    private readonly Props _workerProps;
    private IActorRef _workers = null!;

    public VmManager(StateDb db, ExecutionLimits limits, PoolSettings pool)
    {
        _db = db;
        _pool = pool;
        _workerProps = Props.Create(() => new VmWorker(db, limits)).WithPinnedDispatcher();
        Receive<ExecuteInBlock>(m =>
        {
            if (Precheck(m.Transaction) is { } refused) Sender.Tell(new TxExecuted(refused, null));
            else _workers.Forward(m, Context);
        });
        Receive<RunQuery>(m =>
        {
            if (Precheck(m.Transaction) is { } refused) Sender.Tell(new QueryAnswered(refused, _db.Height));
            else _workers.Forward(m, Context);
        });
        Receive<GetPoolStatus>(_ => Sender.Tell(Status()));
        Receive<PoolTick>(_ =>
        {
            if (_workers is RouterActorRef router && router.Routees.Length > _pool.LowerBound && router.Routees.All(r => !r.IsProcessing))
                _workers.Tell(PoolTick.Instance);
        });
    }

    protected internal override void PreStart()
    {
        var resizer = new DefaultResizer(_pool.LowerBound, _pool.UpperBound, pressureThreshold: 0, _pool.RampupRate,
            _pool.BackoffThreshold, _pool.BackoffRate, _pool.MessagesPerResize);
        var pool = new IdleFirstPool(_pool.LowerBound) { Resizer = resizer, SupervisorStrategy = new OneForOneStrategy(_ => Directive.Restart) };
        _workers = Context.ActorOf(_workerProps.WithRouter(pool), "workers");
        Timers.StartPeriodicTimer("idle-check", PoolTick.Instance, _pool.IdleCheck);
    }

    private PoolStatus Status()
    {
        var routees = _workers is RouterActorRef router ? router.Routees : [];
        return new PoolStatus(routees.Length, routees.Count(r => r.IsProcessing), _pool.LowerBound, _pool.UpperBound,
            routees.Sum(r => r.QueueLength));
    }

    private Receipt? Precheck(Transaction tx)
    {
        if (TransactionFormat.Check(tx) is { } problem) return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, problem);
        var committed = new ContractState(new StateJournal(_db.Committed));
        foreach (var action in tx.Actions.Where(a => a.Contract is not ("system" or "token")))
        {
            // A contract not yet committed may be deployed earlier in the same block: its worker checks it.
            if (committed.GetContract(action.Contract) is not { } contract) continue;
            try
            {
                ContractAbi.Parse(contract.Abi).CheckCall(action.ActionName, action.Data);
            }
            catch (AbiException e)
            {
                return Receipt.Failed(tx.Hash, StatusCode.WrongParameter, e.Message);
            }
        }
        return null;
    }
}
