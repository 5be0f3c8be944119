using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorVm.Host.Bench;

/// <summary>
/// <c>actorvm bench cluster</c>: committed transfers through a cluster of three nodes over a local
/// three-node RabbitMQ (scripts/rabbitmq.sh), against a single node in the same run; the replicas' lag
/// under that load; and the time from kill -9 of the producer until a survivor commits a block of
/// the next producer. Written to bench/results/cluster.md and cluster.json.
/// </summary>
internal static class ClusterBenchCommand
{
    private const string Code = """
        class Tally {
          init() { storage.put('n', '0'); }
          add(i) { storage.put('k' + i, '1'); storage.put('n', String(Number(storage.get('n')) + 1)); }
        }
        module.exports = Tally;
        """;

    private static readonly object Abi = new { lang = "javascript", version = "1.0.0", abi = new[] { new { name = "add", args = new[] { "number" } } } };

    public static Command Create()
    {
        var count = new Option<int>("--transactions") { Description = "transactions per throughput run", DefaultValueFactory = _ => 9000 };
        var output = new Option<string>("--output") { Description = "results folder", DefaultValueFactory = _ => "bench/results" };
        var command = new Command("cluster", "Committed transfers through a 3-node cluster against one node, replica lag and failover time") { count, output };
        command.SetAction(async (result, cancel) =>
        {
            var n = result.GetValue(count);
            double single;
            await using (var node = await ChildNode.StartAsync(("ACTORVM_GATEWAY__PORT", "-1")))
                (single, _) = await Load([node], n);
            Console.Error.WriteLine($"[cluster bench] single node: {single:F0} tx/s");

            await using var brokers = await LocalBrokers.StartAsync(3);
            var nodes = new List<ChildNode>();
            try
            {
                foreach (var id in new[] { "n1", "n2", "n3" })
                    nodes.Add(await ChildNode.StartAsync([("ACTORVM_GATEWAY__PORT", "-1"), ("ACTORVM_CLUSTER__NODEID", id),
                        .. brokers.Uris.Select((u, i) => ($"ACTORVM_CLUSTER__AMQP__{i}", u))]));
                var (cluster, lag) = await Load(nodes, n);
                Console.Error.WriteLine($"[cluster bench] cluster: {cluster:F0} tx/s, lag up to {lag} blocks");
                var failover = await Failover(nodes);
                Console.Error.WriteLine($"[cluster bench] failover: {failover.TotalMilliseconds:F0} ms");
                var queries = await Queries(brokers, nodes);
                Write(result.GetValue(output)!, n, single, cluster, lag, failover, queries);
            }
            finally
            {
                foreach (var node in nodes) await node.DisposeAsync();
            }
            return 0;
        });
        return command;
    }

    /// <summary>Transactions from 50 publishers in batches of 500, spread over the nodes; committed tx/s until every node holds them all, and the largest lag seen.</summary>
    private static async Task<(double Tps, long Lag)> Load(IReadOnlyList<ChildNode> nodes, int count)
    {
        var (status, deployed) = await nodes[0].Post("/v1/contracts", JsonSerializer.Serialize(new { code = Code, abi = Abi }));
        if (status != 200) throw new InvalidOperationException($"deploy failed: {deployed.ToJsonString()}");
        var id = deployed["contractId"]!.GetValue<string>();
        await Until(async () => await Tally(nodes, id) is not null, TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        var share = count / nodes.Count;
        await Task.WhenAll(nodes.Select(async (node, k) =>
        {
            for (var b = 0; b < share; b += 500)
            {
                var txs = Enumerable.Range(k * share + b, Math.Min(500, share - b)).Select(i => new
                {
                    publisher = $"usr{i % 50:00}", actions = new[] { new { contract = id, actionName = "add", data = $"[{i}]" } },
                });
                var (code, body) = await node.Post("/v1/transactions/batch", JsonSerializer.Serialize(new { transactions = txs }));
                if (code is not (200 or 202)) throw new InvalidOperationException($"a batch was refused ({code}): {body.ToJsonString()}");
            }
        }));
        long lag = 0;
        await Until(async () =>
        {
            if (nodes.Count > 1)
            {
                var heights = await Task.WhenAll(nodes.Select(async node => (await node.Get("/v1/status"))["height"]!.GetValue<long>()));
                lag = Math.Max(lag, heights.Max() - heights.Min());
            }
            return await Tally(nodes, id) == share * nodes.Count;
        }, TimeSpan.FromMinutes(10));
        return (share * nodes.Count / clock.Elapsed.TotalSeconds, lag);
    }

    /// <summary>The count every node holds, when they agree; null when they do not yet.</summary>
    private static async Task<long?> Tally(IReadOnlyList<ChildNode> nodes, string id)
    {
        var counts = await Task.WhenAll(nodes.Select(async node =>
        {
            try
            {
                return (await node.Get($"/v1/state/{id}/n"))["value"]?.GetValue<string>();
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }));
        return counts.Distinct().Count() == 1 && long.TryParse(counts[0], CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>
    /// Read-only calls per second through a node that sends them to the cluster's workers, with 1 and
    /// then 2 worker nodes (and the node on its own, for reference), from 8 clients for 5 s each.
    /// </summary>
    private static async Task<(double Local, double OneWorker, double TwoWorkers)> Queries(LocalBrokers brokers, List<ChildNode> nodes)
    {
        (string, string)[] Cluster(string id) => [("ACTORVM_GATEWAY__PORT", "-1"), ("ACTORVM_CLUSTER__NODEID", id), .. brokers.Uris.Select((u, i) => ($"ACTORVM_CLUSTER__AMQP__{i}", u))];
        var alive = nodes.First(node => !node.HasExited);
        var (_, deployed) = await alive.Post("/v1/contracts", JsonSerializer.Serialize(new { code = Code, abi = Abi }));
        var id = deployed["contractId"]!.GetValue<string>();
        await using var front = await ChildNode.StartAsync([.. Cluster("front"), ("ACTORVM_CLUSTER__REMOTEQUERIES", "true")]);
        await Until(async () => (await front.Get($"/v1/state/{id}/n"))["value"] is not null, TimeSpan.FromMinutes(1));
        var local = await QueryRate(front, id);
        var workers = new List<ChildNode>();
        try
        {
            workers.Add(await ChildNode.StartAsync([.. Cluster("worker1"), ("ACTORVM_CLUSTER__ROLE", "worker")], worker: true));
            await Until(async () => await Workers(front) == 1, TimeSpan.FromMinutes(1));
            var one = await QueryRate(front, id);
            workers.Add(await ChildNode.StartAsync([.. Cluster("worker2"), ("ACTORVM_CLUSTER__ROLE", "worker")], worker: true));
            await Until(async () => await Workers(front) == 2, TimeSpan.FromMinutes(1));
            var two = await QueryRate(front, id);
            Console.Error.WriteLine($"[cluster bench] queries: {local:F0}/s on the node alone, {one:F0}/s with 1 worker, {two:F0}/s with 2");
            return (local, one, two);
        }
        finally
        {
            foreach (var worker in workers) await worker.DisposeAsync();
        }
    }

    private static async Task<int> Workers(ChildNode node) =>
        (await node.Get("/v1/cluster"))["nodes"]!.AsArray().Count(m => m!["role"]!.GetValue<string>() == "worker" && m["alive"]!.GetValue<bool>());

    private static async Task<double> QueryRate(ChildNode node, string id)
    {
        var body = JsonSerializer.Serialize(new { contract = id, actionName = "add", data = "[1]" });
        var clock = Stopwatch.StartNew();
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                var (status, _) = await node.Post("/v1/query", body);
                if (status == 200) Interlocked.Increment(ref answered);
            }
        }));
        return answered / clock.Elapsed.TotalSeconds;
    }

    /// <summary>kill -9 of the producer, under a trickle of transactions to the others, until a survivor commits a new block.</summary>
    private static async Task<TimeSpan> Failover(List<ChildNode> nodes)
    {
        var view = await nodes[0].Get("/v1/cluster");
        var producerUrl = view["nodes"]!.AsArray().First(m => m!["role"]!.GetValue<string>() == "producer")!["url"]!.GetValue<string>();
        var producer = nodes.First(node => node.Url.ToString().TrimEnd('/') == producerUrl.TrimEnd('/'));
        var survivor = nodes.First(node => node != producer);
        var height = (await survivor.Get("/v1/status"))["height"]!.GetValue<long>();
        using var trickle = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; !trickle.IsCancellationRequested; i++)
            {
                await survivor.Post("/v1/transactions", JsonSerializer.Serialize(new { actions = new[] { new { contract = "token", actionName = "create", data = $"[\"fo{i}\", \"admin\", \"100\", {{}}]" } } }));
                await Task.Delay(20);
            }
        });
        var clock = Stopwatch.StartNew();
        producer.KillHard();
        await Until(async () => (await survivor.Get("/v1/status"))["height"]!.GetValue<long>() > height + 1, TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;
        await trickle.CancelAsync();
        await sending;
        return elapsed;
    }

    private static async Task Until(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the cluster bench waited too long");
            await Task.Delay(50);
        }
    }

    private static void Write(string folder, int count, double single, double cluster, long lag, TimeSpan failover,
        (double Local, double OneWorker, double TwoWorkers) queries)
    {
        Directory.CreateDirectory(folder);
        var figures = new Dictionary<string, double>
        {
            ["single_node_tps"] = Math.Round(single), ["cluster_tps"] = Math.Round(cluster), ["cluster_over_single"] = Math.Round(cluster / single, 3),
            ["replica_lag_blocks_max"] = lag, ["failover_ms"] = Math.Round(failover.TotalMilliseconds),
            ["queries_local_qps"] = Math.Round(queries.Local), ["queries_1_worker_qps"] = Math.Round(queries.OneWorker),
            ["queries_2_workers_qps"] = Math.Round(queries.TwoWorkers),
        };
        File.WriteAllText(Path.Combine(folder, "cluster.json"), JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder($"# Cluster benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, 3 RabbitMQ nodes and 3 ActorVm nodes on this machine)\n\n");
        md.Append("| measure | value | target |\n| --- | --- | --- |\n");
        md.Append($"| committed transfers, single node ({count} in batches, 50 publishers) | {single:F0} tx/s | |\n");
        md.Append($"| the same through the cluster, until all three hold them | {cluster:F0} tx/s | >= 0.8 x single |\n");
        md.Append($"|   cluster over single | {cluster / single:F3} | |\n");
        md.Append($"| replica lag under that load, most seen | {lag} blocks | |\n");
        md.Append($"| kill -9 of the producer until a survivor commits the next producer's block | {failover.TotalMilliseconds:F0} ms | < 3000 |\n");
        md.Append($"| queries through a node, 8 clients: on the node alone | {queries.Local:F0} q/s | |\n");
        md.Append($"|   sent to 1 remote worker | {queries.OneWorker:F0} q/s | |\n");
        md.Append($"|   sent to 2 remote workers | {queries.TwoWorkers:F0} q/s | |\n");
        File.WriteAllText(Path.Combine(folder, "cluster.md"), md.ToString());
        Console.WriteLine(md);
    }
}
