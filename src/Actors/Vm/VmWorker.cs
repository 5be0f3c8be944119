using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Thrown after a run poisoned the isolate (heap limit): the supervisor restarts the worker with a fresh one.</summary>
public sealed class IsolatePoisonedException() : Exception("the V8 isolate reached its heap limit and must be replaced");

/// <summary>
/// Owns one V8 isolate on its own thread. Runs a transaction against a fresh journal over the
/// committed state, has the StateDB commit it (its writes only when it succeeded), then answers
/// the requester with the receipt and tells its manager it is free.
/// </summary>
public sealed class VmWorker : ActorBase
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(30);
    private readonly ContractEngine _engine;

    public VmWorker(StateDb db, IActorRef stateDb, ExecutionLimits limits)
    {
        _engine = new ContractEngine(limits);
        Receive<ExecuteTx>(m =>
        {
            var journal = db.BeginTransaction();
            var receipt = new TransactionExecutor(_engine).Execute(m.Transaction, new JournalWorldState(journal));
            // Waiting here keeps the next transaction from reading state older than this one's commit;
            // block production replaces it with ordered blocks.
            var committedTx = stateDb.Ask<TxCommitted>(new CommitTx(receipt, journal), CommitTimeout).GetAwaiter().GetResult();
            Sender.Tell(committedTx.Receipt, Self);
            Context.Parent?.Tell(new WorkerFinished(), Self);
            if (_engine.IsPoisoned) throw new IsolatePoisonedException();
        });
    }

    protected internal override void PostStop() => _engine.Dispose();
}
