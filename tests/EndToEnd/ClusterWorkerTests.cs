using System.Text.Json;

namespace ActorVm.EndToEnd;

/// <summary>
/// Remote VM workers: a node with cluster:remoteQueries sends read-only calls to the cluster's worker
/// nodes (no HTTP, no lease, a replica of the chain each), which answer them; when a worker dies, the
/// calls are answered by the other, or by the node itself.
/// </summary>
public sealed class ClusterWorkerTests : IAsyncLifetime
{
    private const string Code = "class Echo { init() {} twice(n) { return n * 2; } }\nmodule.exports = Echo;";
    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"twice","args":["number"]}]}""";

    private RabbitCluster _rabbit = null!;
    private readonly List<string> _dirs = [];
    private readonly List<NodeProcess> _processes = [];

    public async Task InitializeAsync() => _rabbit = await RabbitCluster.StartAsync(1);

    private async Task<NodeProcess> Start(string id, params (string, string)[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("actorvm-worker-").FullName;
        _dirs.Add(dir);
        var process = await NodeProcess.StartAsync(dir, [("ACTORVM_CLUSTER__AMQP__0", _rabbit.Uris[0]), ("ACTORVM_CLUSTER__NODEID", id), .. extra]);
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task Queries_to_a_node_are_answered_by_its_workers_and_by_the_node_when_they_are_gone()
    {
        var node = await Start("node", ("ACTORVM_CLUSTER__REMOTEQUERIES", "true"));
        var workers = new[] { await Start("w1", ("ACTORVM_CLUSTER__ROLE", "worker")), await Start("w2", ("ACTORVM_CLUSTER__ROLE", "worker")) };
        using var client = new NodeClient(node.BaseAddress);
        var id = await client.Deploy(Code, Abi);
        var query = JsonSerializer.Serialize(new { contract = id, actionName = "twice", data = "[21]" });

        var answeredBy = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (answeredBy.Count < 2 && DateTime.UtcNow < deadline)
        {
            var (status, body) = await client.Send(HttpMethod.Post, "/v1/query", query);
            Assert.True(status == 200, body.ToJsonString());
            Assert.Equal("42", body["returns"]![0]!.GetValue<string>());
            if (body["answeredBy"]?.GetValue<string>() is { } by) answeredBy.Add(by);
        }
        Assert.Equal(["w1", "w2"], answeredBy.Order());

        foreach (var worker in workers) await worker.KillHardAsync();
        for (var i = 0; i < 5; i++)
        {
            var (status, body) = await client.Send(HttpMethod.Post, "/v1/query", query);
            Assert.True(status == 200, body.ToJsonString());
            Assert.Equal("42", body["returns"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_replica_validates_blocks_with_a_workers_result_and_ends_on_the_producers_state()
    {
        var producer = await Start("producer");
        using var client = new NodeClient(producer.BaseAddress);
        await Until(async () => (await Cluster(producer)).Any(n => n["id"]!.GetValue<string>() == "producer" && n["role"]!.GetValue<string>() == "producer"));
        var worker = await Start("w1", ("ACTORVM_CLUSTER__ROLE", "worker"));
        var replica = await Start("replica", ("ACTORVM_CLUSTER__REMOTEVALIDATION", "true"));
        await Until(async () => (await Cluster(replica)).Any(n => n["role"]!.GetValue<string>() == "worker" && n["alive"]!.GetValue<bool>()));

        var id = await client.Deploy(Code, Abi);
        for (var i = 0; i < 5; i++) await client.Call(id, "twice", $"[{i}]");

        using var replicaClient = new NodeClient(replica.BaseAddress);
        var (_, head) = await client.Send(HttpMethod.Get, "/v1/status");
        await Until(async () => (await replicaClient.Send(HttpMethod.Get, "/v1/status")).Body["height"]!.GetValue<long>() >= head["height"]!.GetValue<long>());
        var (_, mine) = await replicaClient.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(head["stateRoot"]!.GetValue<string>(), mine["stateRoot"]!.GetValue<string>());
        var (_, metrics) = await replicaClient.SendRaw(HttpMethod.Get, "/metrics");
        var remote = metrics.Split('\n').Single(l => l.StartsWith("actorvm_cluster_blocks_validated_remotely_total ")).Split(' ')[1];
        Assert.True(double.Parse(remote) >= 1, metrics);
        Assert.NotNull(worker);
    }

    private static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonNode>> Cluster(NodeProcess node)
    {
        using var client = new NodeClient(node.BaseAddress);
        var (_, view) = await client.Send(HttpMethod.Get, "/v1/cluster");
        return view["nodes"]?.AsArray().Select(n => n!).ToList() ?? [];
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the cluster did not get there within 2 minutes");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await _rabbit.DisposeAsync();
        foreach (var dir in _dirs) Directory.Delete(dir, recursive: true);
    }
}
