using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>POST /v1/contracts: deploy a single file or a multi-file contract, as a transaction to system/setCode.</summary>
internal static class ContractEndpoints
{
    public static void MapContracts(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapPost("/v1/contracts", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            var tx = actors.Admission.Admit(TransactionRequest.Create(JsonBody.OptionalString(body, "publisher"), [],
                Math.Min(TransactionRequest.DefaultGasLimit, actors.MaxTxGas), [SetCodeAction(body)], actors.ChainId));
            // As /v1/transactions does: a deploy the last block would not authorise is a 403 with the reason.
            await Submission.Authorize(actors, tx);

            if (await Submission.SubmitAndWait(actors, tx) is not { } receipt)
                return Results.Json(new { txHash = tx.Hash, status = "pending: look up the receipt" }, statusCode: StatusCodes.Status202Accepted);
            if (receipt.Status.Code != StatusCode.Success)
                return Results.Json(new { error = "deploy failed", detail = receipt.Status.Message, receipt }, statusCode: 400);
            return Results.Json(new { contractId = JsonSerializer.Deserialize<string>(receipt.Returns[0]), receipt });
        });

    /// <summary>system.setCode of {code} for one file, or {files: {path: source}, entry} for a bundle, with its abi.</summary>
    public static TxAction SetCodeAction(JsonElement body) =>
        new("system", "setCode", JsonSerializer.Serialize(new[] { Code(body), AbiText(body) }));

    private static string Code(JsonElement body)
    {
        if (!body.TryGetProperty("files", out var files)) return JsonBody.RequiredString(body, "code");
        if (files.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("files must map paths to sources (strings)");
        var sources = JsonBody.Texts(files, "files");
        var entry = JsonBody.RequiredString(body, "entry");
        return ContractSource.Bundle(sources, entry);
    }

    /// <summary>The ABI may come as a JSON object or as a string holding one.</summary>
    private static string AbiText(JsonElement body) =>
        body.TryGetProperty("abi", out var abi) switch
        {
            true when abi.ValueKind == JsonValueKind.Object => abi.GetRawText(),
            true when abi.ValueKind == JsonValueKind.String => JsonBody.Text(abi, "abi"),
            _ => throw ApiException.BadRequest("abi is required, as a JSON object or a string"),
        };
}
