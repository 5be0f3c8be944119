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
/// transactions run optimistically in waves (<see cref="BlockSchedule"/>), each wave over the writes
/// of the waves before it; then, in block order, each transaction's reads are checked against the
/// state the transactions before it leave: when every value it read is the same, its run is the one
/// the block order gives (execution depends only on the values read), and its writes are kept;
/// otherwise it runs again over exactly that state. After a few such reruns the rest of the block
/// runs in order on one lane. Receipts, gas and writes are therefore those of serial execution,
/// whatever the schedule, the lanes or their timing.
/// </summary>
public sealed class BlockExecution(IExecutionLanes lanes)
{
    /// <summary>Most transactions one message holds, so that no message waits on more than that many time limits.</summary>
    public const int MaxLaneTransactions = 100;

    /// <summary>Reruns of single transactions before the rest of a block runs in order.</summary>
    private const int MaxSingleReruns = 8;

    /// <summary>Lane answers in a row that ran nothing (a poisoned isolate each time) before the block fails.</summary>
    private const int MaxStalls = 3;

    public async Task<ExecutedBlock> Run(IReadOnlyList<Transaction> transactions, BlockContext block, StateView view, long gasBudget,
        bool validating = false, IReadOnlySet<string>? contended = null)
    {
        var plan = BlockSchedule.Plan(transactions, lanes.Count, contended ?? new HashSet<string>());
        var outcomes = new TxOutcome?[transactions.Count];
        if (!plan.IsSerial) await RunWaves(plan, transactions, block, view, validating, outcomes);
        return await Assemble(plan, transactions, block, view, gasBudget, validating, outcomes);
    }

    /// <summary>Runs the waves in turn, each split over the lanes, over the writes of the waves before.</summary>
    private async Task RunWaves(BlockPlan plan, IReadOnlyList<Transaction> transactions, BlockContext block, StateView view, bool validating,
        TxOutcome?[] outcomes)
    {
        var waveView = view;
        foreach (var wave in plan.Waves)
        {
            var parts = Math.Max(Math.Min(lanes.Count, wave.Count / BlockSchedule.MinLaneTransactions), (wave.Count + MaxLaneTransactions - 1) / MaxLaneTransactions);
            parts = Math.Max(parts, 1);
            var chunks = Enumerable.Range(0, parts).Select(p => wave.Skip(wave.Count * p / parts).Take(wave.Count * (p + 1) / parts - wave.Count * p / parts).ToList()).ToList();
            var current = waveView;
            var answers = await Task.WhenAll(chunks.Select(c => lanes.Run(new ExecuteLane(c.Select(i => transactions[i]).ToList(), block, current) { Validating = validating })));
            var written = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var c = 0; c < chunks.Count; c++)
            {
                var got = answers[c].Outcomes;
                for (var j = 0; j < got.Count && j < chunks[c].Count; j++) outcomes[chunks[c][j]] = got[j];
            }
            foreach (var i in wave)
                if (outcomes[i] is { } o)
                    foreach (var (key, value) in o.Writes) written[key] = value;
            waveView = waveView.With(WriteSet.From(written));
        }
    }

    /// <summary>Takes the outcomes in block order, keeping each one whose reads still hold and running the others again.</summary>
    private async Task<ExecutedBlock> Assemble(BlockPlan plan, IReadOnlyList<Transaction> transactions, BlockContext block, StateView view,
        long gasBudget, bool validating, TxOutcome?[] outcomes)
    {
        var assembled = new Assembly(view);
        var (reruns, waves) = (0, plan.Waves.Count);
        var collided = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < transactions.Count; i++)
        {
            if (assembled.Spent >= gasBudget) return assembled.Result(true, waves, reruns, collided);
            var outcome = outcomes[i];
            if (outcome is not null && assembled.StillReads(outcome))
            {
                assembled.Add(outcome);
                continue;
            }
            if (outcome is not null)
                foreach (var action in transactions[i].Actions) collided.Add(action.Contract);
            if (plan.IsSerial || reruns >= MaxSingleReruns)
            {
                var spent = await RunInOrder(transactions, i, block, assembled, gasBudget, validating);
                if (!plan.IsSerial) reruns += transactions.Count - i;
                return assembled.Result(spent, waves, reruns, collided);
            }
            reruns++;
            var rerun = await lanes.Run(new ExecuteLane([transactions[i]], block, assembled.View()) { Validating = validating });
            if (rerun.Outcomes.Count == 0)
            {
                // The isolate was poisoned before it ran: the rest runs in order, which retries it.
                var spent = await RunInOrder(transactions, i, block, assembled, gasBudget, validating);
                return assembled.Result(spent, waves, reruns, collided);
            }
            assembled.Add(rerun.Outcomes[0]);
        }
        return assembled.Result(false, waves, reruns, collided);
    }

    /// <summary>The transactions from <paramref name="from"/> on, in order on one lane a message at a time; true when the budget was spent.</summary>
    private async Task<bool> RunInOrder(IReadOnlyList<Transaction> transactions, int from, BlockContext block, Assembly assembled,
        long gasBudget, bool validating)
    {
        var stalls = 0;
        for (var next = from; next < transactions.Count;)
        {
            var chunk = transactions.Skip(next).Take(MaxLaneTransactions).ToList();
            var answer = await lanes.Run(new ExecuteLane(chunk, block, assembled.View()) { GasBudget = gasBudget - assembled.Spent, Validating = validating });
            foreach (var outcome in answer.Outcomes) assembled.Add(outcome);
            if (answer.BudgetSpent) return true;
            if (answer.Outcomes.Count == 0 && ++stalls >= MaxStalls)
                throw new InvalidOperationException($"transaction {transactions[next].Hash} could not be run: its worker failed {stalls} times");
            if (answer.Outcomes.Count > 0) stalls = 0;
            next += answer.Outcomes.Count;
        }
        return false;
    }

    /// <summary>The block so far, in order: receipts, writes, gas, and views over those writes for what runs next.</summary>
    private sealed class Assembly(StateView blockView)
    {
        private readonly StateView _view = blockView;
        private readonly List<Receipt> _receipts = [];
        private readonly Dictionary<string, string?> _writes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _unlayered = new(StringComparer.Ordinal);
        private StateView _layered = blockView;

        public long Spent { get; private set; }

        /// <summary>True when every value the transaction read is the value it would read now.</summary>
        public bool StillReads(TxOutcome outcome)
        {
            foreach (var (key, value) in outcome.Reads)
            {
                var now = _writes.TryGetValue(key, out var written) ? written : _view.Get(key);
                if (!string.Equals(now, value, StringComparison.Ordinal)) return false;
            }
            return true;
        }

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

        public ExecutedBlock Result(bool budgetSpent, int waves, int reruns, HashSet<string> collided) =>
            new(_receipts, WriteSet.From(_writes), budgetSpent) { Waves = waves, Reexecuted = reruns, Collided = collided };
    }
}
