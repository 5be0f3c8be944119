using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Host.Gateway;

/// <summary>
/// IOST's gateway JSON (go-iost rpc.proto as grpc-gateway writes it): proto field names, every field
/// present, int64 as strings, enums by name, gas as IOST shows it.
/// </summary>
internal static class IostJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Int64(this Utf8JsonWriter w, string name, long value) => w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>SUCCESS, GAS_RUN_OUT, ... as IOST names its status codes; ours past UNKNOWN_ERROR are resource limits that never enter a block.</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.Success => "SUCCESS",
        StatusCode.GasRunOut => "GAS_RUN_OUT",
        StatusCode.BalanceNotEnough => "BALANCE_NOT_ENOUGH",
        StatusCode.WrongParameter => "WRONG_PARAMETER",
        StatusCode.RuntimeError => "RUNTIME_ERROR",
        StatusCode.Timeout => "TIMEOUT",
        StatusCode.WrongTxFormat => "WRONG_TX_FORMAT",
        StatusCode.DuplicateSetCode => "DUPLICATE_SET_CODE",
        _ => "UNKNOWN_ERROR",
    };

    public static void Receipt(Utf8JsonWriter w, Receipt? r)
    {
        if (r is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("tx_hash", r.TxHash);
        w.WriteNumber("gas_usage", r.GasUsed);
        w.WriteStartObject("ram_usage");
        foreach (var (payer, bytes) in r.RamUsage ?? new Dictionary<string, long>()) w.Int64(payer, bytes);
        w.WriteEndObject();
        w.WriteString("status_code", StatusName(r.Status.Code));
        w.WriteString("message", r.Status.Message);
        // IOST gives each action's return values as a JSON array; this node keeps one JSON value per action.
        w.WriteStartArray("returns");
        foreach (var value in r.Returns) w.WriteStringValue(value.Length == 0 ? "[]" : $"[{value}]");
        w.WriteEndArray();
        w.WriteStartArray("receipts");
        foreach (var entry in r.Receipts)
        {
            w.WriteStartObject();
            w.WriteString("func_name", entry.FuncName);
            w.WriteString("content", entry.Content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>"actions": [{contract, action_name, data}].</summary>
    public static void Actions(Utf8JsonWriter w, Transaction tx)
    {
        w.WriteStartArray("actions");
        foreach (var a in tx.Actions)
        {
            w.WriteStartObject();
            w.WriteString("contract", a.Contract);
            w.WriteString("action_name", a.ActionName);
            w.WriteString("data", a.Data);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>"amount_limit": [{token, value}].</summary>
    public static void AmountLimits(Utf8JsonWriter w, Transaction tx)
    {
        w.WriteStartArray("amount_limit");
        foreach (var a in tx.AmountLimit)
        {
            w.WriteStartObject();
            w.WriteString("token", a.Token);
            w.WriteString("value", a.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Transaction(Utf8JsonWriter w, Transaction tx, Receipt? receipt)
    {
        w.WriteStartObject();
        w.WriteString("hash", tx.Hash);
        w.Int64("time", tx.Time);
        w.Int64("expiration", tx.Expiration);
        w.WriteNumber("gas_ratio", tx.GasRatio / 100.0);
        w.WriteNumber("gas_limit", tx.GasLimit);
        w.Int64("delay", tx.Delay);
        w.WriteNumber("chain_id", tx.ChainId);
        Actions(w, tx);
        w.WriteStartArray("signers");
        foreach (var s in tx.Signers) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteString("publisher", tx.Publisher);
        w.WriteString("referred_tx", "");
        AmountLimits(w, tx);
        w.WritePropertyName("tx_receipt");
        Receipt(w, receipt);
        w.WriteEndObject();
    }

    public static void Block(Utf8JsonWriter w, BlockRecord b, IReadOnlyList<(Transaction Tx, Receipt Receipt)>? transactions)
    {
        w.WriteStartObject();
        w.WriteString("hash", b.Hash);
        w.Int64("version", 0);
        w.WriteString("parent_hash", b.ParentHash);
        w.WriteString("tx_merkle_hash", "");
        w.WriteString("tx_receipt_merkle_hash", "");
        w.Int64("number", b.Height);
        w.WriteString("witness", b.Witness);
        w.Int64("time", b.Time);
        w.WriteNumber("gas_usage", transactions?.Sum(t => t.Receipt.GasUsed) ?? 0);
        w.Int64("tx_count", b.TxHashes.Count);
        w.WriteNull("info");
        w.WriteString("orig_info", "");
        w.WriteStartArray("transactions");
        foreach (var (tx, receipt) in transactions ?? []) Transaction(w, tx, receipt);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
