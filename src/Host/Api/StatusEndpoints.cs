using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

internal static class StatusEndpoints
{
    public static void MapStatus(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/status", async () =>
        {
            var chain = await actors.StateDb.Ask<ChainStatus>(new GetChainStatus(), actors.AskTimeout);
            var pool = await actors.VmManager.Ask<PoolStatus>(new GetPoolStatus(), actors.AskTimeout);
            var mempool = await actors.Producer.Ask<MempoolStatus>(new GetMempoolStatus(), actors.AskTimeout);
            return Results.Json(new
            {
                height = chain.Height,
                chainId = actors.ChainId,
                mode = actors.Admission.Keys.IsDevelopment ? "dev" : "production",
                stateRoot = chain.StateRoot,
                pool = new { size = pool.Size, busy = pool.Busy, lowerBound = pool.LowerBound, upperBound = pool.UpperBound, restarts = pool.Restarts },
                queue = mempool.Pending,
                transactionsPerSecond = mempool.TransactionsPerSecond,
                storage = mempool.StorageProblem ?? "ok",
            });
        });
}
