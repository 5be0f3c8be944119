using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /v1/state/{contract}/{key}: a committed value, or null.</summary>
internal static class StateEndpoints
{
    public static void MapState(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/state/{contract}/{key}", async (string contract, string key) =>
        {
            var stored = await actors.StateDb.Ask<StoredValue>(new ReadValue(contract, key), actors.AskTimeout);
            return Results.Json(new { value = stored.Value });
        });
}
