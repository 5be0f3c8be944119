using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>A second node validates the blocks of the first by re-executing them, and refuses tampered ones.</summary>
public sealed class BlockValidationTests : IAsyncLifetime
{
    private readonly string _dataA = Directory.CreateTempSubdirectory("actorvm-e2e-a-").FullName;
    private readonly string _dataB = Directory.CreateTempSubdirectory("actorvm-e2e-b-").FullName;
    private NodeProcess _a = null!, _b = null!;
    private NodeClient _clientA = null!, _clientB = null!;

    private const string Counter = "class C { init() { storage.put('n', '0'); } add(k) { const n = Number(storage.get('n')) + k; storage.put('n', String(n)); blockchain.event('n=' + n); return n; } } module.exports = C;";
    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"add","args":["number"]}]}""";

    public async Task InitializeAsync()
    {
        (_a, _b) = (await NodeProcess.StartAsync(_dataA), await NodeProcess.StartAsync(_dataB));
        (_clientA, _clientB) = (new NodeClient(_a.BaseAddress), new NodeClient(_b.BaseAddress));
    }

    public async Task DisposeAsync()
    {
        _clientA.Dispose();
        _clientB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_dataA, recursive: true);
        Directory.Delete(_dataB, recursive: true);
    }

    private async Task<JsonNode> FullBlock(NodeClient node, long height) => (await node.Send(HttpMethod.Get, $"/v1/blocks/{height}?full=true")).Body;

    [Fact]
    public async Task Blocks_of_another_node_are_accepted_and_give_the_same_state_while_tampered_ones_are_refused()
    {
        var id = await _clientA.Deploy(Counter, Abi);
        await _clientA.Call(id, "add", "[5]");
        var (_, latest) = await _clientA.Send(HttpMethod.Get, "/v1/blocks/latest");
        var height = latest["height"]!.GetValue<long>();

        for (var h = 1L; h <= height; h++)
        {
            var (status, answer) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", (await FullBlock(_clientA, h)).ToJsonString());
            Assert.True(status == 200, answer.ToJsonString());
        }
        var (_, statusA) = await _clientA.Send(HttpMethod.Get, "/v1/status");
        var (_, statusB) = await _clientB.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(statusA["stateRoot"]!.GetValue<string>(), statusB["stateRoot"]!.GetValue<string>());
        Assert.Equal("5", await _clientB.Read(id, "n"));

        await _clientA.Call(id, "add", "[1]");
        var next = await FullBlock(_clientA, height + 1);
        var tamperedReceipt = next.DeepClone();
        tamperedReceipt["receipts"]![0]!["returns"]![0] = "999";
        var tamperedRoot = next.DeepClone();
        tamperedRoot["stateRoot"] = new string('0', 64);

        var (receiptStatus, receiptAnswer) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", tamperedReceipt.ToJsonString());
        var (rootStatus, rootAnswer) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", tamperedRoot.ToJsonString());

        Assert.Equal(422, receiptStatus);
        Assert.Contains("receipt", receiptAnswer["detail"]!.GetValue<string>());
        Assert.Equal(422, rootStatus);
        Assert.Equal("5", await _clientB.Read(id, "n"));
        var (_, unchanged) = await _clientB.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(height, unchanged["height"]!.GetValue<long>());

        var (goodStatus, _) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", next.ToJsonString());
        Assert.Equal(200, goodStatus);
        Assert.Equal("6", await _clientB.Read(id, "n"));
    }

    [Fact]
    public async Task A_block_not_signed_by_a_producer_of_the_chain_is_refused_before_it_runs()
    {
        await _clientA.Deploy(Counter, Abi);
        var block = await FullBlock(_clientA, 1);
        var unsigned = block.DeepClone();
        unsigned.AsObject().Remove("signature");
        var stranger = block.DeepClone();
        stranger["signature"]!["public_key"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var forged = block.DeepClone();
        var signature = Convert.FromBase64String(block["signature"]!["signature"]!.GetValue<string>());
        signature[0] ^= 0xff;
        forged["signature"]!["signature"] = Convert.ToBase64String(signature);

        foreach (var (bad, reason) in new[] { (unsigned, "no producer signature"), (stranger, "not a producer of this chain"), (forged, "does not verify") })
        {
            var (status, answer) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", bad.ToJsonString());
            Assert.Equal(422, status);
            Assert.Contains(reason, answer["detail"]!.GetValue<string>());
        }
        var (_, statusB) = await _clientB.Send(HttpMethod.Get, "/v1/status");
        Assert.Equal(0, statusB["height"]!.GetValue<long>());
        var (goodStatus, _) = await _clientB.Send(HttpMethod.Post, "/v1/blocks", block.ToJsonString());
        Assert.Equal(200, goodStatus);
    }
}
