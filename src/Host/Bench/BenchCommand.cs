using System.CommandLine;
using System.Globalization;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Host.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVm.Host.Bench;

/// <summary>
/// <c>actorvm bench [--quick]</c>: starts a node on a fresh data directory (actors in-process, HTTP
/// on a free loopback port), runs the scenarios and the ceilings, prints the table and writes
/// bench/results/latest.md and latest.json.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "the short run (under 2 minutes); without it, the full run with the scaling rows" };
        var only = new Option<string?>("--only") { Description = "run only the scenarios whose names contain this text (transfers, hotspot, http, queries, cold, engine); no ceilings" };
        var output = new Option<string?>("--out") { Description = "where to write latest.md and latest.json (default bench/results of the repository)" };
        var command = new Command("bench", "Measure throughput, latency and start-up against the raw ceilings") { quick, only, output, CalibrationCommand.Create(), DeterminismCommand.Create(), StressCommand.Create(), EngineLoopCommand.Create(), ClusterBenchCommand.Create() };
        command.SetAction(async (result, _) =>
        {
            var results = new BenchResults();
            var root = RepositoryRoot();
            var isQuick = result.GetValue(quick);
            var filter = result.GetValue(only);
            bool Runs(string scenario) => filter is null || scenario.Contains(filter, StringComparison.OrdinalIgnoreCase);
            void Progress(string step) => Console.Error.WriteLine(
                $"[bench {DateTime.Now:HH:mm:ss}, peak RSS {PeakResidentMegabytes():0} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MB] {step}");

            await Measure(results, isQuick ? 4 : 8, Progress, async scenarios =>
            {
                var accounts = 1_000;
                var token = await scenarios.DeployToken(accounts);
                // A warm-up, recorded under its own keys and not in the table: the runtime's JIT and
                // the worker pool reach their steady state before the measured run (after 5,000 the
                // JIT was still compiling for the first two seconds of the measured transfers; after
                // one round of 20,000, the compiler thread was 5% of the measured run's samples).
                if (Runs("transfers") || Runs("hotspot"))
                    await scenarios.WarmUpInProcess(token, accounts);
                var engineLoopTransfers = isQuick ? 20_000 : 50_000;
                var nodeCeilings = new List<double>();
                if (Runs("transfers"))
                {
                    // The ceilings the in-process figure is a ratio of are measured right before it and
                    // right after it, and averaged: this machine's speed moves by half within minutes,
                    // and minutes apart the ratios moved with it.
                    if (Runs("engine")) scenarios.EngineLoop(accounts, engineLoopTransfers);
                    if (filter is null && await Ceilings.Node(root, 1_000, 200_000) is { } before) nodeCeilings.Add(before);
                    await scenarios.TransfersInProcess(token, accounts, isQuick ? 20_000 : 100_000);
                    if (filter is null && await Ceilings.Node(root, 1_000, 200_000) is { } after) nodeCeilings.Add(after);
                    if (Runs("engine")) scenarios.EngineLoop(accounts, engineLoopTransfers);
                }
                if (nodeCeilings.Count > 0)
                {
                    results.Set("node_ceiling_tps", nodeCeilings.Average());
                    results.Set("node_ceiling_tps_before", nodeCeilings[0]);
                    results.Set("node_ceiling_tps_after", nodeCeilings[^1]);
                }
                if (Runs("transfers") && results.Get("transfers_inproc_tps") is { } most)
                {
                    // Its transfers are all signed before its clock starts (signing in the window
                    // would take a core from the node): the faster the node, the larger that backlog,
                    // so the run is shortened to hold no more than the in-process run held (185,000
                    // transfers at 12.3k tx/s took the peak RSS to 580 MB).
                    var seconds = Math.Min(isQuick ? 5 : 15, (isQuick ? 20_000 : 100_000) / (most / 2));
                    await scenarios.TransfersAtRate(token, accounts, most / 2, TimeSpan.FromSeconds(seconds));
                }
                if (Runs("hotspot"))
                {
                    await scenarios.TransfersInProcess(token, accounts, isQuick ? 10_000 : 50_000, "transfers_hotspot", hotSpot: true);
                    // The hot spot is a ratio of the engine loop too: once more beside it.
                    if (Runs("engine")) scenarios.EngineLoop(accounts, engineLoopTransfers);
                }
                if (Runs("http"))
                {
                    // The HTTP server's own warm-up, as the in-process transfers have theirs, until the
                    // runtime has done recompiling what the requests call: with 20 requests of 500, the
                    // server's per-request code was recompiled inside the measured run (the compiler
                    // thread was 10-16% of the process's samples there).
                    await scenarios.WarmUpOverHttp(token, accounts);
                    await scenarios.TransfersOverHttp(token, accounts, isQuick ? 20_000 : 100_000, 500);
                }
                if (Runs("queries")) await scenarios.Queries(token, accounts, TimeSpan.FromSeconds(isQuick ? 4 : 10), 1_000);
                if (Runs("cold")) await scenarios.ColdStart();
                if (Runs("engine"))
                {
                    scenarios.Engine(isQuick ? 5_000 : 20_000);
                    if (!Runs("transfers") && !Runs("hotspot")) scenarios.EngineLoop(accounts, engineLoopTransfers);
                }
            });
            if (filter is not null)
            {
                Console.WriteLine(results.Markdown($"ActorVm benchmark (only {filter})"));
                return 0;
            }
            if (!isQuick) await Scaling(results, Progress);

            Progress("ceilings: raw RocksDB batches (the plain-node ceiling was measured beside the in-process transfers)");
            if (results.Get("node_ceiling_tps") is { } nodeTps && results.Get("transfers_inproc_tps") is { } mine) results.Set("ratio_vs_node", mine / nodeTps);
            results.Set("rocksdb_ceiling_keys_per_s", Ceilings.RocksDb(50));
            results.Set("rss_mb", PeakResidentMegabytes());
            if (results.Get("transfers_inproc_tps") is { } inproc && results.Get("engine_loop_tps") is > 0 and var loop) results.Set("inproc_vs_engine_loop", inproc / loop);

            var table = results.Markdown($"ActorVm benchmark ({(isQuick ? "quick" : "full")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
            Console.WriteLine(table);
            var outDir = result.GetValue(output) ?? Path.Combine(root, "bench", "results");
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, "latest.md"), table);
            await File.WriteAllTextAsync(Path.Combine(outDir, "latest.json"), results.Json());
            Progress($"written to {outDir}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs the scenarios against a fresh node, sampling its pool and its block times meanwhile. The
    /// pool keeps its default lower bound, or is fixed at <paramref name="upperBound"/> workers when that is smaller.
    /// </summary>
    private static async Task Measure(BenchResults results, int upperBound, Action<string> progress, Func<BenchScenarios, Task> scenarios,
        string prefix = "")
    {
        var data = Directory.CreateTempSubdirectory("actorvm-bench-").FullName;
        try
        {
            var defaults = NodeConfiguration.Load(null, new Dictionary<string, string?>());
            var settings = NodeConfiguration.Load(null, new Dictionary<string, string?>
            {
                ["node:dataDir"] = data, ["node:port"] = "0", ["pool:upperBound"] = upperBound.ToString(CultureInfo.InvariantCulture),
                ["pool:lowerBound"] = Math.Min(defaults.Pool.LowerBound, upperBound).ToString(CultureInfo.InvariantCulture),
                ["limits:txTimeMs"] = "2000",
            });
            await using var node = NodeRuntime.Start(settings);
            var app = ApiServer.Build(settings.Node, node.Actors);
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var blocks = new LatencyRecorder();
            var sampler = new BlockSampler(blocks);
            node.System.EventStream.Subscribe(sampler, typeof(BlockPublished));
            using var stop = new CancellationTokenSource();
            var poolSizes = new List<int>();
            var sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    poolSizes.Add((await node.Actors.VmManager.Ask<PoolStatus>(new GetPoolStatus(), TimeSpan.FromSeconds(10))).Size);
                    await Task.Delay(100);
                }
            });
            try
            {
                await scenarios(new BenchScenarios(node, address, results, progress));
            }
            finally
            {
                stop.Cancel();
                await sampling.ContinueWith(_ => { });
                await node.DrainAsync();
                await app.StopAsync();
                await app.DisposeAsync();
            }
            if (prefix.Length == 0)
            {
                sampler.Report(results);
                results.Set("block_ms_p50", blocks.Percentile(50));
                results.Set("block_ms_p99", blocks.Percentile(99));
                results.Set("pool_min", poolSizes.DefaultIfEmpty(0).Min());
                results.Set("pool_max", poolSizes.DefaultIfEmpty(0).Max());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            // Each scenario's node starts as a fresh process's would: what the last one held is given
            // back first, so that the peak RSS is one node's, not the sum of the leftovers of several.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            MallocArenas.Trim();
        }
    }

    /// <summary>The full run's scaling rows: queries with 1, 2 and 4 workers; transfers with 10^3, 10^5 and 10^6 accounts.</summary>
    private static async Task Scaling(BenchResults results, Action<string> progress)
    {
        foreach (var workers in new[] { 1, 2, 4 })
        {
            var scratch = new BenchResults();
            await Measure(scratch, workers, progress, async s =>
            {
                var token = await s.DeployToken(100);
                await s.Queries(token, 100, TimeSpan.FromSeconds(5), 1_000);
            }, "scale");
            results.Set($"scale_queries_{workers}_workers_qps", scratch.Get("query_full_qps") ?? 0);
        }
        foreach (var accounts in new[] { 1_000, 100_000, 1_000_000 })
        {
            var scratch = new BenchResults();
            await Measure(scratch, 8, progress, async s =>
            {
                var token = await s.DeployToken(Math.Min(accounts, 1_000));
                s.Seed(token, accounts);
                await s.TransfersInProcess(token, accounts, 20_000);
            }, "scale");
            results.Set($"scale_transfers_{accounts}_accounts_tps", scratch.Get("transfers_inproc_tps") ?? 0);
        }
    }

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorVm.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorVm.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Records each produced block's duration and where its time went, from the event stream.</summary>
    private sealed class BlockSampler(LatencyRecorder blocks) : IActorRef
    {
        private readonly LatencyRecorder _execute = new(), _receipts = new(), _seal = new(), _commit = new();
        private double _commitTotal, _overlapped, _blocks, _waves, _reexecuted, _transactions;
        private readonly Lock _gate = new();

        public string Path => "/bench/blocks";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not BlockPublished { Receipts.Count: > 0 } published) return;
            lock (_gate)
            {
                blocks.Add(published.Duration.TotalMilliseconds);
                var t = published.Times;
                _execute.Add(t.Execute.TotalMilliseconds);
                _receipts.Add(t.Receipts.TotalMilliseconds);
                _seal.Add(t.Seal.TotalMilliseconds);
                _commit.Add(t.Commit.TotalMilliseconds);
                _commitTotal += t.Commit.TotalMilliseconds;
                _overlapped += t.Overlapped.TotalMilliseconds;
                (_blocks, _waves, _reexecuted, _transactions) = (_blocks + 1, _waves + t.Waves, _reexecuted + t.Reexecuted, _transactions + published.Receipts.Count);
            }
        }

        /// <summary>Medians of the block time's parts, and the share of commit time that another block spent executing.</summary>
        public void Report(BenchResults results)
        {
            lock (_gate)
            {
                results.Set("block_execute_ms_p50", _execute.Percentile(50));
                results.Set("block_receipts_ms_p50", _receipts.Percentile(50));
                results.Set("block_seal_ms_p50", _seal.Percentile(50));
                results.Set("block_commit_ms_p50", _commit.Percentile(50));
                results.Set("block_commit_overlapped", _commitTotal > 0 ? _overlapped / _commitTotal : 0);
                results.Set("block_waves_mean", _blocks > 0 ? _waves / _blocks : 0);
                results.Set("block_reexecuted_share", _transactions > 0 ? _reexecuted / _transactions : 0);
                results.Set("block_transactions_mean", _blocks > 0 ? _transactions / _blocks : 0);
            }
        }
    }
}
