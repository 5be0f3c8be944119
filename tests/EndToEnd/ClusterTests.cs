using System.Diagnostics;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ActorVm.EndToEnd;

/// <summary>
/// A cluster on this machine: three RabbitMQ nodes and three ActorVm nodes. Under a steady load of
/// transactions submitted to every node, the producer is killed (another takes over), a replica is
/// killed and restarted (it catches up), a broker node is killed; every transaction whose submission
/// was acknowledged is committed exactly once, and all nodes end at the same height and state root.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Code = """
        class Marks {
          init() { storage.put('count', '0'); }
          mark(i) {
            const key = 'm' + i;
            if (storage.has(key)) throw new Error('committed twice: ' + i);
            storage.put(key, '1');
            storage.put('count', String(Number(storage.get('count')) + 1));
          }
        }
        module.exports = Marks;
        """;

    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"mark","args":["number"]}]}""";

    private RabbitCluster _rabbit = null!;
    private readonly List<string> _dirs = [];
    private readonly Dictionary<string, NodeProcess> _nodes = [];

    public async Task InitializeAsync()
    {
        _rabbit = await RabbitCluster.StartAsync(3);
        foreach (var id in new[] { "a", "b", "c" })
        {
            _dataDirs[id] = NewDir();
            _nodes[id] = await Start(id, _dataDirs[id]);
        }
    }

    private string NewDir()
    {
        var dir = Directory.CreateTempSubdirectory("actorvm-cluster-").FullName;
        _dirs.Add(dir);
        return dir;
    }

    private Task<NodeProcess> Start(string id, string data)
    {
        var environment = _rabbit.Uris.Select((uri, i) => ($"ACTORVM_CLUSTER__AMQP__{i}", uri)).Append(("ACTORVM_CLUSTER__NODEID", id)).ToArray();
        return NodeProcess.StartAsync(data, environment);
    }

    private static async Task<JsonNode> Get(NodeProcess node, string path)
    {
        using var client = new NodeClient(node.BaseAddress);
        var (status, body) = await client.Send(HttpMethod.Get, path);
        Assert.True(status == 200, $"{path}: {body.ToJsonString()}");
        return body;
    }

    private async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        Assert.Fail($"not reached in time: {what}\n{string.Join("\n", _nodes.Select(n => $"--- {n.Key}:\n" + string.Join("\n", n.Value.Output.TakeLast(15))))}");
    }

    /// <summary>The producer, once the nodes' heartbeats agree there is exactly one.</summary>
    private async Task<string> ProducerId(NodeProcess asked)
    {
        string? producer = null;
        await Eventually(async () =>
        {
            var producers = (await Get(asked, "/v1/cluster"))["nodes"]!.AsArray()
                .Where(n => n!["role"]!.GetValue<string>() == "producer" && n["alive"]!.GetValue<bool>()).ToList();
            producer = producers.Count == 1 ? producers[0]!["id"]!.GetValue<string>() : null;
            return producer is not null;
        }, "one producer");
        return producer!;
    }

    [Fact]
    public async Task Transactions_survive_a_killed_producer_replica_and_broker_node_and_every_node_ends_on_the_same_state()
    {
        using var first = new NodeClient(_nodes["a"].BaseAddress);
        var contract = await first.Deploy(Code, Abi);
        var acknowledged = new ConcurrentBag<int>();
        using var load = new CancellationTokenSource();
        var next = 0;
        var submitting = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                foreach (var node in _nodes.Values.ToList())
                {
                    var i = Interlocked.Increment(ref next);
                    try
                    {
                        using var client = new NodeClient(node.BaseAddress);
                        var (status, _) = await client.Send(HttpMethod.Post, "/v1/transactions",
                            JsonSerializer.Serialize(new { actions = new[] { new { contract, actionName = "mark", data = $"[{i}]" } } }));
                        if (status is 200 or 202) acknowledged.Add(i);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }
                }
                await Task.Delay(20);
            }
        });

        await Eventually(async () => acknowledged.Count >= 60, "60 transactions acknowledged");
        var producer = await ProducerId(_nodes["a"]);
        var height = (await Get(_nodes[producer], "/v1/status"))["height"]!.GetValue<long>();
        var killed = Stopwatch.StartNew();
        await _nodes[producer].KillHardAsync();
        var survivors = _nodes.Where(n => n.Key != producer).Select(n => n.Value).ToList();
        await Eventually(async () => (await Get(survivors[0], "/v1/status"))["height"]!.GetValue<long>() > height + 1, "a block from a new producer");
        output.WriteLine($"failover: a surviving node committed a new producer's block {killed.ElapsedMilliseconds} ms after kill -9 of the producer {producer}");
        // The old producer comes back as a replica and catches up.
        _nodes[producer] = await Start(producer, _dataDirs[producer]);

        var current = await ProducerId(survivors[0]);
        var replica = _nodes.Keys.First(id => id != current);
        await _nodes[replica].KillHardAsync();
        _nodes[replica] = await Start(replica, _dataDirs[replica]);

        _rabbit.Kill(_rabbit.Names[^1]);
        var before = acknowledged.Count;
        await Eventually(async () => acknowledged.Count >= before + 60, "60 more transactions acknowledged after a broker node died");
        await load.CancelAsync();
        await submitting;

        var expected = acknowledged.ToHashSet();
        var seen = "";
        var converged = Eventually(async () =>
        {
            var states = new List<(long Height, string Root)>();
            foreach (var node in _nodes.Values)
            {
                var status = await Get(node, "/v1/status");
                states.Add((status["height"]!.GetValue<long>(), status["stateRoot"]!.GetValue<string>()));
            }
            using var client = new NodeClient(_nodes["a"].BaseAddress);
            var count = await client.Read(contract, "count");
            seen = $"heights and roots {string.Join(", ", states.Select(s => $"{s.Height}/{s.Root[..8]}"))}; count {count} of {expected.Count} acknowledged";
            return states.Distinct().Count() == 1 && count is not null && int.Parse(count) >= expected.Count;
        }, "every node at the same height and state root, holding every acknowledged transaction", TimeSpan.FromMinutes(2));
        try
        {
            await converged;
        }
        finally
        {
            output.WriteLine(seen);
        }

        foreach (var node in _nodes.Values)
        {
            using var client = new NodeClient(node.BaseAddress);
            foreach (var i in expected) Assert.Equal("1", await client.Read(contract, "m" + i));
        }
        output.WriteLine($"{expected.Count} acknowledged transactions, each committed once on all {_nodes.Count} nodes");

        // One producer, as the nodes' metrics and the membership list both say.
        await Eventually(async () =>
        {
            var producers = 0;
            foreach (var node in _nodes.Values)
            {
                using var client = new NodeClient(node.BaseAddress);
                var (_, metrics) = await client.SendRaw(HttpMethod.Get, "/metrics");
                if (metrics.Contains("\nactorvm_cluster_producer 1\n", StringComparison.Ordinal)) producers++;
            }
            return producers == 1;
        }, "exactly one node reporting actorvm_cluster_producer 1");
        var members = (await Get(_nodes["a"], "/v1/cluster"))["nodes"]!.AsArray();
        Assert.Equal(["a", "b", "c"], members.Select(m => m!["id"]!.GetValue<string>()).Order());
    }

    private readonly Dictionary<string, string> _dataDirs = [];

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes.Values) await node.DisposeAsync();
        await _rabbit.DisposeAsync();
        foreach (var dir in _dirs) Directory.Delete(dir, recursive: true);
    }
}
