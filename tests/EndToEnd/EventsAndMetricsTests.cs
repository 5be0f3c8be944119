using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>Server-sent contract events and Prometheus metrics, against a real node.</summary>
public sealed class EventsAndMetricsTests : NodeTest
{

    private const string Emitter = "class E { emit(text) { blockchain.event(text); } } module.exports = E;";
    private const string EmitterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"emit","args":["string"]}]}""";


    [Fact]
    public async Task A_contract_event_arrives_as_a_server_sent_event_once_its_block_is_committed()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        using var http = new HttpClient { BaseAddress = Node.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await http.GetStreamAsync("/v1/events");
        using var reader = new StreamReader(stream);
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var receipt = await Client.Call(id, "emit", """["hello events"]""");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("data: ") == true) data = line["data: ".Length..];
        }
        var published = JsonNode.Parse(data)!;
        Assert.Equal("hello events", published["content"]!.GetValue<string>());
        Assert.Equal(receipt["txHash"]!.GetValue<string>(), published["txHash"]!.GetValue<string>());
        var (blockStatus, _) = await Client.Send(HttpMethod.Get, $"/v1/blocks/{published["height"]!.GetValue<long>()}");
        Assert.Equal(200, blockStatus);
    }

    [Fact]
    public async Task Metrics_report_height_transactions_gas_and_the_pool_in_prometheus_text()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        await Client.Call(id, "emit", """["x"]""");
        using var http = new HttpClient { BaseAddress = Node.BaseAddress };

        var text = await http.GetStringAsync("/metrics");

        var values = text.Split('\n').Where(l => l.StartsWith("actorvm_")).ToDictionary(l => l.Split(' ')[0], l => double.Parse(l.Split(' ')[1]));
        Assert.True(values["actorvm_height"] >= 2);
        Assert.Equal(2, values["actorvm_transactions_total"]);
        Assert.True(values["actorvm_gas_used_total"] > 0);
        Assert.True(values["actorvm_pool_size"] >= 1);
        Assert.Contains("actorvm_transactions_per_second", values.Keys);
        Assert.Contains("# TYPE actorvm_height gauge", text);
    }
}
