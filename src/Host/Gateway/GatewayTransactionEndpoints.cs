using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Gateway;

/// <summary>sendTx, execTx, getTxByHash, getTxReceiptByTxHash and getTxReceiptByHash.</summary>
internal static class GatewayTransactionEndpoints
{
    private const int MaxHashLength = 100;

    public static void MapTransactionEndpoints(this IEndpointRouteBuilder app, NodeActors actors)
    {
        // The gateway never signs: a transaction arrives signed by its publisher, or is refused.
        app.MapPost("/sendTx", async (HttpRequest request) =>
        {
            var tx = IostTransactionJson.Parse(await IostGateway.ReadBodyAsync(request));
            string hash;
            try
            {
                actors.Admission.Check(tx);
                await Submission.Authorize(actors, tx);
                hash = await Submission.Submit(actors, tx);
            }
            catch (ApiException e)
            {
                throw new GatewayException(e.Message);
            }
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("hash", hash);
                w.WriteNull("pre_tx_receipt");
                w.WriteEndObject();
            });
        });
        // A dry run on the last committed block: the receipt the transaction would get, nothing kept.
        app.MapPost("/execTx", async (HttpRequest request) =>
        {
            var tx = IostTransactionJson.Parse(await IostGateway.ReadBodyAsync(request));
            var answer = await actors.Querier.Ask<QueryAnswered>(new RunQuery(tx), actors.AskTimeout);
            return IostGateway.Json(w => IostJson.Receipt(w, answer.Receipt));
        });
        app.MapGet("/getTxByHash/{hash}", async (string hash) =>
        {
            var stored = await Lookup(actors, hash);
            if (stored.Transaction is null || stored.Receipt is null) throw new GatewayException("tx not found");
            var (tx, receipt) = (KeptTransactions.Read(stored.Transaction), ChainJson.Deserialize<Receipt>(stored.Receipt));
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "IRREVERSIBLE");
                w.WritePropertyName("transaction");
                IostJson.Transaction(w, tx, receipt);
                w.Int64("block_number", stored.Height ?? -1);
                w.WriteEndObject();
            });
        });
        // A receipt has no hash of its own here: both look it up by its transaction's hash.
        app.MapGet("/getTxReceiptByTxHash/{hash}", async (string hash) => await Receipt(actors, hash));
        app.MapGet("/getTxReceiptByHash/{hash}", async (string hash) => await Receipt(actors, hash));
    }

    private static async Task<StoredTransaction> Lookup(NodeActors actors, string hash)
    {
        if (hash.Length >= MaxHashLength) throw new GatewayException($"hash len({hash.Length}) is greater then {MaxHashLength}");
        return await actors.StateDb.Ask<StoredTransaction>(new ReadTransaction(hash), actors.AskTimeout);
    }

    private static async Task<IResult> Receipt(NodeActors actors, string hash)
    {
        var stored = await Lookup(actors, hash);
        if (stored.Receipt is null) throw new GatewayException("failed to Get the receipt: not found");
        var receipt = ChainJson.Deserialize<Receipt>(stored.Receipt);
        return IostGateway.Json(w => IostJson.Receipt(w, receipt));
    }
}
