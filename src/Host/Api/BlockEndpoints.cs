using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Storage.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>
/// GET /v1/blocks/{height} and /v1/blocks/latest (with ?full=true, the transactions and receipts too),
/// and POST /v1/blocks: a full block from another node, validated by re-execution before it is committed.
/// </summary>
internal static class BlockEndpoints
{
    public static void MapBlocks(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapGet("/v1/blocks/latest", async (bool? full) => await Block(actors, null, full == true));
        app.MapGet("/v1/blocks/{height:long}", async (long height, bool? full) => await Block(actors, height, full == true));
        app.MapPost("/v1/blocks", async (HttpRequest request) =>
        {
            var block = Parse(await JsonBody.ReadObjectAsync(request));
            if (BlockSignature.Problem(block, actors.Admission.Keys.Producers.Contains) is { } unsigned)
                return Results.Json(new { error = "block rejected", detail = unsigned }, statusCode: 422);
            return await actors.Producer.Ask<object>(block, actors.AskTimeout) switch
            {
                BlockAccepted accepted => Results.Json(new { accepted = true, height = accepted.Block.Height, hash = accepted.Block.Hash }),
                BlockRefused refused => Results.Json(new { error = "block rejected", detail = refused.Reason }, statusCode: 422),
                var other => throw new InvalidOperationException($"unexpected answer {other.GetType().Name}"),
            };
        });
    }

    private static async Task<IResult> Block(NodeActors actors, long? height, bool full)
    {
        var stored = await actors.StateDb.Ask<StoredBlock>(new ReadBlock(height), actors.AskTimeout);
        if (stored.Block is not { } b)
            return Results.Json(new { error = "not found", detail = height is null ? "no block has been committed yet" : $"no block at height {height}" }, statusCode: 404);
        var json = new JsonObject
        {
            ["height"] = b.Height, ["hash"] = b.Hash, ["parentHash"] = b.ParentHash, ["time"] = b.Time, ["witness"] = b.Witness,
            ["stateRoot"] = b.StateRoot, ["txHashes"] = new JsonArray(b.TxHashes.Select(h => (JsonNode?)h).ToArray()),
            ["signature"] = b.Signature.Length == 0 ? null : JsonNode.Parse(b.Signature),
        };
        if (full)
        {
            var content = await actors.StateDb.Ask<FullBlock>(new ReadFullBlock(b.Height), actors.AskTimeout);
            json["transactions"] = new JsonArray(content.Transactions.Select(t => JsonNode.Parse(t)).ToArray());
            json["receipts"] = new JsonArray(content.Receipts.Select(r => JsonNode.Parse(r)).ToArray());
        }
        return Results.Text(json.ToJsonString(), "application/json");
    }

    private static ValidateBlock Parse(JsonElement body)
    {
        try
        {
            var transactions = body.GetProperty("transactions").EnumerateArray().Select(t => ChainJson.Deserialize<Transaction>(t.GetRawText())).ToList();
            for (var i = 0; i < transactions.Count; i++)
            {
                if (transactions[i].TextProblem() is { } problem) throw ApiException.BadRequest($"transactions[{i}]: {problem}");
            }
            var receipts = body.GetProperty("receipts").EnumerateArray().Select(r => ChainJson.Deserialize<Receipt>(r.GetRawText())).ToList();
            return new ValidateBlock(body.GetProperty("height").GetInt64(), JsonBody.RequiredString(body, "hash"),
                JsonBody.RequiredString(body, "parentHash"), body.GetProperty("time").GetInt64(), JsonBody.RequiredString(body, "witness"),
                JsonBody.RequiredString(body, "stateRoot"), transactions, receipts)
            {
                // Kept as this node writes it, whatever spelling it came in.
                Signature = body.TryGetProperty("signature", out var signature) && signature.ValueKind == JsonValueKind.Object
                    ? JsonSerializer.Serialize(SignatureJsonConverter.Parse(signature)) : "",
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or FormatException)
        {
            throw ApiException.BadRequest($"a block needs height, hash, parentHash, time, witness, stateRoot, transactions and receipts: {e.Message}");
        }
    }
}
