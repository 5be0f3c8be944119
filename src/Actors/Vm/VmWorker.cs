using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Thrown after a run poisoned the isolate (heap limit): the supervisor restarts the worker with a fresh one.</summary>
public sealed class IsolatePoisonedException() : Exception("the V8 isolate reached its heap limit and must be replaced");

/// <summary>
/// Owns one V8 isolate on its own thread. Executes a block's transactions in order against one
/// journal over the block being built (the producer commits it), and answers read-only queries
/// against a snapshot of the last committed block, whose writes are dropped.
/// </summary>
public sealed class VmWorker : ActorBase
{
    private readonly ContractEngine _engine;
    private readonly StateDb _db;
    private readonly RecentContracts _recent;

    public VmWorker(StateDb db, ExecutionLimits limits, RecentContracts recent)
    {
        _db = db;
        _recent = recent;
        _engine = new ContractEngine(limits, new StateDbCodeStore(db));
        var executor = new TransactionExecutor(_engine, LogContract);
        var precheck = new TransactionPrecheck(db);
        Receive<ExecuteBlock>(m =>
        {
            var journal = m.Journal ?? db.BeginTransaction();
            var world = new JournalWorldState(journal);
            var receipts = new List<Receipt>(m.Transactions.Count);
            foreach (var tx in m.Transactions)
            {
                if (precheck.Refusal(tx) is { } refused)
                {
                    receipts.Add(refused);
                    continue;
                }
                // A failed transaction's writes are dropped whole; the others stay for the next ones to see.
                var savepoint = journal.Savepoint();
                var receipt = executor.Execute(tx, world, m.Block);
                if (receipt.Status.Code != StatusCode.Success) journal.RollbackTo(savepoint);
                receipts.Add(receipt);
                if (_engine.IsPoisoned) break;
            }
            Sender.Tell(new BlockExecuted(receipts, journal));
            FailIfPoisoned();
        });
        Receive<PoolTick>(_ => { });
        Receive<RunQuery>(m =>
        {
            using var snapshot = db.Snapshot();
            var tx = m.Transaction;
            var block = new BlockContext(snapshot.Height, db.HeadHash, "query", tx.Time);
            var receipt = executor.Execute(tx, new JournalWorldState(new StateJournal(snapshot)), block);
            Sender.Tell(new QueryAnswered(receipt, snapshot.Height));
            FailIfPoisoned();
        });
    }

    /// <summary>Loads the node's recently called contracts, so that no caller waits for their first load here.</summary>
    protected internal override void PreStart()
    {
        var committed = new ContractState(new StateJournal(_db.Committed));
        foreach (var id in _recent.Snapshot())
        {
            if (committed.GetContract(id) is not { } contract) continue;
            try
            {
                _engine.Warm(contract.Code);
            }
            catch (Exception e)
            {
                Log.Warning($"contract {id} could not be loaded ahead of its calls: {e.Message}");
            }
        }
    }

    private void FailIfPoisoned()
    {
        if (_engine.IsPoisoned) throw new IsolatePoisonedException();
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
