using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>Contracts' console lines, as the developer sees them: in the node's log, in receipts on a dev node and in query answers.</summary>
public sealed class ContractLogsTests : NodeTest
{
    private const string Greeter = """
        class Greeter {
          hello(name) { console.log('hello', name); console.debug('debugging'); return name; }
          fail() { console.error('about to fail'); throw new Error('nope'); }
        }
        module.exports = Greeter;
        """;
    private const string GreeterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"hello","args":["string"]},{"name":"fail","args":[]}]}""";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_console_line_reaches_the_node_log_with_its_block_transaction_and_contract()
    {
        var id = await Client.Deploy(Greeter, GreeterAbi);

        var receipt = await Client.Call(id, "hello", """["ada"]""");

        var line = await LogLine($"tx {receipt["txHash"]} {id}: hello ada");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[Info\] \[contract\] block \d+ ", line);
    }

    [Fact]
    public async Task A_receipt_on_a_dev_node_carries_the_console_lines()
    {
        var id = await Client.Deploy(Greeter, GreeterAbi);

        var receipt = await Client.Call(id, "fail", "[]");

        var log = Assert.Single(receipt["logs"]!.AsArray())!;
        Assert.Equal("error", log["level"]!.GetValue<string>());
        Assert.Equal(id, log["contract"]!.GetValue<string>());
        Assert.Equal("about to fail", log["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_answer_carries_the_console_lines()
    {
        var id = await Client.Deploy(Greeter, GreeterAbi);

        var (status, answer) = await Client.Send(HttpMethod.Post, "/v1/query", $$"""{"contract":"{{id}}","actionName":"hello","data":"[\"bob\"]"}""");

        Assert.Equal(200, status);
        Assert.Equal(["hello bob", "debugging"], answer["logs"]!.AsArray().Select(l => l!["message"]!.GetValue<string>()));
    }

    private async Task<string> LogLine(string part)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Node.Output.FirstOrDefault(l => l.Contains(part, StringComparison.Ordinal)) is { } line) return line;
            await Task.Delay(50, timeout.Token);
        }
    }
}

/// <summary>The node's log as JSON lines, for log collectors.</summary>
public sealed class JsonLogsTests : NodeTest
{
    protected override (string Name, string Value)[] Environment => [("ACTORVM_LOG__FORMAT", "json")];

    [Fact]
    public async Task A_console_line_is_a_json_object_with_height_transaction_and_contract()
    {
        var id = await Client.Deploy("class C { f() { console.warn('careful'); } } module.exports = C;",
            """{"lang":"javascript","version":"1.0.0","abi":[{"name":"f","args":[]}]}""");

        var receipt = await Client.Call(id, "f", "[]");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        while ((line = Node.Output.FirstOrDefault(l => l.StartsWith('{') && l.Contains("careful", StringComparison.Ordinal))) is null)
            await Task.Delay(50, timeout.Token);
        var json = JsonNode.Parse(line)!;
        Assert.Equal("warning", json["level"]!.GetValue<string>());
        Assert.Equal("contract", json["source"]!.GetValue<string>());
        Assert.Equal(receipt["txHash"]!.GetValue<string>(), json["tx"]!.GetValue<string>());
        Assert.Equal(id, json["contract"]!.GetValue<string>());
        Assert.True(long.Parse(json["height"]!.GetValue<string>()) > 0);
    }
}
