using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>Block production, queries, blocks and multi-file contracts over HTTP, against a real node.</summary>
public sealed class ChainOverHttpTests : NodeTest
{

    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"put","args":["string","string"]},{"name":"get","args":["string"]}]}""";


    private async Task<string> DeployBundle()
    {
        var body = JsonSerializer.Serialize(new
        {
            files = new Dictionary<string, string>
            {
                ["main.js"] = "const book = require('./lib/book'); class C { put(k, v) { book.write(k, v); } get(k) { return book.read(k); } } module.exports = C;",
                ["lib/book.js"] = "exports.write = (k, v) => storage.mapPut('book', k, v); exports.read = (k) => storage.mapGet('book', k);",
            },
            entry = "main.js",
            abi = JsonNode.Parse(Abi),
        });
        var (status, deployed) = await Client.Send(HttpMethod.Post, "/v1/contracts", body);
        Assert.True(status == 200, deployed.ToJsonString());
        return deployed["contractId"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_multi_file_contract_is_deployed_called_and_its_map_field_read_back()
    {
        var id = await DeployBundle();

        await Client.Call(id, "put", """["alice", "wonderland"]""");
        var (status, field) = await Client.Send(HttpMethod.Get, $"/v1/state/{id}/book?field=alice");

        Assert.Equal(200, status);
        Assert.Equal("wonderland", field["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_answers_from_the_last_block_without_changing_state()
    {
        var id = await DeployBundle();
        await Client.Call(id, "put", """["k", "v"]""");

        var (status, answer) = await Client.Send(HttpMethod.Post, "/v1/query",
            JsonSerializer.Serialize(new { contract = id, actionName = "get", data = """["k"]""" }));
        var (_, put) = await Client.Send(HttpMethod.Post, "/v1/query",
            JsonSerializer.Serialize(new { contract = id, actionName = "put", data = """["k", "changed"]""" }));

        Assert.Equal(200, status);
        Assert.Equal("\"v\"", answer["returns"]![0]!.GetValue<string>());
        Assert.True(answer["gasUsed"]!.GetValue<long>() > 0);
        Assert.NotNull(put["returns"]);
        var (_, field) = await Client.Send(HttpMethod.Get, $"/v1/state/{id}/book?field=k");
        Assert.Equal("v", field["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_with_wrong_arguments_is_a_400_naming_the_argument()
    {
        var id = await DeployBundle();

        var (status, body) = await Client.Send(HttpMethod.Post, "/v1/query",
            JsonSerializer.Serialize(new { contract = id, actionName = "get", data = "[42]" }));

        Assert.Equal(400, status);
        Assert.Contains("argument 1", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blocks_are_served_by_height_and_as_latest_and_chain_by_parent_hash()
    {
        var id = await DeployBundle();
        var receipt = await Client.Call(id, "put", """["a", "b"]""");

        var (_, latest) = await Client.Send(HttpMethod.Get, "/v1/blocks/latest");
        var height = latest["height"]!.GetValue<long>();
        var (_, parent) = await Client.Send(HttpMethod.Get, $"/v1/blocks/{height - 1}");
        var (missing, _) = await Client.Send(HttpMethod.Get, $"/v1/blocks/{height + 100}");

        Assert.Contains(receipt["txHash"]!.GetValue<string>(), latest["txHashes"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Equal(parent["hash"]!.GetValue<string>(), latest["parentHash"]!.GetValue<string>());
        Assert.Equal(64, latest["stateRoot"]!.GetValue<string>().Length);
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task A_batch_is_accepted_and_every_transaction_gets_its_receipt()
    {
        var id = await DeployBundle();
        var transactions = Enumerable.Range(0, 20).Select(i => new { actions = new[] { new { contract = id, actionName = "put", data = $"[\"k{i}\", \"v{i}\"]" } } });

        var (status, accepted) = await Client.Send(HttpMethod.Post, "/v1/transactions/batch", JsonSerializer.Serialize(new { transactions }));

        Assert.Equal(202, status);
        var hashes = accepted["txHashes"]!.AsArray().Select(h => h!.GetValue<string>()).ToList();
        Assert.Equal(20, hashes.Count);
        foreach (var hash in hashes)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            int code;
            do
            {
                (code, _) = await Client.Send(HttpMethod.Get, $"/v1/transactions/{hash}/receipt");
                if (code == 200) break;
                await Task.Delay(50);
            } while (DateTime.UtcNow < deadline);
            Assert.Equal(200, code);
        }
        var (_, field) = await Client.Send(HttpMethod.Get, $"/v1/state/{id}/book?field=k19");
        Assert.Equal("v19", field["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_refused_past_its_first_slice_names_the_place_and_lists_what_the_mempool_took()
    {
        var id = await DeployBundle();
        // Transaction 300 (in IOST's form) expires before its time: admission refuses it, after the first slice went to the mempool.
        var transactions = Enumerable.Range(0, 400).Select(i => i == 300
            ? (object)new { chain_id = 1024, time = 5L, expiration = 1L, actions = new[] { new { contract = id, action_name = "put", data = "[\"late\", \"v\"]" } } }
            : new { actions = new[] { new { contract = id, actionName = "put", data = $"[\"b{i}\", \"v{i}\"]" } } });

        var (status, refused) = await Client.Send(HttpMethod.Post, "/v1/transactions/batch", JsonSerializer.Serialize(new { transactions }));

        Assert.Equal(400, status);
        Assert.StartsWith("transactions[300]:", refused["detail"]!.GetValue<string>());
        // The slices before the one holding it: 300 - 300 % 128.
        Assert.Equal(300 - 300 % BatchSlice, refused["txHashes"]!.AsArray().Count);
    }

    // The batch endpoint signs and submits this many at a time (TransactionEndpoints.Slice).
    private const int BatchSlice = 128;
}
