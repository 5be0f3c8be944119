using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>Submitting transactions and reading their receipts.</summary>
internal static class TransactionEndpoints
{
    public static void MapTransactions(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapPost("/v1/transactions", async (HttpRequest request, bool? wait) =>
        {
            var tx = TransactionRequest.Parse(await JsonBody.ReadObjectAsync(request));
            var receipt = actors.VmManager.Ask<Receipt>(new ExecuteTx(tx), actors.AskTimeout);
            if (wait == true) return Results.Json(await receipt);
            return Results.Json(new { txHash = tx.Hash }, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapGet("/v1/transactions/{hash}/receipt", async (string hash) =>
        {
            var stored = await actors.StateDb.Ask<StoredValue>(new ReadReceipt(hash), actors.AskTimeout);
            return stored.Value is null
                ? Results.Json(new { error = "not found", detail = $"no receipt for transaction {hash} (yet)" }, statusCode: 404)
                : Results.Text(stored.Value, "application/json");
        });
    }
}
