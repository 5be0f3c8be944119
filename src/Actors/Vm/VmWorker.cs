using ActorVm.Actors.Chain;
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
    private readonly TransactionExecutor _executor;
    private readonly TransactionPrecheck _precheck;
    private readonly StateDbCodeStore _codeStore;

    public VmWorker(StateDb db, ExecutionLimits limits, RecentContracts recent)
    {
        _db = db;
        _recent = recent;
        _codeStore = new StateDbCodeStore(db);
        _engine = new ContractEngine(limits, _codeStore);
        _executor = new TransactionExecutor(_engine, LogContract);
        _precheck = new TransactionPrecheck(db, limits.MaxTxGas);
        Receive<ExecuteBlock>(m =>
        {
            var journal = m.Journal ?? db.BeginTransaction();
            var world = new JournalWorldState(journal);
            var receipts = new List<Receipt>(m.Transactions.Count);
            _engine.TimeLimit = m.Validating ? limits.ValidationTimeLimit : limits.TimeLimit;
            long spent = 0;
            // The producer waits for this answer: it is sent whatever happens, with a receipt for every
            // transaction that ran (fewer only when the gas budget is spent, or the isolate was poisoned).
            try
            {
                foreach (var tx in m.Transactions)
                {
                    if (spent >= m.GasBudget) break;
                    var receipt = ExecuteInBlock(tx, journal, world, m.Block);
                    receipts.Add(receipt);
                    // A transaction left out for a limit still took the time its gas limit allows.
                    spent += BlockRules.HitResourceLimit(receipt) ? tx.GasLimit : receipt.GasUsed;
                    if (_engine.IsPoisoned) break;
                }
            }
            finally
            {
                Sender.Tell(new BlockExecuted(receipts, journal, spent, receipts.Count < m.Transactions.Count && spent >= m.GasBudget));
            }
            FailIfPoisoned();
        });
        Receive<PoolTick>(_ => { });
        Receive<RunQuery>(m =>
        {
            using var snapshot = db.Snapshot();
            var tx = m.Transaction;
            Receipt receipt;
            _codeStore.Writes = false;
            try
            {
                var block = new BlockContext(snapshot.Height, db.HeadHash, "query", tx.Time);
                receipt = _executor.Execute(tx, new JournalWorldState(new StateJournal(snapshot)), block);
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

    /// <summary>One transaction of a block: refused, or run with its writes kept only when it succeeded.</summary>
    private Receipt ExecuteInBlock(Transaction tx, StateJournal journal, JournalWorldState world, BlockContext block)
    {
        var savepoint = journal.Savepoint();
        try
        {
            if (_precheck.Refusal(tx, journal) is { } refused) return refused;
            var receipt = _executor.Execute(tx, world, block);
            if (receipt.Status.Code != StatusCode.Success) journal.RollbackTo(savepoint);
            return receipt;
        }
        catch (Exception e)
        {
            journal.RollbackTo(savepoint);
            return Unprocessable(tx, e);
        }
    }

    /// <summary>A transaction the node could not process at all is malformed input: refused, never in a block.</summary>
    private Receipt Unprocessable(Transaction tx, Exception e)
    {
        Log.Error(e, $"transaction {tx.Hash} could not be processed");
        return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, $"the transaction could not be processed ({e.GetType().Name})");
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
