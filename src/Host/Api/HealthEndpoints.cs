using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>
/// GET /healthz: the process serves (for a liveness probe). GET /readyz: the node can do its job: its
/// store takes blocks and, in a cluster, it is no more than one block behind the highest member; 503
/// with the reasons otherwise (for a readiness probe or a load balancer).
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));
        app.MapGet("/readyz", async () =>
        {
            var problems = new List<string>();
            var producer = await actors.Producer.Ask<MempoolStatus>(new GetMempoolStatus(), actors.AskTimeout);
            if (producer.StorageProblem is { } storage) problems.Add($"the store cannot take blocks: {storage}");
            if (actors.ClusterFigures?.Invoke() is { Lag: > 1 } cluster) problems.Add($"{cluster.Lag} blocks behind the cluster");
            return problems.Count == 0
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not ready", problems }, statusCode: 503);
        });
    }
}
