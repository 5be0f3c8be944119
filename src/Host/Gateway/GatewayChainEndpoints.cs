using System.Globalization;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Storage.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Gateway;

/// <summary>getNodeInfo, getChainInfo, getGasRatio, getRAMInfo, getBlockByHash, getBlockByNumber.</summary>
internal static class GatewayChainEndpoints
{
    public static void MapChainEndpoints(this IEndpointRouteBuilder app, NodeSettings settings, NodeActors actors)
    {
        var producer = actors.Admission.Keys.Producer.PublicKeyBase58;
        app.MapGet("/getNodeInfo", async () =>
        {
            var mempool = await actors.Producer.Ask<MempoolStatus>(new GetMempoolStatus(), actors.AskTimeout);
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("build_time", "");
                w.WriteString("git_hash", "");
                w.WriteString("mode", "ModeNormal");
                w.WriteStartObject("network");
                w.WriteString("id", producer);
                w.WriteNumber("peer_count", 0);
                w.WriteNumber("peer_count_inbound", 0);
                w.WriteNumber("peer_count_outbound", 0);
                w.WriteEndObject();
                w.WriteString("code_version", "actorvm");
                w.Int64("server_time", (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
                w.Int64("tx_pool_size", mempool.Pending);
                w.WriteEndObject();
            });
        });
        app.MapGet("/getChainInfo", async () =>
        {
            var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block;
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("net_name", settings.Node.IsDevelopment ? "actorvm-dev" : "actorvm");
                w.WriteString("protocol_version", "1.0");
                w.WriteNumber("chain_id", actors.ChainId);
                // A block is final once committed here: the head is also the last irreversible block.
                foreach (var prefix in new[] { "head", "lib" })
                {
                    w.Int64($"{prefix}_block", head?.Height ?? 0);
                    w.WriteString($"{prefix}_block_hash", head?.Hash ?? "");
                }
                foreach (var list in new[] { "witness_list", "lib_witness_list" })
                {
                    w.WriteStartArray(list);
                    w.WriteStringValue(producer);
                    w.WriteEndArray();
                }
                w.WriteStartArray("pending_witness_list");
                w.WriteEndArray();
                w.Int64("head_block_time", head?.Time ?? 0);
                w.Int64("lib_block_time", head?.Time ?? 0);
                w.WriteEndObject();
            });
        });
        app.MapGet("/getGasRatio", () => IostGateway.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("lowest_gas_ratio", 1);
            w.WriteNumber("median_gas_ratio", 1);
            w.WriteEndObject();
        }));
        // RAM is not metered on this chain yet (IOST's ram.iost market is not built): nothing is used or for sale.
        app.MapGet("/getRAMInfo", () => IostGateway.Json(w =>
        {
            w.WriteStartObject();
            w.Int64("used_ram", 0);
            w.Int64("available_ram", 0);
            w.Int64("total_ram", 0);
            w.WriteNumber("sell_price", 0);
            w.WriteNumber("buy_price", 0);
            w.WriteEndObject();
        }));
        app.MapGet("/getBlockByNumber/{number}/{complete}", async (string number, string complete) =>
        {
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
                throw ApiException.BadRequest($"type mismatch, parameter: number, error: '{number}' is not a block number");
            return await Block(actors, height, Flag(complete, "complete"));
        });
        app.MapGet("/getBlockByHash/{hash}/{complete}", async (string hash, string complete) =>
        {
            var height = (await actors.StateDb.Ask<StoredHeight>(new FindBlock(hash), actors.AskTimeout)).Height ?? throw new GatewayException("block not found");
            return await Block(actors, height, Flag(complete, "complete"));
        });
    }

    /// <summary>Go's strconv.ParseBool, which IOST's gateway uses for its flags (the SDK sends 0 or 1).</summary>
    public static bool Flag(string text, string name) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw ApiException.BadRequest($"type mismatch, parameter: {name}, error: '{text}' is not a boolean"),
    };

    private static async Task<Microsoft.AspNetCore.Http.IResult> Block(NodeActors actors, long height, bool complete)
    {
        var full = await actors.StateDb.Ask<FullBlock>(new ReadFullBlock(height), actors.AskTimeout);
        if (full.Block is not { } block) throw new GatewayException("block not found");
        var transactions = complete
            ? full.Transactions.Zip(full.Receipts).Select(p => (p.First is { } kept ? KeptTransactions.Read(kept) : throw new GatewayException("a transaction of the block is not stored"), ChainJson.Deserialize<Receipt>(p.Second))).ToList()
            : null;
        return IostGateway.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "IRREVERSIBLE");
            w.WritePropertyName("block");
            IostJson.Block(w, block, transactions);
            w.WriteEndObject();
        });
    }
}
