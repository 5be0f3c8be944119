using System.Text.Json;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>POST /v1/contracts: deploy, as a transaction to system/setCode.</summary>
internal static class ContractEndpoints
{
    public static void MapContracts(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapPost("/v1/contracts", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            if (body.TryGetProperty("files", out _))
                throw ApiException.BadRequest("multi-file contracts ({files, entry}) are not supported by this node yet; send {code, abi}");
            var code = JsonBody.RequiredString(body, "code");
            var abi = AbiText(body);
            var data = JsonSerializer.Serialize(new[] { code, abi });
            var tx = TransactionRequest.Create(JsonBody.OptionalString(body, "publisher"), [], TransactionRequest.DefaultGasLimit,
                [new TxAction("system", "setCode", data)]);

            var receipt = await actors.VmManager.Ask<Receipt>(new ExecuteTx(tx), actors.AskTimeout);
            if (receipt.Status.Code != StatusCode.Success)
                return Results.Json(new { error = "deploy failed", detail = receipt.Status.Message, receipt }, statusCode: 400);
            return Results.Json(new { contractId = JsonSerializer.Deserialize<string>(receipt.Returns[0]), receipt });
        });

    /// <summary>The ABI may come as a JSON object or as a string holding one.</summary>
    private static string AbiText(JsonElement body) =>
        body.TryGetProperty("abi", out var abi) switch
        {
            true when abi.ValueKind == JsonValueKind.Object => abi.GetRawText(),
            true when abi.ValueKind == JsonValueKind.String => abi.GetString()!,
            _ => throw ApiException.BadRequest("abi is required, as a JSON object or a string"),
        };
}
