using System.Text.Json;

namespace ActorVm.EndToEnd;

/// <summary>The worker pool under load, and a poisoned isolate, seen from outside a real node.</summary>
public sealed class PoolOverHttpTests : NodeTest
{
    // A generous time limit, a small heap and gas caps that allow filling it, so that the memory bomb is
    // stopped by the heap whatever the load.
    protected override (string Name, string Value)[] Environment =>
    [
        ("ACTORVM_LIMITS__TXTIMEMS", "20000"), ("ACTORVM_LIMITS__HEAPMIB", "64"), ("ACTORVM_LIMITS__MAXTXGAS", "1000000000000"),
        ("ACTORVM_CHAIN__MAXBLOCKGAS", "1000000000000"),
    ];

    private const string Work = """
        class W {
          spin(n) { let x = 0; for (let i = 0; i < n; i++) x += i; return x; }
          bomb() { const a = []; for (;;) a.push(new Array(1000000).fill(1.5)); }
          ping() { return 'pong'; }
        }
        module.exports = W;
        """;
    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"spin","args":["number"]},{"name":"bomb","args":[]},{"name":"ping","args":[]}]}""";


    private async Task<int> PoolSize() => (await Client.Send(HttpMethod.Get, "/v1/status")).Body["pool"]!["size"]!.GetValue<int>();

    [Fact]
    public async Task The_pool_grows_under_concurrent_queries_and_shrinks_back_to_its_lower_bound_when_idle()
    {
        var id = await Client.Deploy(Work, Abi);
        var largest = 1;
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var queries = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!load.IsCancellationRequested && largest < 3)
                await Client.Send(HttpMethod.Post, "/v1/query", JsonSerializer.Serialize(new { contract = id, actionName = "spin", data = "[150000]" }));
        }).ToList();
        while (largest < 3 && !load.IsCancellationRequested)
        {
            largest = Math.Max(largest, await PoolSize());
            await Task.Delay(50);
        }
        await Task.WhenAll(queries);

        Assert.True(largest >= 3, $"the pool only reached {largest} workers");
        var lowerBound = (await Client.Send(HttpMethod.Get, "/v1/status")).Body["pool"]!["lowerBound"]!.GetValue<int>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await PoolSize() > lowerBound && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(lowerBound, await PoolSize());
    }

    [Fact]
    public async Task A_memory_bomb_is_refused_and_the_same_node_serves_normal_calls()
    {
        var id = await Client.Deploy(Work, Abi);
        var bombTx = JsonSerializer.Serialize(new { gasLimit = 1_000_000_000_000, actions = new[] { new { contract = id, actionName = "bomb", data = "[]" } } });

        var (status, bomb) = await Client.Send(HttpMethod.Post, "/v1/transactions?wait=true", bombTx);
        var ping = await Client.Call(id, "ping", "[]");

        // The heap limit decides no receipt: the transaction is left out of the block and its sender told why.
        Assert.Equal(422, status);
        Assert.Contains("heap limit", bomb["detail"]!.GetValue<string>());
        Assert.Equal("\"pong\"", ping["returns"]![0]!.GetValue<string>());
    }
}
