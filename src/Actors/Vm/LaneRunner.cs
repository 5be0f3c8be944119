using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// Runs transactions of a block in order over a view, as one lane of its execution: each in a journal
/// (the lane's, emptied for it) that records what it read, the successful ones' writes visible to those after them in
/// the lane. Its outcomes say what each transaction read and wrote, so that whoever assembles the
/// block can tell whether it would have read the same in the block's own order.
/// </summary>
public sealed class LaneRunner(ContractEngine engine, TransactionExecutor executor, TransactionPrecheck precheck,
    Action<Exception, Transaction>? unprocessable = null)
{
    /// <summary>
    /// Outcomes for the lane's transactions in order: fewer when the gas budget is spent or the isolate
    /// was poisoned. A known outcome whose reads all still hold is kept as it is: execution depends only
    /// on the values read, so running it again would give the same.
    /// </summary>
    public LaneExecuted Run(ExecuteLane lane, List<TxOutcome>? into = null)
    {
        var outcomes = into ?? new List<TxOutcome>(lane.Transactions.Count);
        var state = new LaneState(lane.View);
        // One journal for the lane, emptied for each transaction once its writes and reads are copied
        // out: a journal of its own per transaction was about 0.6 KB of garbage each (its tables).
        var journal = new StateJournal(state, trackReads: lane.RecordsReads);
        var (spent, reran) = (0L, 0);
        HashSet<string>? collided = null;
        for (var i = 0; i < lane.Transactions.Count; i++)
        {
            if (spent >= lane.GasBudget) return Done(true);
            var tx = lane.Transactions[i];
            var known = lane.Known is { } k && i < k.Count ? k[i] : null;
            TxOutcome outcome;
            // An outcome that hit a resource limit says something about the lane's load, not the block: it runs again.
            if (known is not null && !BlockRules.HitResourceLimit(known.Receipt) && state.StillReads(known))
            {
                outcome = known;
                state.Add(known.Writes);
            }
            else
            {
                if (known is not null)
                {
                    reran++;
                    collided ??= new HashSet<string>(StringComparer.Ordinal);
                    foreach (var action in tx.Actions) collided.Add(action.Contract);
                }
                outcome = RunOne(tx, lane, state, journal);
            }
            outcomes.Add(outcome);
            spent += outcome.GasCharged;
            if (engine.IsPoisoned) break;
        }
        return Done(false);

        LaneExecuted Done(bool budgetSpent) => new(outcomes, budgetSpent) { Reran = reran, Collided = collided ?? (IReadOnlySet<string>)new HashSet<string>() };
    }

    private TxOutcome RunOne(Transaction tx, ExecuteLane lane, LaneState state, StateJournal journal)
    {
        journal.Clear();
        Receipt receipt;
        try
        {
            var world = new JournalWorldState(journal, state.Contracts);
            receipt = precheck.Refusal(tx, lane.View, world) ?? precheck.Unauthorized(tx, lane.Block, world) ?? executor.Execute(tx, world, lane.Block, precheck.GasCap);
        }
        catch (Exception e)
        {
            // A transaction the node could not process at all is malformed input: refused, never in a block.
            unprocessable?.Invoke(e, tx);
            receipt = Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, $"the transaction could not be processed ({e.GetType().Name})");
        }
        // A failed transaction that paid for its gas keeps that payment, and only that (the executor undid the rest).
        var writes = receipt.Status.Code == StatusCode.Success || receipt.GasPaid is not null ? WriteSet.From(journal.Writes) : WriteSet.Empty;
        state.Add(writes);
        // A transaction left out for a limit still took the time its gas limit allows.
        var charged = BlockRules.HitResourceLimit(receipt) ? Math.Min(tx.GasLimit, precheck.GasCap) : receipt.GasUsed;
        return new TxOutcome(receipt, lane.RecordsReads ? journal.Reads.ToArray() : [], writes, charged);
    }

    /// <summary>The lane's view under the writes of its successful transactions so far.</summary>
    private sealed class LaneState(StateView view) : IStateReader
    {
        private readonly Dictionary<string, string?> _writes = new(StringComparer.Ordinal);

        public LaneContracts Contracts { get; } = new();

        public string? Get(string key) => _writes.TryGetValue(key, out var value) ? value : view.Get(key);

        /// <summary>True when every value the outcome read is the value this state holds.</summary>
        public bool StillReads(TxOutcome outcome)
        {
            foreach (var (key, value) in outcome.Reads)
                if (!string.Equals(Get(key), value, StringComparison.Ordinal)) return false;
            return true;
        }

        public void Add(WriteSet writes)
        {
            foreach (var (key, value) in writes) _writes[key] = value;
            Contracts.Saw(writes);
        }
    }
}
