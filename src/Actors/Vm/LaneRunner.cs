using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// Runs transactions of a block in order over a view, as one lane of its execution: each in a journal
/// of its own that records what it read, the successful ones' writes visible to those after them in
/// the lane. Its outcomes say what each transaction read and wrote, so that whoever assembles the
/// block can tell whether it would have read the same in the block's own order.
/// </summary>
public sealed class LaneRunner(ContractEngine engine, TransactionExecutor executor, TransactionPrecheck precheck,
    Action<Exception, Transaction>? unprocessable = null)
{
    /// <summary>Outcomes for the lane's transactions in order: fewer when the gas budget is spent or the isolate was poisoned.</summary>
    public LaneExecuted Run(ExecuteLane lane, List<TxOutcome>? into = null)
    {
        var outcomes = into ?? new List<TxOutcome>(lane.Transactions.Count);
        var state = new LaneState(lane.View);
        long spent = 0;
        foreach (var tx in lane.Transactions)
        {
            if (spent >= lane.GasBudget) return new LaneExecuted(outcomes, BudgetSpent: true);
            var outcome = RunOne(tx, lane, state);
            outcomes.Add(outcome);
            spent += outcome.GasCharged;
            if (engine.IsPoisoned) break;
        }
        return new LaneExecuted(outcomes, BudgetSpent: false);
    }

    private TxOutcome RunOne(Transaction tx, ExecuteLane lane, LaneState state)
    {
        var journal = new StateJournal(state, trackReads: true);
        Receipt receipt;
        try
        {
            receipt = precheck.Refusal(tx, lane.View, journal) ?? executor.Execute(tx, new JournalWorldState(journal), lane.Block);
        }
        catch (Exception e)
        {
            // A transaction the node could not process at all is malformed input: refused, never in a block.
            unprocessable?.Invoke(e, tx);
            receipt = Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, $"the transaction could not be processed ({e.GetType().Name})");
        }
        var writes = receipt.Status.Code == StatusCode.Success ? WriteSet.From(journal.Writes) : WriteSet.Empty;
        state.Add(writes);
        // A transaction left out for a limit still took the time its gas limit allows.
        var charged = BlockRules.HitResourceLimit(receipt) ? tx.GasLimit : receipt.GasUsed;
        return new TxOutcome(receipt, journal.Reads.ToArray(), writes, charged);
    }

    /// <summary>The lane's view under the writes of its successful transactions so far.</summary>
    private sealed class LaneState(StateView view) : IStateReader
    {
        private readonly Dictionary<string, string?> _writes = new(StringComparer.Ordinal);

        public string? Get(string key) => _writes.TryGetValue(key, out var value) ? value : view.Get(key);

        public void Add(WriteSet writes)
        {
            foreach (var (key, value) in writes) _writes[key] = value;
        }
    }
}
