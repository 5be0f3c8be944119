using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>The README's curl example and its neighbours, against a node started as users start it.</summary>
public sealed class NodeOverHttpTests : NodeTest
{
    private const string Counter = """
        class Counter {
          init() { storage.put('count', '0'); }
          add(n) { const c = Number(storage.get('count')) + n; storage.put('count', String(c)); return c; }
          fail() { storage.put('count', '999'); throw new Error('nope'); }
        }
        module.exports = Counter;
        """;
    private const string CounterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"add","args":["number"]},{"name":"fail","args":[]}]}""";



    [Fact]
    public async Task A_deployed_contract_is_called_and_its_value_read_back()
    {
        var id = await Client.Deploy(Counter, CounterAbi);

        var receipt = await Client.Call(id, "add", "[5]");

        Assert.Equal(0, receipt["status"]!["code"]!.GetValue<int>());
        Assert.Equal("5", receipt["returns"]![0]!.GetValue<string>());
        Assert.Equal("5", await Client.Read(id, "count"));
    }

    [Fact]
    public async Task The_value_survives_a_stop_and_a_restart()
    {
        var id = await Client.Deploy(Counter, CounterAbi);
        await Client.Call(id, "add", "[7]");

        Assert.Equal(0, await Restart());

        Assert.Equal("7", await Client.Read(id, "count"));
    }

    [Fact]
    public async Task A_contract_that_throws_leaves_no_write_behind()
    {
        var id = await Client.Deploy(Counter, CounterAbi);
        await Client.Call(id, "add", "[3]");

        var receipt = await Client.Call(id, "fail", "[]");

        Assert.Equal(4, receipt["status"]!["code"]!.GetValue<int>());
        Assert.Contains("nope", receipt["status"]!["message"]!.GetValue<string>());
        Assert.Equal("3", await Client.Read(id, "count"));
    }

    [Fact]
    public async Task The_receipt_of_a_transaction_can_be_fetched_by_its_hash()
    {
        var id = await Client.Deploy(Counter, CounterAbi);
        var receipt = await Client.Call(id, "add", "[1]");

        var (status, stored) = await Client.Send(HttpMethod.Get, $"/v1/transactions/{receipt["txHash"]}/receipt");

        Assert.Equal(200, status);
        Assert.Equal(receipt.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task A_deploy_the_last_block_would_not_authorise_is_a_403_with_the_reason()
    {
        // admin holds IOST's local key on a dev chain: the dev key does not sign for it.
        var body = System.Text.Json.JsonSerializer.Serialize(new { code = Counter, abi = JsonNode.Parse(CounterAbi), publisher = "admin" });

        var (status, answer) = await Client.Send(HttpMethod.Post, "/v1/contracts", body);

        Assert.Equal(403, status);
        Assert.Contains("admin", answer["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_error_and_detail()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/transactions", "{bad");

        Assert.Equal(400, status);
        Assert.NotNull(body["error"]);
        Assert.Contains("not valid JSON", body["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/v1/blocks/abc", 404)]
    [InlineData("GET", "/v1/nothing", 404)]
    [InlineData("GET", "/v1/state/bad-name/k", 400)]
    [InlineData("POST", "/v1/blocks", 400)]
    [InlineData("POST", "/v1/query", 400)]
    public async Task Bad_requests_are_answered_with_a_json_error_never_a_5xx(string method, string path, int expected)
    {
        var (status, body) = await Client.Send(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(expected, status);
        Assert.NotNull(body["error"]);
        Assert.NotNull(body["detail"]);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_with_a_json_error()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/contracts", "{\"code\":\"" + new string('x', 2_000_000) + "\",\"abi\":{}}");

        Assert.Equal(413, status);
        Assert.Equal("payload too large", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_transaction_waited_for_is_a_400_with_its_receipt()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/transactions?wait=true", """{"actions":[]}""");

        Assert.Equal(400, status);
        Assert.Equal(6, body["receipt"]!["status"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_deploy_with_an_invalid_abi_is_refused_with_the_reason()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/contracts",
            """{"code": "module.exports = class {}", "abi": {"abi": [{"name": "_hidden"}]}}""");

        Assert.Equal(400, status);
        Assert.Contains("_hidden", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_reports_the_height_and_the_pool()
    {
        await Client.Deploy(Counter, CounterAbi);

        var (status, body) = await Client.Send(HttpMethod.Get, "/v1/status");

        Assert.Equal(200, status);
        Assert.Equal(1, body["height"]!.GetValue<long>());
        Assert.Equal(64, body["stateRoot"]!.GetValue<string>().Length);
        var pool = body["pool"]!;
        Assert.InRange(pool["size"]!.GetValue<int>(), pool["lowerBound"]!.GetValue<int>(), pool["upperBound"]!.GetValue<int>());
        Assert.Equal(2, pool["lowerBound"]!.GetValue<int>());
        Assert.IsType<JsonObject>(pool);
    }

    [Fact]
    public async Task Stopping_the_node_answers_a_pending_transaction_and_keeps_what_it_acknowledged()
    {
        var id = await Client.Deploy(Counter, CounterAbi);
        var pending = Client.Send(HttpMethod.Post, "/v1/transactions?wait=true",
            System.Text.Json.JsonSerializer.Serialize(new { actions = new[] { new { contract = id, actionName = "add", data = "[9]" } } }));

        var exitCode = await Restart();
        var (status, answer) = await pending;

        Assert.Equal(0, exitCode);
        Assert.Contains(status, new[] { 200, 503 });
        var expected = status == 200 ? "9" : "0";
        Assert.Equal(expected, await Client.Read(id, "count"));
        if (status == 200)
        {
            var (receiptStatus, _) = await Client.Send(HttpMethod.Get, $"/v1/transactions/{answer["txHash"]}/receipt");
            Assert.Equal(200, receiptStatus);
        }
    }
}
