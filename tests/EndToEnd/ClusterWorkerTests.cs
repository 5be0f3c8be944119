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

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await _rabbit.DisposeAsync();
        foreach (var dir in _dirs) Directory.Delete(dir, recursive: true);
    }
}
