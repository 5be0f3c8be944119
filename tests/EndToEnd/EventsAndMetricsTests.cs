using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>Server-sent contract events and Prometheus metrics, against a real node.</summary>
public sealed class EventsAndMetricsTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("actorvm-e2e-").FullName;
    private NodeProcess _node = null!;
    private NodeClient _client = null!;

    private const string Emitter = "class E { emit(text) { blockchain.event(text); } } module.exports = E;";
    private const string EmitterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"emit","args":["string"]}]}""";

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(_data);
        _client = new NodeClient(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_contract_event_arrives_as_a_server_sent_event_once_its_block_is_committed()
    {
        var id = await _client.Deploy(Emitter, EmitterAbi);
        using var http = new HttpClient { BaseAddress = _node.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await http.GetStreamAsync("/v1/events");
        using var reader = new StreamReader(stream);
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var receipt = await _client.Call(id, "emit", """["hello events"]""");

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
        var (blockStatus, _) = await _client.Send(HttpMethod.Get, $"/v1/blocks/{published["height"]!.GetValue<long>()}");
        Assert.Equal(200, blockStatus);
    }

    [Fact]
    public async Task Metrics_report_height_transactions_gas_and_the_pool_in_prometheus_text()
    {
        var id = await _client.Deploy(Emitter, EmitterAbi);
        await _client.Call(id, "emit", """["x"]""");
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };

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
