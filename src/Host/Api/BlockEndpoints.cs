using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /v1/blocks/{height} and /v1/blocks/latest.</summary>
internal static class BlockEndpoints
{
    public static void MapBlocks(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapGet("/v1/blocks/latest", () => Block(actors, null));
        app.MapGet("/v1/blocks/{height:long}", (long height) => Block(actors, height));
    }

    private static async Task<IResult> Block(NodeActors actors, long? height)
    {
        var stored = await actors.StateDb.Ask<StoredBlock>(new ReadBlock(height), actors.AskTimeout);
        if (stored.Block is not { } b)
            return Results.Json(new { error = "not found", detail = height is null ? "no block has been committed yet" : $"no block at height {height}" }, statusCode: 404);
        return Results.Json(new { height = b.Height, hash = b.Hash, parentHash = b.ParentHash, time = b.Time, stateRoot = b.StateRoot, txHashes = b.TxHashes });
    }
}
