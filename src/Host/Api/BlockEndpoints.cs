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
            var block = FullBlockJson.Parse(await JsonBody.ReadObjectAsync(request));
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
        if (!full) return Results.Text(FullBlockJson.Header(b).ToJsonString(), "application/json");
        var content = await actors.StateDb.Ask<FullBlock>(new ReadFullBlock(b.Height), actors.AskTimeout);
        return Results.Text(FullBlockJson.Write(b, content.Transactions.Select(t => t is null ? "null" : KeptTransactions.Json(t)), content.Receipts), "application/json");
    }
}
