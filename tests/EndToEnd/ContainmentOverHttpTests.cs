using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>
/// Bad input is answered (4xx, or a receipt with its status) and affects nothing else: no 5xx, no
/// worker restart, and the chain goes on committing. Each defect once found gets its own case; the
/// generated inputs drive every endpoint and every system-contract method with many more.
/// </summary>
public sealed class ContainmentOverHttpTests : NodeTest
{
    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"f","args":[]}]}""";
    private const string Code = "class A { f() { return 1; } } module.exports = A;";

    [Fact]
    public async Task An_abi_whose_lang_is_a_number_is_refused_and_the_chain_goes_on()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/contracts",
            JsonSerializer.Serialize(new { code = Code, abi = JsonNode.Parse("""{"lang":7,"abi":[]}""") }));

        Assert.Equal(400, status);
        Assert.Contains("lang", body["detail"]!.GetValue<string>());
        await ChainStillCommits();
    }

    [Fact]
    public async Task A_token_whose_decimal_is_a_string_is_refused_with_a_receipt()
    {
        var receipt = await Transact("token", "create", """["abc","anonymous","1000","{\"decimal\":\"8\"}"]""");

        Assert.Equal(3, receipt["status"]!["code"]!.GetValue<int>());
        Assert.Contains("decimal", receipt["status"]!["message"]!.GetValue<string>());
        await ChainStillCommits();
    }

    [Fact]
    public async Task Set_code_holding_a_lone_surrogate_gets_a_receipt_and_the_chain_goes_on()
    {
        // The data is JSON text whose string escapes decode to a lone surrogate.
        var data = "[\"class A { f() { return '\\ud800'; } } module.exports = A;\", " + JsonSerializer.Serialize(Abi) + "]";

        var receipt = await Transact("system", "setCode", data);

        Assert.NotEqual(0, receipt["status"]!["code"]!.GetValue<int>());
        await ChainStillCommits();
    }

    [Fact]
    public async Task A_block_whose_action_data_is_null_is_refused_as_bad_input()
    {
        var block = """
            {"height":1,"hash":"x","parentHash":"","time":1,"witness":"w","stateRoot":"r",
             "transactions":[{"time":1,"expiration":2,"gasLimit":1000,"publisher":"p","signers":[],
                              "actions":[{"contract":"c","actionName":"f","data":null}]}],
             "receipts":[{"txHash":"h","status":{"code":0,"message":""},"gasUsed":0,"returns":[],"receipts":[],"events":[]}]}
            """;

        var (status, _) = await Client.Send(HttpMethod.Post, "/v1/blocks", block);

        Assert.Equal(400, status);
        await ChainStillCommits();
    }

    [Fact]
    public async Task A_gas_limit_over_the_cap_is_refused_with_the_cap_named()
    {
        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/transactions",
            JsonSerializer.Serialize(new { gasLimit = 1L << 62, actions = new[] { new { contract = "system", actionName = "setCode", data = "[]" } } }));

        Assert.Equal(400, status);
        Assert.Contains("maxTxGas", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generated_bad_input_to_every_endpoint_never_gets_a_5xx_nor_restarts_a_worker()
    {
        var id = await Client.Deploy(Code, Abi);
        var random = new Random(20261122);
        var answers = new List<(string Request, int Status)>();
        async Task Send(HttpMethod method, string path, string? body = null)
        {
            var (status, _) = await Client.SendRaw(method, path, body);
            answers.Add(($"{method} {path} {body}", status));
        }

        for (var i = 0; i < 40; i++)
        {
            await Send(HttpMethod.Post, "/v1/contracts", BadObject(random, ["code", "abi", "files", "entry", "publisher"]));
            await Send(HttpMethod.Post, "/v1/transactions", BadTransaction(random, id));
            await Send(HttpMethod.Post, "/v1/query", BadTransaction(random, id));
            await Send(HttpMethod.Post, "/v1/blocks", BadObject(random, ["height", "hash", "parentHash", "time", "witness", "stateRoot", "transactions", "receipts"]));
            await Send(HttpMethod.Get, $"/v1/state/{Uri.EscapeDataString(BadText(random))}/{Uri.EscapeDataString(BadText(random))}");
            await Send(HttpMethod.Get, $"/v1/transactions/{Uri.EscapeDataString(BadText(random))}/receipt");
        }
        // The system contracts' methods with generated arguments, executed in blocks.
        var batch = "{\"transactions\":[" + string.Join(",", Enumerable.Range(0, 200).Select(_ => SystemCall(random, id))) + "]}";
        await Send(HttpMethod.Post, "/v1/transactions/batch", batch);
        await Send(HttpMethod.Post, "/v1/transactions/batch", BadObject(random, ["transactions"]));

        var failed = answers.Where(a => a.Status >= 500).Select(a => $"{a.Status}: {a.Request}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        await ChainStillCommits();
        var (_, status) = await Client.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(0, status["pool"]!["restarts"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_signature_whose_text_decodes_to_a_lone_surrogate_is_refused_as_bad_input()
    {
        var (status, body) = await Client.SendRaw(HttpMethod.Post, "/v1/transactions",
            """{"time":1,"expiration":2,"chainId":1024,"publisher":"alice1","actions":[],"publisherSigs":[{"algorithm":"ED25519","public_key":"\ud800","signature":"AA=="}]}""");

        Assert.Equal(400, status);
        Assert.Contains("public_key", body);
        await ChainStillCommits();
    }

    [Theory]
    [InlineData(false, "/v1/transactions", """{"actio\ud800ns":[]}""")]
    [InlineData(false, "/v1/transactions", """{"chain_id":1024,"publisher_sigs":[{"algorith\ud800":1}]}""")]
    [InlineData(true, "/sendTx", """{"chain_id":1024,"publisher_sigs":[{"algorith\ud800":1}]}""")]
    [InlineData(true, "/getContractStorage", """{"i\ud800d":"x"}""")]
    public async Task A_member_name_that_decodes_to_a_lone_surrogate_is_refused_as_bad_input(bool gateway, string path, string body)
    {
        using var client = new NodeClient(gateway ? Node.GatewayAddress! : Node.BaseAddress);

        var (status, answer) = await client.SendRaw(HttpMethod.Post, path, body);

        Assert.Equal(400, status);
        Assert.Contains("member name", answer);
    }

    [Fact]
    public async Task Generated_bad_input_to_the_iost_gateway_never_gets_a_5xx()
    {
        using var gateway = new NodeClient(Node.GatewayAddress!);
        var random = new Random(20261123);
        var answers = new List<(string Request, int Status)>();
        async Task Send(NodeClient client, string path, string body)
        {
            var (status, _) = await client.SendRaw(HttpMethod.Post, path, body);
            answers.Add(($"{path} {body}", status));
        }

        for (var i = 0; i < 40; i++)
        {
            await Send(gateway, "/sendTx", BadIostTransaction(random));
            await Send(gateway, "/execTx", BadIostTransaction(random));
            await Send(Client, "/v1/transactions", BadIostTransaction(random));
            await Send(gateway, "/getContractStorage", BadObject(random, ["id", "key", "field", "by_longest_chain"]));
            await Send(gateway, "/getContractStorageFields", BadObject(random, ["id", "key", "by_longest_chain"]));
        }

        var failed = answers.Where(a => a.Status >= 500).Select(a => $"{a.Status}: {a.Request}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        await ChainStillCommits();
    }

    /// <summary>A transaction in IOST's form (as its SDK sends it) with arbitrary values, signatures included.</summary>
    private static string BadIostTransaction(Random random)
    {
        if (random.Next(4) == 0)
            return BadObject(random, ["time", "expiration", "gas_ratio", "gas_limit", "delay", "chain_id", "signers", "actions", "amount_limit", "publisher", "publisher_sigs", "signatures"]);
        var signature = BadObject(random, ["algorithm", "public_key", "signature"]);
        var action = BadObject(random, ["contract", "action_name", "data"]);
        var limit = BadObject(random, ["token", "value"]);
        return $"{{\"time\":{Pick(random, "1", BadValue(random))},\"expiration\":{Pick(random, "2", BadValue(random))},\"chain_id\":1024," +
            $"\"gas_limit\":{Pick(random, "100000", BadValue(random))},\"publisher\":{Pick(random, "\"alice1\"", BadValue(random))}," +
            $"\"signers\":[{Pick(random, "\"bob01@active\"", BadValue(random))}],\"actions\":[{action}],\"amount_limit\":[{limit}]," +
            $"\"publisher_sigs\":[{signature}],\"signatures\":[{Pick(random, signature, BadValue(random))}]}}";
    }

    private async Task<JsonNode> Transact(string contract, string action, string data)
    {
        var (status, receipt) = await Client.Send(HttpMethod.Post, "/v1/transactions?wait=true",
            JsonSerializer.Serialize(new { actions = new[] { new { contract, actionName = action, data } } }));
        Assert.True(status is 200 or 400, receipt.ToJsonString());
        return status == 400 ? receipt["receipt"]! : receipt;
    }

    /// <summary>A normal deploy and call are committed, and no worker was restarted by what came before.</summary>
    private async Task ChainStillCommits()
    {
        var id = await Client.Deploy(Code, Abi);
        Assert.Equal("1", (await Client.Call(id, "f", "[]"))["returns"]![0]!.GetValue<string>());
        var (_, status) = await Client.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(0, status["pool"]!["restarts"]!.GetValue<long>());
    }

    // JSON texts that are wrong in many ways, written as raw text so that lone surrogates and
    // out-of-range numbers survive.
    private static readonly string[] BadValues =
    [
        "null", "0", "-1", "1e308", "9223372036854775808", "1.5", "true", "[]", "{}", "\"\"", "\"\\ud800\"", "\"\\udc00x\"",
        "[null]", "[[]]", "{\"decimal\":\"8\"}", "\"system\"", "\"token\"", "\"[]\"", "\"[null]\"", "\"{\\\"lang\\\":7}\"",
        "\"" + new string('x', 5000) + "\"", "[\"\\ud800\"]", "{\"a\":{\"b\":[1,{}]}}", "\"9999999999999999999999999999999\"",
    ];

    private static string BadValue(Random random) => BadValues[random.Next(BadValues.Length)];

    private static string BadText(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => new string('z', random.Next(1, 300)),
        2 => "../../etc",
        _ => "Contract" + random.Next(),
    };

    /// <summary>An object with some of the expected fields, each holding an arbitrary value, or not an object at all.</summary>
    private static string BadObject(Random random, string[] fields)
    {
        if (random.Next(8) == 0) return random.Next(2) == 0 ? BadValue(random) : "{\"unclosed\":";
        var members = fields.Where(_ => random.Next(3) > 0).Select(f => $"\"{f}\":{BadValue(random)}");
        return "{" + string.Join(",", members) + "}";
    }

    private static string BadTransaction(Random random, string id)
    {
        if (random.Next(4) == 0) return BadObject(random, ["actions", "publisher", "signers", "gasLimit"]);
        var actions = string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
            $"{{\"contract\":{Pick(random, $"\"{id}\"", "\"system\"", "\"token\"", BadValue(random))}," +
            $"\"actionName\":{Pick(random, "\"f\"", "\"setCode\"", "\"create\"", BadValue(random))},\"data\":{BadValue(random)}}}"));
        return $"{{\"actions\":[{actions}],\"gasLimit\":{Pick(random, "1000000", "1", BadValue(random))},\"signers\":{Pick(random, "[]", BadValue(random))}}}";
    }

    /// <summary>A well-formed transaction calling a system-contract method with generated arguments.</summary>
    private static string SystemCall(Random random, string id)
    {
        var (contract, method) = Pick(random, ("system", "setCode"), ("system", "updateCode"), ("system", "nope"), ("token", "create"),
            ("token", "issue"), ("token", "transfer"), ("token", "balanceOf"), (id, "f"));
        var args = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick(random, BadValue(random), $"\"{id}\"", JsonSerializer.Serialize(Abi),
            JsonSerializer.Serialize(Code), "\"anonymous\"", "\"iost\"", "\"1\"", "\"0.000000001\"", "\"79228162514264337593543950335\""));
        var data = "[" + string.Join(",", args) + "]";
        return $"{{\"actions\":[{{\"contract\":\"{contract}\",\"actionName\":\"{method}\",\"data\":{JsonSerializer.Serialize(data)}}}]}}";
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
