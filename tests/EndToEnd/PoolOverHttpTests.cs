using System.Text.Json;

namespace ActorVm.EndToEnd;

/// <summary>The worker pool under load, and a poisoned isolate, seen from outside a real node.</summary>
public sealed class PoolOverHttpTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("actorvm-e2e-").FullName;
    private NodeProcess _node = null!;
    private NodeClient _client = null!;

    private const string Work = """
        class W {
          spin(n) { let x = 0; for (let i = 0; i < n; i++) x += i; return x; }
          bomb() { const a = []; for (;;) a.push(new Array(1000000).fill(1.5)); }
          ping() { return 'pong'; }
        }
        module.exports = W;
        """;
    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"spin","args":["number"]},{"name":"bomb","args":[]},{"name":"ping","args":[]}]}""";

    public async Task InitializeAsync()
    {
        // A generous time limit and a small heap, so that the memory bomb is stopped by the heap whatever the load.
        _node = await NodeProcess.StartAsync(_data, ("ACTORVM_LIMITS__TXTIMEMS", "20000"), ("ACTORVM_LIMITS__HEAPMIB", "64"));
        _client = new NodeClient(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<int> PoolSize() => (await _client.Send(HttpMethod.Get, "/v1/status")).Body["pool"]!["size"]!.GetValue<int>();

    [Fact]
    public async Task The_pool_grows_under_concurrent_queries_and_shrinks_back_when_idle()
    {
        var id = await _client.Deploy(Work, Abi);
        var largest = 1;
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var queries = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!load.IsCancellationRequested && largest < 3)
                await _client.Send(HttpMethod.Post, "/v1/query", JsonSerializer.Serialize(new { contract = id, actionName = "spin", data = "[150000]" }));
        }).ToList();
        while (largest < 3 && !load.IsCancellationRequested)
        {
            largest = Math.Max(largest, await PoolSize());
            await Task.Delay(50);
        }
        await Task.WhenAll(queries);

        Assert.True(largest >= 3, $"the pool only reached {largest} workers");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await PoolSize() > 1 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(1, await PoolSize());
    }

    [Fact]
    public async Task After_a_memory_bomb_the_same_node_serves_normal_calls()
    {
        var id = await _client.Deploy(Work, Abi);
        var bombTx = JsonSerializer.Serialize(new { gasLimit = 1_000_000_000_000, actions = new[] { new { contract = id, actionName = "bomb", data = "[]" } } });

        var (_, bomb) = await _client.Send(HttpMethod.Post, "/v1/transactions?wait=true", bombTx);
        var ping = await _client.Call(id, "ping", "[]");

        Assert.Equal(9, bomb["status"]!["code"]!.GetValue<int>());
        Assert.Equal("\"pong\"", ping["returns"]![0]!.GetValue<string>());
    }
}
