using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Thrown after a run poisoned the isolate (heap limit): the supervisor restarts the worker with a fresh one.</summary>
public sealed class IsolatePoisonedException() : Exception("the V8 isolate reached its heap limit and must be replaced");

/// <summary>
/// Owns one V8 isolate on its own thread. Executes lanes of a block (<see cref="LaneRunner"/>) over
/// the immutable view it is sent, answering with what each transaction read and wrote (nothing here
/// is committed), and answers read-only queries against a snapshot of the last committed block,
/// whose writes are dropped.
/// </summary>
public sealed class VmWorker : ActorBase
{
    private readonly ContractEngine _engine;
    private readonly StateDb _db;
    private readonly RecentContracts _recent;
    private readonly StateDbCodeStore _codeStore;

    public VmWorker(StateDb db, ExecutionLimits limits, RecentContracts recent)
    {
        _db = db;
        _recent = recent;
        _codeStore = new StateDbCodeStore(db);
        _engine = new ContractEngine(limits, _codeStore);
        // The constructor, every message and PostStop run on this actor's own thread (a pinned dispatcher).
        _engine.BindToThisThread();
        var executor = new TransactionExecutor(_engine, (_, message) => Log.Error(null, message));
        var lanes = new LaneRunner(_engine, executor, new TransactionPrecheck(limits),
            (e, tx) => Log.Error(e, $"transaction {tx.Hash} could not be processed"));
        Receive<ExecuteLane>(m =>
        {
            _engine.TimeLimit = m.Validating ? limits.ValidationTimeLimit : limits.TimeLimit;
            // The producer waits for this answer: it is sent whatever happens, with an outcome for every
            // transaction that ran (fewer only when the gas budget is spent, or the isolate was poisoned).
            var outcomes = new List<TxOutcome>(m.Transactions.Count);
            var budgetSpent = false;
            try
            {
                budgetSpent = lanes.Run(m, outcomes).BudgetSpent;
            }
            finally
            {
                Sender.Tell(new LaneExecuted(outcomes, budgetSpent));
            }
            FailIfPoisoned();
        });
        Receive<RunQuery>(m =>
        {
            using var snapshot = db.Snapshot();
            var tx = m.Transaction;
            Receipt receipt;
            _codeStore.Writes = false;
            try
            {
                // As if in the next block (never the genesis block's every authority).
                var block = new BlockContext(snapshot.Height + 1, db.HeadHash, "query", tx.Time);
                receipt = executor.Query(tx, new JournalWorldState(new StateJournal(snapshot)), block, limits.MaxTxGas);
            }
            catch (Exception e)
            {
                receipt = Unprocessable(tx, e);
            }
            finally
            {
                _codeStore.Writes = true;
            }
            Sender.Tell(new QueryAnswered(receipt, snapshot.Height));
            FailIfPoisoned();
        });
    }

    /// <summary>A query the node could not process at all is malformed input.</summary>
    private Receipt Unprocessable(Transaction tx, Exception e)
    {
        Log.Error(e, $"transaction {tx.Hash} could not be processed");
        return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, $"the transaction could not be processed ({e.GetType().Name})");
    }

    /// <summary>Loads the node's recently called contracts, so that no caller waits for their first load here.</summary>
    protected override void PreStart()
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

    protected override void PostStop() => _engine.Dispose();
}
