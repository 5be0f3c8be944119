using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /v1/state/{contract}/{key}[?field=f]: a committed value or map field, or null.</summary>
internal static class StateEndpoints
{
    public static void MapState(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/state/{contract}/{key}", async (string contract, string key, string? field) =>
        {
            if (contract.Length == 0 || contract.Contains('-')) throw ApiException.BadRequest($"'{contract}' is not a contract id");
            var stored = await actors.StateDb.Ask<StoredValue>(new ReadValue(contract, key, field), actors.AskTimeout);
            return Results.Json(new { value = stored.Value });
        });
}
