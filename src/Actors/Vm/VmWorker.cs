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
        _engine = new ContractEngine(limits, new StateDbCodeStore(db));
        var executor = new TransactionExecutor(_engine, LogContract);
        Receive<ExecuteTx>(m =>
        {
            var journal = db.BeginTransaction();
            var block = new BlockContext(db.Height + 1, db.HeadHash, StateDbActor.LocalWitness, m.Transaction.Time);
            var receipt = executor.Execute(m.Transaction, new JournalWorldState(journal), block);
            // Waiting here keeps the next transaction from reading state older than this one's commit;
            // block production replaces it with ordered blocks.
            var committedTx = stateDb.Ask<TxCommitted>(new CommitTx(receipt, journal), CommitTimeout).GetAwaiter().GetResult();
            Sender.Tell(committedTx.Receipt, Self);
            Context.Parent?.Tell(new WorkerFinished(), Self);
            if (_engine.IsPoisoned) throw new IsolatePoisonedException();
        });
    }

    private void LogContract(string level, string message)
    {
        switch (level)
        {
            case "error": Log.Error(null, message); break;
            case "warn": Log.Warning(message); break;
            case "debug": Log.Debug(message); break;
            default: Log.Info(message); break;
        }
    }

    protected internal override void PostStop() => _engine.Dispose();
}
