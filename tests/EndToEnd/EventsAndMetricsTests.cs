
namespace ActorVm.EndToEnd;

/// <summary>Server-sent contract events and Prometheus metrics, against a real node.</summary>
public sealed class EventsAndMetricsTests : NodeTest
{

    private const string Emitter = "class E { emit(text) { blockchain.event(text); } } module.exports = E;";
    private const string EmitterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"emit","args":["string"]}]}""";


    /// <summary>Heartbeats often enough for a test to see one.</summary>
    protected override (string Name, string Value)[] Environment => [("ACTORVM_NODE__EVENTHEARTBEATMS", "200")];

    [Fact]
    public async Task A_contract_event_arrives_as_a_server_sent_event_with_its_contract_once_its_block_is_committed()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        await using var stream = await EventStream.OpenAsync(Node.BaseAddress);

        var receipt = await Client.Call(id, "emit", """["hello events"]""");

        var (eventId, name, data) = await stream.NextAsync();
        Assert.Equal("event", name);
        Assert.Equal("hello events", data["content"]!.GetValue<string>());
        Assert.Equal(id, data["contract"]!.GetValue<string>());
        Assert.Equal(receipt["txHash"]!.GetValue<string>(), data["txHash"]!.GetValue<string>());
        Assert.Equal($"{data["height"]}-0-0", eventId);
        var (blockStatus, _) = await Client.Send(HttpMethod.Get, $"/v1/blocks/{data["height"]!.GetValue<long>()}");
        Assert.Equal(200, blockStatus);
    }

    [Fact]
    public async Task A_stream_filtered_by_contract_and_topic_gets_only_those_events()
    {
        var (first, second) = (await Client.Deploy(Emitter, EmitterAbi), await Client.Deploy(Emitter, EmitterAbi));
        await using var stream = await EventStream.OpenAsync(Node.BaseAddress, $"?contract={second}&topic=event");

        await Client.Call(first, "emit", """["from the first"]""");
        await Client.Call(second, "emit", """["from the second"]""");

        var (_, _, data) = await stream.NextAsync();
        Assert.Equal("from the second", data["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_resumes_after_the_last_event_id_it_saw_without_losing_any()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        string seen;
        await using (var stream = await EventStream.OpenAsync(Node.BaseAddress))
        {
            await Client.Call(id, "emit", """["one"]""");
            seen = (await stream.NextAsync()).Id;
        }
        await Client.Call(id, "emit", """["two"]""");
        await Client.Call(id, "emit", """["three"]""");

        await using var resumed = await EventStream.OpenAsync(Node.BaseAddress, lastEventId: seen);

        Assert.Equal("two", (await resumed.NextAsync()).Data["content"]!.GetValue<string>());
        Assert.Equal("three", (await resumed.NextAsync()).Data["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeats()
    {
        await using var stream = await EventStream.OpenAsync(Node.BaseAddress);

        Assert.Equal(": heartbeat", await stream.LineAsync());
    }

    [Theory]
    [InlineData("?topic=nonsense", "topic 'nonsense'")]
    [InlineData("?after=12", "not an event id")]
    public async Task A_bad_filter_or_resume_point_is_a_400_that_says_why(string query, string detail)
    {
        var (status, body) = await Client.Send(HttpMethod.Get, "/v1/events" + query);

        Assert.Equal(400, status);
        Assert.Contains(detail, body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_open_stream_ends_at_once_when_the_node_stops()
    {
        await using var stream = await EventStream.OpenAsync(Node.BaseAddress);

        var stopped = Node.StopAsync();

        // Kestrel would otherwise wait its 30 s shutdown timeout for the open request.
        Assert.Equal(0, await stopped.WaitAsync(TimeSpan.FromSeconds(20)));
        while (await stream.LineAsync() is { } line) Assert.StartsWith(":", line.Length == 0 ? ":" : line);
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

    [Fact]
    public async Task Metrics_have_latency_histograms_and_process_figures_in_prometheus_naming()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        await Client.Call(id, "emit", """["x"]""");
        await Client.Send(HttpMethod.Post, "/v1/query", $$"""{"contract":"{{id}}","actionName":"emit","data":"[\"q\"]"}""");
        using var http = new HttpClient { BaseAddress = Node.BaseAddress };

        var text = await http.GetStringAsync("/metrics");

        var values = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToDictionary(l => l.Split(' ')[0], l => double.Parse(l.Split(' ')[1]));
        Assert.Equal(2, values["actorvm_submit_to_receipt_seconds_count"]);
        Assert.Equal(2, values["actorvm_submit_to_receipt_seconds_bucket{le=\"+Inf\"}"]);
        Assert.True(values["actorvm_block_seconds_count"] >= 2);
        Assert.Equal(1, values["actorvm_query_seconds_count"]);
        Assert.Contains("# TYPE actorvm_query_seconds histogram", text);
        Assert.True(values["process_resident_memory_bytes"] > 0);
        Assert.True(values["process_cpu_seconds_total"] > 0);
        Assert.Contains("dotnet_collection_count_total{generation=\"0\"}", values.Keys);
    }

    [Fact]
    public async Task The_height_metric_is_right_after_a_restart_before_any_new_block()
    {
        var id = await Client.Deploy(Emitter, EmitterAbi);
        await Client.Call(id, "emit", """["x"]""");
        var (_, status) = await Client.Send(HttpMethod.Get, "/v1/status");
        var height = status["height"]!.GetValue<long>();

        await Restart();
        using var http = new HttpClient { BaseAddress = Node.BaseAddress };
        double reported = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((reported = Height(await http.GetStringAsync("/metrics", timeout.Token))) < height) await Task.Delay(50, timeout.Token);

        Assert.Equal(height, reported);
    }

    private static double Height(string metrics) => double.Parse(metrics.Split('\n').Single(l => l.StartsWith("actorvm_height ")).Split(' ')[1]);
}
