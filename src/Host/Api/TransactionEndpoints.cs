using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>Submitting transactions (one, or a batch) and reading their receipts.</summary>
internal static class TransactionEndpoints
{
    public const int MaxBatch = 10_000;

    public static void MapTransactions(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapPost("/v1/transactions", async (HttpRequest request, bool? wait) =>
        {
            var tx = actors.Admission.Admit(TransactionRequest.Parse(await JsonBody.ReadObjectAsync(request), actors.MaxTxGas, actors.ChainId));
            await Submission.Authorize(actors, tx);
            if (wait == true)
            {
                // A wait that runs out says where the transaction stands; it may still be committed,
                // so it is never answered as a failure that a client would retry.
                if (await Submission.SubmitAndWait(actors, tx) is not { } receipt)
                    return Results.Json(new { txHash = tx.Hash, status = "pending: look up the receipt" }, statusCode: StatusCodes.Status202Accepted);
                // A malformed transaction never enters a block: it is bad input, not a processed transaction.
                return receipt.Status.Code == StatusCode.WrongTxFormat
                    ? Results.Json(new { error = "wrong transaction format", detail = receipt.Status.Message, receipt }, statusCode: 400)
                    : Results.Text(ChainJson.Encoded(receipt), "application/json");
            }
            return Results.Json(new { txHash = await Submission.Submit(actors, tx) }, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapPost("/v1/transactions/batch", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            if (!body.TryGetProperty("transactions", out var list) || list.ValueKind != JsonValueKind.Array)
                throw ApiException.BadRequest("transactions must be an array of transactions");
            if (list.GetArrayLength() > MaxBatch) throw ApiException.BadRequest($"a batch holds at most {MaxBatch} transactions");
            var parsed = list.EnumerateArray().Select(t => TransactionRequest.Parse(t, actors.MaxTxGas, actors.ChainId)).ToList();
            return await SubmitInSlices(actors, parsed);
        });

        app.MapGet("/v1/transactions/{hash}/receipt", async (string hash) =>
        {
            var stored = await actors.StateDb.Ask<StoredValue>(new ReadReceipt(hash), actors.AskTimeout);
            if (stored.Value is not null) return Results.Text(stored.Value, "application/json");
            // A transaction left out of its block has no receipt: whoever looks it up is told why, not "not yet" forever.
            if ((await actors.Producer.Ask<LeftOut>(new GetLeftOut(hash), actors.AskTimeout)).Reason is { } reason)
                return Results.Json(new { error = "not executed", detail = reason }, statusCode: 422);
            return Results.Json(new { error = "not found", detail = $"no receipt for transaction {hash} (yet)" }, statusCode: 404);
        });
    }

    /// <summary>
    /// Admits and submits a batch a slice at a time, in order, stopping at the first transaction turned
    /// away: signing is most of what admitting a dev-mode submission costs, and what a full mempool
    /// turns away is then not signed (under load, a third of a batch's signatures were made for
    /// transactions the mempool refused, to be sent again).
    /// </summary>
    private static async Task<IResult> SubmitInSlices(NodeActors actors, List<Transaction> parsed)
    {
        var accepted = new List<string>(parsed.Count);
        for (var start = 0; start < parsed.Count; start += Slice)
        {
            var slice = parsed.GetRange(start, Math.Min(Slice, parsed.Count - start));
            Transaction[] txs;
            try
            {
                txs = AdmitAll(actors, slice, start);
            }
            catch (ApiException refused) when (accepted.Count > 0)
            {
                return Refusal(refused, accepted);
            }
            IReadOnlyList<string> hashes;
            ApiException? refusal;
            try
            {
                (hashes, refusal) = await Submission.SubmitAll(actors, txs);
            }
            catch (AskTimeoutException busy) when (accepted.Count > 0)
            {
                return Refusal(new ApiException(StatusCodes.Status503ServiceUnavailable, "busy", busy.Message), accepted);
            }
            accepted.AddRange(hashes);
            if (refusal is not null) return Refusal(refusal, accepted);
        }
        return Results.Json(new { txHashes = accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>How many transactions of a batch are signed and checked before they are submitted.</summary>
    public const int Slice = 128;

    /// <summary>A refusal that comes after some of the batch was admitted: the hashes of those come with it.</summary>
    private static IResult Refusal(ApiException refused, IReadOnlyList<string> accepted) =>
        Results.Json(new { error = refused.Error, detail = refused.Message, txHashes = accepted }, statusCode: refused.StatusCode);

    /// <summary>Signs (dev mode) and checks part of a batch on every core; a refusal names the first transaction refused by its place in the batch.</summary>
    private static Transaction[] AdmitAll(NodeActors actors, IReadOnlyList<Transaction> parsed, int offset)
    {
        var results = new (Transaction? Admitted, ApiException? Refused)[parsed.Count];
        // A part for each core, each signed together.
        var part = Math.Max(1, (parsed.Count + Environment.ProcessorCount - 1) / Environment.ProcessorCount);
        Parallel.For(0, (parsed.Count + part - 1) / part, p =>
        {
            var start = p * part;
            var admitted = actors.Admission.AdmitAll(parsed.Skip(start).Take(part).ToList());
            admitted.CopyTo(results, start);
        });
        for (var i = 0; i < results.Length; i++)
            if (results[i].Refused is { } refused) throw new ApiException(refused.StatusCode, refused.Error, $"transactions[{offset + i}]: {refused.Message}");
        return results.Select(r => r.Admitted!).ToArray();
    }
}
