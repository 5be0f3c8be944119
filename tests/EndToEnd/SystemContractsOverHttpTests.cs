using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>updateCode, cross-contract calls, the token contract and queries during commits, against a real node.</summary>
public sealed class SystemContractsOverHttpTests : NodeTest
{


    private async Task<JsonNode> Transact(string publisher, string contract, string action, params object[] args)
    {
        var body = JsonSerializer.Serialize(new { publisher, actions = new[] { new { contract, actionName = action, data = JsonSerializer.Serialize(args) } } });
        var (status, receipt) = await Client.Send(HttpMethod.Post, "/v1/transactions?wait=true", body);
        Assert.True(status == 200, receipt.ToJsonString());
        return receipt;
    }

    private static int Code(JsonNode receipt) => receipt["status"]!["code"]!.GetValue<int>();

    [Fact]
    public async Task Update_code_is_allowed_for_the_owner_and_refused_for_anyone_else()
    {
        const string abi = """{"abi":[{"name":"version","args":[]}]}""";
        var id = await Client.Deploy("class C { can_update(data) { return blockchain.requireAuth(blockchain.contractOwner(), 'active'); } version() { return 1; } } module.exports = C;", abi);
        var v2 = "class C { can_update(data) { return false; } version() { return 2; } } module.exports = C;";

        var refused = await Transact("mallory", "system", "updateCode", id, v2, abi, "");
        var allowed = await Transact("anonymous", "system", "updateCode", id, v2, abi, "");

        Assert.Equal(4, Code(refused));
        Assert.Equal(0, Code(allowed));
        Assert.Equal("2", (await Client.Call(id, "version", "[]"))["returns"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_contract_calls_another_and_gets_its_result()
    {
        var callee = await Client.Deploy("class C { square(n) { return n * n; } } module.exports = C;", """{"abi":[{"name":"square","args":["number"]}]}""");
        var caller = await Client.Deploy($"class C {{ viaCallee(n) {{ return Number(blockchain.call('{callee}', 'square', [n])[0]) + 1; }} }} module.exports = C;",
            """{"abi":[{"name":"viaCallee","args":["number"]}]}""");

        var receipt = await Client.Call(caller, "viaCallee", "[7]");

        Assert.Equal("50", receipt["returns"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transfer_without_funds_fails_with_status_2_while_the_other_transfers_succeed()
    {
        Assert.Equal(0, Code(await Transact("alice", "token", "create", "gold", "alice", "1000", "{\"decimal\":2}")));
        Assert.Equal(0, Code(await Transact("alice", "token", "issue", "gold", "alice", "100")));

        var batch = new[] { ("alice", "bobby", "10"), ("bobby", "carol", "50"), ("alice", "carol", "5") }.Select(t => JsonSerializer.Serialize(new
        {
            publisher = t.Item1,
            actions = new[] { new { contract = "token", actionName = "transfer", data = JsonSerializer.Serialize(new[] { "gold", t.Item1, t.Item2, t.Item3, "" }) } },
        })).Select(body => Client.Send(HttpMethod.Post, "/v1/transactions?wait=true", body)).ToList();
        var receipts = (await Task.WhenAll(batch)).Select(r => r.Body).ToList();

        Assert.Equal([0, 2, 0], receipts.Select(Code));
        async Task<string> Balance(string account) =>
            JsonSerializer.Deserialize<string>((await Client.Send(HttpMethod.Post, "/v1/query",
                JsonSerializer.Serialize(new { contract = "token", actionName = "balanceOf", data = JsonSerializer.Serialize(new[] { "gold", account }) }))).Body["returns"]![0]!.GetValue<string>())!;
        Assert.Equal("85", await Balance("alice"));
        Assert.Equal("10", await Balance("bobby"));
        Assert.Equal("5", await Balance("carol"));
    }

    [Fact]
    public async Task Queries_are_answered_while_blocks_keep_committing()
    {
        var id = await Client.Deploy("class C { init() { storage.put('n', '0'); } inc() { storage.put('n', String(Number(storage.get('n')) + 1)); } get() { return Number(storage.get('n')); } } module.exports = C;",
            """{"abi":[{"name":"inc","args":[]},{"name":"get","args":[]}]}""");
        var writes = Enumerable.Range(0, 20).Select(_ => Client.Call(id, "inc", "[]")).ToList();
        var seen = new List<long>();
        while (writes.Any(w => !w.IsCompleted))
        {
            var (status, answer) = await Client.Send(HttpMethod.Post, "/v1/query", JsonSerializer.Serialize(new { contract = id, actionName = "get", data = "[]" }));
            Assert.Equal(200, status);
            seen.Add(long.Parse(answer["returns"]![0]!.GetValue<string>()));
        }
        await Task.WhenAll(writes);

        Assert.NotEmpty(seen);
        Assert.Equal(seen.Order(), seen);
        Assert.All(seen, n => Assert.InRange(n, 0, 20));
    }
}
