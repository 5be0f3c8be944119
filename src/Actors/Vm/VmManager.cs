using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Runs a transaction; the answer is its <see cref="Receipt"/>, after commit.</summary>
public sealed record ExecuteTx(Transaction Transaction);

public sealed record GetPoolStatus;

/// <summary>The worker pool as SPEC §4's /v1/status shows it.</summary>
public sealed record PoolStatus(int Size, int Busy, int LowerBound, int UpperBound, int Queue);

internal sealed record WorkerFinished;

/// <summary>
/// The entry of the VM: checks a transaction's format before any worker sees it (a bad one is
/// answered at once with WRONG_TX_FORMAT and changes nothing), then hands it to a worker.
/// For now the pool is one worker; the router and resizer arrive with the actor runtime.
/// </summary>
public sealed class VmManager : ActorBase
{
    private const int PoolSize = 1;
    private readonly Func<Props> _workerProps;
    private IActorRef? _worker;
    private int _busy;

    public VmManager(StateDb db, IActorRef stateDb, ExecutionLimits limits)
    {
        _workerProps = () => Props.Create(() => new VmWorker(db, stateDb, limits)).WithPinnedDispatcher();
        Receive<ExecuteTx>(m =>
        {
            if (TransactionFormat.Check(m.Transaction) is { } problem)
            {
                Sender.Tell(Receipt.Failed(m.Transaction.Hash, StatusCode.WrongTxFormat, problem), Self);
                return;
            }
            _busy++;
            _worker!.Forward(m, Context);
        });
        Receive<WorkerFinished>(_ => _busy--);
        Receive<GetPoolStatus>(_ => Sender.Tell(new PoolStatus(PoolSize, Math.Min(_busy, PoolSize), PoolSize, PoolSize,
            Math.Max(0, _busy - PoolSize)), Self));
    }

    protected internal override void PreStart() => _worker = Context.ActorOf(_workerProps(), "worker-1");

    /// <summary>A failed worker (a poisoned isolate) is restarted with a fresh isolate; its mailbox is kept.</summary>
    protected internal override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
}
