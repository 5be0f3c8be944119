using System.Diagnostics;
using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Api;
using ActorVm.Host.Node;

namespace ActorVm.Host.Bench;

/// <summary>
/// The measurements of `actorvm bench`, each against a node's own actors (in-process) or its HTTP
/// API. Every figure lands in <see cref="BenchResults"/> under the key the report prints.
/// </summary>
internal sealed partial class BenchScenarios(NodeRuntime node, Uri http, BenchResults results, Action<string> progress)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);
    private long _clock;
    private int _seed = 42;

    private NodeActors Actors => node.Actors;

    /// <summary>A transaction signed as the dev node signs an unsigned submission (the bench node runs in dev mode).</summary>
    private Transaction Tx(string publisher, string contract, string method, string data, long gas = ExecutionLimits.DefaultMaxTxGas) =>
        Actors.Admission.Admit(Unsigned(publisher, contract, method, data, gas));

    /// <summary>For the engine alone, which runs what it is given: signatures are checked before it, by a lane.</summary>
    private Transaction Unsigned(string publisher, string contract, string method, string data, long gas = ExecutionLimits.DefaultMaxTxGas)
    {
        var time = Interlocked.Increment(ref _clock) + (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        return new Transaction(time, time + 90_000_000_000, gas, publisher, [], [new TxAction(contract, method, data)]) { AmountLimit = [new AmountLimit("*", "unlimited")] };
    }

    /// <summary>
    /// Transfers signed before the clock starts, on every core: signing is the client's work, not the
    /// node's (a dev node's own signature needs no second check; a client's is checked at admission).
    /// </summary>
    private Transaction[] Transfers(TransferPairs pairs, string token, int count)
    {
        // What the previous scenario's client let go of (its own signed backlog, up to 150,000
        // transactions) is given back before this one signs its own: the node's peak memory is not
        // the sum of two clients' backlogs.
        GiveBack();
        var chosen = Enumerable.Range(0, count).Select(_ => pairs.Next()).ToArray();
        var signed = new Transaction[count];
        Parallel.For(0, count, i => signed[i] = Tx(chosen[i].From, token, "transfer", $"[\"{chosen[i].From}\", \"{chosen[i].To}\", 1]"));
        // The backlog is settled in the oldest generation before the clock starts: left young, the
        // node's first collections of the run copied the client's own transactions (a gen-1 and a
        // full collection inside every in-process run, 0.13 of it paused against 0.115 without).
        GiveBack();
        return signed;
    }

    private static void GiveBack()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        MallocArenas.Trim();
    }

    private int Next(int bound) => (_seed = (int)((_seed * 1103515245L + 12345) % 2147483648)) % bound;

    private async Task<Receipt> Commit(Transaction tx) =>
        await Actors.Producer.Ask<object>(new SubmitTx(tx, Wait: true), Wait) switch
        {
            Receipt r => r,
            TxRejected rejected => throw new InvalidOperationException($"rejected: {rejected.Reason}"),
            var other => throw new InvalidOperationException($"unexpected {other.GetType().Name}"),
        };

    /// <summary>
    /// A client's transfer: submitted, its committed receipt awaited and timed, its slot in the window
    /// given back, its end counted. One step per transaction: the client's own tasks share the node's
    /// cores and collector.
    /// </summary>
    private async Task Send(Transaction tx, LatencyRecorder latency, OutstandingTransfers outstanding, SemaphoreSlim? inFlight = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            object reply;
            try
            {
                reply = await Actors.Producer.Ask<object>(new SubmitTx(tx, Wait: true), Wait);
            }
            finally
            {
                // A failed transfer gives its slot back too: the run then fails instead of waiting forever.
                inFlight?.Release();
            }
            latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            outstanding.Ended(reply switch
            {
                Receipt r => r.Status.Code == StatusCode.Success,
                TxRejected rejected => throw new InvalidOperationException($"rejected: {rejected.Reason}"),
                var other => throw new InvalidOperationException($"unexpected {other.GetType().Name}"),
            });
        }
        catch (Exception e)
        {
            outstanding.Failed(e);
        }
    }

    /// <summary>Deploys the bench token and mints to every account, in blocks.</summary>
    public async Task<string> DeployToken(int accounts)
    {
        progress($"deploying the token contract and minting to {accounts} accounts");
        var deploy = await Commit(Tx("bench", "system", "setCode", JsonSerializer.Serialize(new[] { BenchContract.Token, BenchContract.TokenAbi })));
        if (deploy.Status.Code != StatusCode.Success) throw new InvalidOperationException($"deploy failed: {deploy.Status.Message}");
        var token = JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
        var mints = Enumerable.Range(0, accounts).Select(i => Commit(Tx("bench", token, "mint", $"[\"{BenchContract.Account(i)}\", 1000000]")));
        await Task.WhenAll(mints);
        return token;
    }

    /// <summary>Gives many accounts a balance directly in the store (minting a million by transactions would take the run).</summary>
    public void Seed(string token, int accounts)
    {
        progress($"seeding {accounts} account balances directly");
        // In blocks of 20,000 keys: setup, not measured, and not what the peak memory should record.
        const int perBlock = 20_000;
        for (var start = 0; start < accounts; start += perBlock)
        {
            var journal = node.Db.BeginTransaction();
            for (var i = start; i < Math.Min(accounts, start + perBlock); i++)
                journal.Put(Storage.State.StateKeys.Value(token, $"b_{BenchContract.Account(i)}"), "1000000");
            node.Db.CommitTransaction(journal);
            node.Db.CommitBlock(new Storage.State.BlockDraft(0, "seed", []));
        }
    }

    /// <summary>Committed transfers through the block producer (no HTTP): throughput and submit-to-receipt latency.</summary>
    public async Task TransfersInProcess(string token, int accounts, int transfers, string prefix = "transfers_inproc", bool hotSpot = false)
    {
        progress($"{transfers} transfers in-process{(hotSpot ? ", every one to the same account" : "")}");
        var signed = Transfers(new TransferPairs(accounts, hotSpot, _seed++), token, transfers);
        var latency = new LatencyRecorder();
        // Stay well inside the mempool, as a client that respects back-pressure would.
        using var inFlight = new SemaphoreSlim(5_000);
        var paused = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        // Each transaction and its receipt are let go of as they leave and come back: the client holds
        // no more than a client would (100,000 kept receipts were a third of the run's peak memory).
        var outstanding = new OutstandingTransfers();
        for (var i = 0; i < transfers; i++)
        {
            await inFlight.WaitAsync();
            var tx = signed[i];
            signed[i] = null!;
            outstanding.Started();
            _ = Send(tx, latency, outstanding, inFlight);
        }
        var succeeded = await outstanding.AllEnded();
        var seconds = clock.Elapsed.TotalSeconds;
        results.Set($"{prefix}_tps", succeeded / seconds);
        results.Set($"{prefix}_gc_pause_share", (GC.GetTotalPauseDuration() - paused).TotalSeconds / seconds);
        results.Set($"{prefix}_alloc_bytes_per_tx", (GC.GetTotalAllocatedBytes() - allocated) / (double)transfers);
        results.Set($"{prefix}_cpu_us_per_tx", (ProcessCpu() - cpu).TotalMicroseconds / transfers);
        results.Set($"{prefix}_p50_ms", latency.Percentile(50));
        results.Set($"{prefix}_p95_ms", latency.Percentile(95));
        results.Set($"{prefix}_p99_ms", latency.Percentile(99));
    }

    /// <summary>
    /// Transfers submitted at a fixed rate (an open loop: each on time, whatever the answers), as a
    /// share of the in-process maximum: latency from submit to committed receipt under that load.
    /// </summary>
    public async Task TransfersAtRate(string token, int accounts, double rate, TimeSpan duration, string prefix = "transfers_half_load")
    {
        progress($"transfers at {rate:0} tx/s for {duration.TotalSeconds:0} s");
        var signed = Transfers(new TransferPairs(accounts, false, _seed++), token, (int)(rate * duration.TotalSeconds) + 1);
        var latency = new LatencyRecorder();
        var outstanding = new OutstandingTransfers();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            // Bursts every 10 ms keep to the rate without a timer per transaction.
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due && sent < signed.Length; sent++)
            {
                var tx = signed[sent];
                signed[sent] = null!;
                outstanding.Started();
                _ = Send(tx, latency, outstanding);
            }
            await Task.Delay(10);
        }
        await outstanding.AllEnded();
        results.Set($"{prefix}_rate_tps", rate);
        results.Set($"{prefix}_p50_ms", latency.Percentile(50));
        results.Set($"{prefix}_p99_ms", latency.Percentile(99));
    }

    private readonly List<EngineLoop.Figures> _engineLoops = [];

    /// <summary>
    /// The engine-loop ceiling of this run: the same transfers on one thread, no actors (<see cref="EngineLoop"/>).
    /// Each call measures once more; the figures are the mean of every measurement so far.
    /// </summary>
    public void EngineLoop(int accounts, int transfers)
    {
        progress($"{transfers} transfers straight through the engine and the store, on one thread");
        // It signs its own transfers first: what the scenario before it let go of is given back first.
        GiveBack();
        if (_engineLoops.Count == 0) Bench.EngineLoop.Run(accounts, 5_000);
        _engineLoops.Add(Bench.EngineLoop.Run(accounts, transfers));
        results.Set("engine_loop_tps", _engineLoops.Average(f => f.TransactionsPerSecond));
        results.Set("engine_loop_tps_first", _engineLoops[0].TransactionsPerSecond);
        results.Set("engine_loop_tps_last", _engineLoops[^1].TransactionsPerSecond);
        results.Set("engine_loop_runs", _engineLoops.Count);
        results.Set("engine_loop_execute_ms", _engineLoops.Average(f => f.ExecuteMs));
        results.Set("engine_loop_receipts_ms", _engineLoops.Average(f => f.ReceiptsMs));
        results.Set("engine_loop_commit_ms", _engineLoops.Average(f => f.CommitMs));
        results.Set("engine_loop_cpu_ms", _engineLoops.Average(f => f.CpuMs));
    }

    /// <summary>Read-only queries through the VmManager: at full speed (concurrent) and at a fixed rate (open loop).</summary>
    public async Task Queries(string token, int accounts, TimeSpan duration, int rate, string prefix = "query")
    {
        progress($"queries at full speed for {duration.TotalSeconds:0} s");
        var full = new LatencyRecorder();
        var paused = GC.GetTotalPauseDuration();
        var stop = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (stop.Elapsed < duration) await Timed(Query(token, accounts), full);
        });
        await Task.WhenAll(loops);
        results.Set($"{prefix}_full_qps", full.Count / stop.Elapsed.TotalSeconds);
        results.Set($"{prefix}_full_p99_ms", full.Percentile(99));
        results.Set($"{prefix}_full_gc_pause_share", (GC.GetTotalPauseDuration() - paused).TotalSeconds / stop.Elapsed.TotalSeconds);

        progress($"queries at {rate}/s for {duration.TotalSeconds:0} s");
        var fixedRate = new LatencyRecorder();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var started = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var i = 0; started.Elapsed < duration; i++)
        {
            var due = interval * i;
            if (due > started.Elapsed) await Task.Delay(due - started.Elapsed);
            inFlight.Add(Timed(Query(token, accounts), fixedRate));
        }
        await Task.WhenAll(inFlight);
        results.Set($"{prefix}_p50_ms", fixedRate.Percentile(50));
        results.Set($"{prefix}_p99_ms", fixedRate.Percentile(99));
    }

    private async Task<QueryAnswered> Query(string token, int accounts) =>
        await Actors.VmManager.Ask<QueryAnswered>(new RunQuery(Unsigned("bench", token, "balanceOf", $"[\"{BenchContract.Account(Next(accounts))}\"]")), Wait);

    /// <summary>
    /// Cold start of a 300-line contract never seen before: deploy (compile on the process's compiler,
    /// load, check, init) and its first call on a fresh engine, the median of five; and the same
    /// through the node, where two block intervals come on top.
    /// </summary>
    private const int ColdStarts = 5;

    public async Task ColdStart()
    {
        progress("deploying a 300-line contract and calling it");
        var starts = new LatencyRecorder();
        for (var i = 0; i < ColdStarts; i++)
        {
            using var engine = new ContractEngine(ExecutionLimits.Default);
            var executor = new TransactionExecutor(engine);
            var world = new InMemoryWorldState();
            var (fresh, freshAbi) = BenchContract.ThreeHundredLines(Environment.TickCount + 1_000 * i);
            var watch = Stopwatch.StartNew();
            var deployed = executor.Execute(Unsigned("bench", "system", "setCode", JsonSerializer.Serialize(new[] { fresh, freshAbi }), 100_000_000), world);
            var called = executor.Execute(Unsigned("bench", JsonSerializer.Deserialize<string>(deployed.Returns[0])!, "first", "[]"), world);
            if (called.Status.Code != StatusCode.Success) throw new InvalidOperationException(called.Status.Message);
            starts.Add(watch.Elapsed.TotalMilliseconds);
        }
        results.Set("deploy_first_call_ms", starts.Percentile(50));

        var (code, abi) = BenchContract.ThreeHundredLines(Environment.TickCount + 1);
        var clock = Stopwatch.StartNew();
        var deploy = await Commit(Tx("bench", "system", "setCode", JsonSerializer.Serialize(new[] { code, abi })));
        var id = JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
        var first = await Commit(Tx("bench", id, "first", "[]"));
        if (first.Status.Code != StatusCode.Success) throw new InvalidOperationException(first.Status.Message);
        results.Set("deploy_first_call_committed_ms", clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// A worker's engine: start from the snapshot until a contract is loaded and its context prepared,
    /// and a warm call of an empty method (engine only, no actors).
    /// </summary>
    public void Engine(int warmCalls)
    {
        progress("worker start and warm calls");
        var starts = new LatencyRecorder();
        // As a node's worker starts: its contracts come compiled (with V8's code cache) from the store,
        // where the first deploy put them; a new contract's compile is measured by the cold start above.
        var store = new MemoryCodeStore();
        // The median of 30 starts (after a first that fills the store): on a shared machine ten moved it by a millisecond between runs.
        for (var i = 0; i < 31; i++)
        {
            var clock = Stopwatch.StartNew();
            using var engine = new ContractEngine(ExecutionLimits.Default, store);
            engine.Warm("module.exports = class {};");
            if (i > 0) starts.Add(clock.Elapsed.TotalMilliseconds);
        }
        results.Set("worker_start_ms", starts.Percentile(50));

        using var warm = new ContractEngine(ExecutionLimits.Default);
        // As a worker's engine: on a thread of its own, which keeps the isolate's lock between calls.
        warm.BindToThisThread();
        var executor = new TransactionExecutor(warm);
        var world = new InMemoryWorldState();
        var deploy = executor.Execute(Unsigned("bench", "system", "setCode", JsonSerializer.Serialize(new[] { BenchContract.Token, BenchContract.TokenAbi }), 10_000_000), world);
        var id = JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
        // Warm: the runtime's tiered compiler has finished with the call path before it is timed.
        for (var i = 0; i < 50_000; i++) executor.Execute(Unsigned("bench", id, "empty", "[]"), world);
        // The calls as a worker receives them: a transaction's hash and its parsed arguments are worked
        // out once, at admission, off the worker (docs/architecture.md).
        var calls = new Transaction[warmCalls];
        for (var i = 0; i < warmCalls; i++)
        {
            calls[i] = Unsigned("bench", id, "empty", "[]");
            _ = calls[i].Hash;
            _ = calls[i].Actions[0].Arguments;
        }
        var watch = Stopwatch.StartNew();
        foreach (var call in calls) executor.Execute(call, world);
        results.Set("warm_call_us", watch.Elapsed.TotalMicroseconds / warmCalls);
    }

    private static async Task<T> Timed<T>(Task<T> work, LatencyRecorder latency)
    {
        var clock = Stopwatch.StartNew();
        var result = await work;
        latency.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }
}

/// <summary>Compiled contracts kept in memory, as a node keeps them in its store's code-cache family.</summary>
internal sealed class MemoryCodeStore : ICompiledCodeStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _artifacts = new();

    public byte[]? Get(string key) => _artifacts.TryGetValue(key, out var artifact) ? artifact : null;

    public void Put(string key, byte[] artifact) => _artifacts[key] = artifact;
}
