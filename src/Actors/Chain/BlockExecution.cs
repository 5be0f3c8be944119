using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>Where a block's lanes run: the worker pool, or engines of a test.</summary>
public interface IExecutionLanes
{
    /// <summary>How many lanes can run at once.</summary>
    int Count { get; }

    Task<LaneExecuted> Run(ExecuteLane lane);
}

/// <summary>The worker pool behind the VmManager, asked one message per lane.</summary>
public sealed class PoolLanes(IActorRef vm, int count, TimeSpan timeout) : IExecutionLanes
{
    public int Count => count;

    public Task<LaneExecuted> Run(ExecuteLane lane) => vm.Ask<LaneExecuted>(lane, timeout);
}

/// <summary>
/// A block's result: receipts for its first Receipts.Count transactions in order (fewer when the gas
/// budget was spent), the writes of the successful ones, how many waves ran side by side and how many
/// transactions ran again, and the contracts whose calls collided without the schedule expecting it.
/// </summary>
public sealed record ExecutedBlock(IReadOnlyList<Receipt> Receipts, WriteSet Writes, bool BudgetSpent)
{
    public int Waves { get; init; }
    public int Reexecuted { get; init; }
    public IReadOnlySet<string> Collided { get; init; } = new HashSet<string>();
}

/// <summary>
/// Executes a block on several lanes at once with the result of executing it in order on one. The
/// transactions run optimistically in waves (<see cref="BlockSchedule"/>), each wave split over the
/// lanes and run over the writes of the waves before it. Then one lane assembles the block in order:
/// each transaction whose every read value is the value the transactions before it leave keeps its
/// outcome (execution depends only on the values read, so it is the outcome the block order gives);
/// any other, and any the waves left out, runs there and then over exactly that state. Receipts, gas
/// and writes are therefore those of serial execution, whatever the schedule, the lanes or their
/// timing; a wrong guess costs only time.
/// </summary>
public sealed class BlockExecution(IExecutionLanes lanes)
{
    /// <summary>Most transactions a wave's message holds.</summary>
    public const int MaxLaneTransactions = 100;

    /// <summary>Most transactions an assembling message holds when validating (no gas budget bounds its time then).</summary>
    private const int MaxValidatingTransactions = 100;

    /// <summary>Lane answers in a row that ran nothing (a poisoned isolate each time) before the block fails.</summary>
    private const int MaxStalls = 3;

    public async Task<ExecutedBlock> Run(IReadOnlyList<Transaction> transactions, BlockContext block, StateView view, long gasBudget,
        bool validating = false, IReadOnlySet<string>? contended = null)
    {
        var plan = BlockSchedule.Plan(transactions, lanes.Count, contended ?? new HashSet<string>());
        var outcomes = new TxOutcome?[transactions.Count];
        var waves = plan.IsSerial ? 0 : await RunWaves(plan, transactions, block, view, validating, outcomes);
        return await Assemble(transactions, block, view, gasBudget, validating, outcomes, waves);
    }

    /// <summary>
    /// Runs the waves in turn, each split over the lanes, over the writes of the waves before; stops at
    /// the first wave too small to share (what is left runs while assembling). Answers how many ran.
    /// </summary>
    private async Task<int> RunWaves(BlockPlan plan, IReadOnlyList<Transaction> transactions, BlockContext block, StateView view, bool validating,
        TxOutcome?[] outcomes)
    {
        var waveView = view;
        var ran = 0;
        foreach (var wave in plan.Waves)
        {
            if (wave.Count < lanes.Count * BlockSchedule.MinLaneTransactions) break;
            // A whole number of messages per lane: one message more than the lanes can take at once
            // would run alone afterwards, with the other lanes idle.
            var rounds = (wave.Count + lanes.Count * MaxLaneTransactions - 1) / (lanes.Count * MaxLaneTransactions);
            var parts = lanes.Count * rounds;
            var chunks = Enumerable.Range(0, parts).Select(p => wave.Skip(wave.Count * p / parts).Take(wave.Count * (p + 1) / parts - wave.Count * p / parts).ToList()).ToList();
            var current = waveView;
            var answers = await Task.WhenAll(chunks.Select(c => lanes.Run(new ExecuteLane(c.Select(i => transactions[i]).ToList(), block, current) { Validating = validating })));
            for (var c = 0; c < chunks.Count; c++)
            {
                var got = answers[c].Outcomes;
                for (var j = 0; j < got.Count && j < chunks[c].Count; j++) outcomes[chunks[c][j]] = got[j];
            }
            waveView = waveView.With(WriteSet.Merge(wave.Select(i => outcomes[i]?.Writes ?? WriteSet.Empty)));
            ran++;
        }
        return ran;
    }

    /// <summary>The block in order on one lane, a message at a time, keeping the outcomes whose reads still hold.</summary>
    private async Task<ExecutedBlock> Assemble(IReadOnlyList<Transaction> transactions, BlockContext block, StateView view, long gasBudget,
        bool validating, TxOutcome?[] outcomes, int waves)
    {
        var assembled = new Assembly(view);
        var (stalls, reran, budgetSpent) = (0, 0, false);
        var collided = new HashSet<string>(StringComparer.Ordinal);
        var chunk = validating ? MaxValidatingTransactions : transactions.Count;
        for (var next = 0; next < transactions.Count;)
        {
            var count = Math.Min(chunk, transactions.Count - next);
            var answer = await lanes.Run(new ExecuteLane(transactions.Skip(next).Take(count).ToList(), block, assembled.View())
            {
                GasBudget = gasBudget - assembled.Spent,
                Validating = validating,
                Known = waves > 0 ? outcomes.AsSpan(next, count).ToArray() : null,
                RecordsReads = false,
            });
            foreach (var outcome in answer.Outcomes) assembled.Add(outcome);
            reran += answer.Reran;
            collided.UnionWith(answer.Collided);
            if (answer.BudgetSpent)
            {
                budgetSpent = true;
                break;
            }
            if (answer.Outcomes.Count == 0 && ++stalls >= MaxStalls)
                throw new InvalidOperationException($"transaction {transactions[next].Hash} could not be run: its worker failed {stalls} times");
            if (answer.Outcomes.Count > 0) stalls = 0;
            next += answer.Outcomes.Count;
        }
        return assembled.Result(budgetSpent, waves, reran, collided);
    }

    /// <summary>The block so far, in order: receipts, writes, gas, and views over those writes for what runs next.</summary>
    private sealed class Assembly(StateView blockView)
    {
        private readonly List<Receipt> _receipts = [];
        private readonly Dictionary<string, string?> _writes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _unlayered = new(StringComparer.Ordinal);
        private StateView _layered = blockView;

        public long Spent { get; private set; }

        public void Add(TxOutcome outcome)
        {
            foreach (var (key, value) in outcome.Writes)
            {
                _writes[key] = value;
                _unlayered[key] = value;
            }
            _receipts.Add(outcome.Receipt);
            Spent += outcome.GasCharged;
        }

        /// <summary>The block's view under the writes so far (one more layer per call that follows new writes).</summary>
        public StateView View()
        {
            if (_unlayered.Count == 0) return _layered;
            _layered = _layered.With(WriteSet.From(_unlayered));
            _unlayered.Clear();
            return _layered;
        }

        public ExecutedBlock Result(bool budgetSpent, int waves, int reran, HashSet<string> collided) =>
            new(_receipts, WriteSet.From(_writes), budgetSpent) { Waves = waves, Reexecuted = reran, Collided = collided };
    }
}
