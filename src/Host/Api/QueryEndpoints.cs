using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>POST /v1/query: a read-only call against the last committed block; nothing it writes is kept.</summary>
internal static class QueryEndpoints
{
    public static void MapQuery(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapPost("/v1/query", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            var action = new TxAction(JsonBody.RequiredString(body, "contract"), JsonBody.RequiredString(body, "actionName"),
                JsonBody.OptionalString(body, "data") ?? "[]");
            var tx = TransactionRequest.Create(JsonBody.OptionalString(body, "publisher"), [], Math.Min(TransactionRequest.DefaultGasLimit, actors.MaxTxGas), [action], actors.ChainId);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var answer = await actors.Querier.Ask<QueryAnswered>(new RunQuery(tx), actors.AskTimeout);
            actors.Latencies.Query.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            var receipt = answer.Receipt;
            // The contracts' console lines come back either way: they are how a failing query is debugged.
            var logs = receipt.Logs ?? [];
            if (receipt.Status.Code != StatusCode.Success)
                return Results.Json(new { error = "query failed", detail = receipt.Status.Message, status = receipt.Status, logs }, statusCode: 400);
            return answer.AnsweredBy.Length == 0
                ? Results.Json(new { returns = receipt.Returns, gasUsed = receipt.GasUsed, height = answer.Height, logs })
                : Results.Json(new { returns = receipt.Returns, gasUsed = receipt.GasUsed, height = answer.Height, logs, answeredBy = answer.AnsweredBy });
        });
}
