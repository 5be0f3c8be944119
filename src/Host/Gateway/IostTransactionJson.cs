using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Host.Api;

namespace ActorVm.Host.Gateway;

/// <summary>
/// A transaction in IOST's request JSON (go-iost TransactionRequest, as IOST's SDK sends it): either
/// spelling of each field (gas_ratio or gasRatio), int64 as a number or a numeric string, gas ratio and
/// limit as the user sees them (the hash uses them times 100, truncated, as go-iost does).
/// </summary>
internal static class IostTransactionJson
{
    public static Transaction Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("a transaction must be an object");
        var actions = List(body, "actions", "actions", (a, path) =>
        {
            if (a.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"{path} must be an object {{contract, actionName, data}}");
            return new TxAction(Text(a, "contract", "contract", path) ?? "", Text(a, "action_name", "actionName", path) ?? "", Text(a, "data", "data", path) ?? "");
        });
        var gasRatio = Number(body, "gas_ratio", "gasRatio") ?? 1;
        var gasLimit = Number(body, "gas_limit", "gasLimit") ?? 0;
        var tx = new Transaction(Int64(body, "time", "time"), Int64(body, "expiration", "expiration"), Hundredths(gasLimit, "gas_limit") / 100,
            Text(body, "publisher", "publisher", "") ?? "", List(body, "signers", "signers", (s, path) => String(s, path)), actions)
        {
            GasRatio = Hundredths(gasRatio, "gas_ratio"),
            Delay = Int64(body, "delay", "delay"),
            ChainId = (uint)Math.Clamp(Int64(body, "chain_id", "chainId"), 0, uint.MaxValue),
            AmountLimit = List(body, "amount_limit", "amountLimit", (a, path) =>
                a.ValueKind == JsonValueKind.Object
                    ? new AmountLimit(Text(a, "token", "token", path) ?? "", Text(a, "value", "value", path) ?? "")
                    : throw ApiException.BadRequest($"{path} must be an object {{token, value}}")),
            Signatures = List(body, "signatures", "signatures", Signature),
            PublisherSigs = List(body, "publisher_sigs", "publisherSigs", Signature),
        };
        // go-iost keeps the limit in hundredths; this chain counts whole units, so a fraction cannot be kept.
        if (Hundredths(gasLimit, "gas_limit") % 100 != 0) throw ApiException.BadRequest("gas_limit must be a whole number on this chain");
        return tx.TextProblem() is { } problem ? throw ApiException.BadRequest(problem) : tx;
    }

    /// <summary>Whether the body is IOST's form: it carries signatures or IOST's own field names.</summary>
    public static bool IsIostForm(JsonElement body) => body.ValueKind == JsonValueKind.Object &&
        (body.TryGetProperty("publisher_sigs", out _) || body.TryGetProperty("publisherSigs", out _) || body.TryGetProperty("chain_id", out _));

    private static long Hundredths(double value, string name) =>
        double.IsFinite(value) && value is >= 0 and < 1e15 ? (long)(value * 100) : throw ApiException.BadRequest($"{name} is out of range");

    private static Signature Signature(JsonElement e, string path)
    {
        try
        {
            return SignatureJsonConverter.Parse(e);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"{path}: {ex.Message}");
        }
    }

    private static JsonElement? Field(JsonElement e, string snake, string camel) =>
        e.TryGetProperty(snake, out var v) && v.ValueKind != JsonValueKind.Null ? v
        : e.TryGetProperty(camel, out v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement e, string snake, string camel, string path) => Field(e, snake, camel) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => JsonBody.Text(v, $"{path}{snake}"),
        _ => throw ApiException.BadRequest($"{path}{snake} must be a string"),
    };

    private static string String(JsonElement e, string path) => JsonBody.Text(e, path.TrimEnd('.'));

    private static IReadOnlyList<T> List<T>(JsonElement e, string snake, string camel, Func<JsonElement, string, T> item)
    {
        if (Field(e, snake, camel) is not { } v) return [];
        if (v.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest($"{snake} must be an array");
        return v.EnumerateArray().Select((x, i) => item(x, $"{snake}[{i}].")).ToList();
    }

    private static long Int64(JsonElement e, string snake, string camel) => Field(e, snake, camel) switch
    {
        null => 0,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => (long)d,
        { ValueKind: JsonValueKind.String } v when long.TryParse(JsonBody.Text(v, snake), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw ApiException.BadRequest($"{snake} must be an integer"),
    };

    private static double? Number(JsonElement e, string snake, string camel) => Field(e, snake, camel) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(JsonBody.Text(v, snake), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw ApiException.BadRequest($"{snake} must be a number"),
    };

    /// <summary>The transaction as IOST's SDK sends it (proto field names; gas as the user sees it).</summary>
    public static string Write(Transaction tx) => IostJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("time", tx.Time);
        w.WriteNumber("expiration", tx.Expiration);
        w.WriteNumber("gas_ratio", tx.GasRatio / 100.0);
        w.WriteNumber("gas_limit", tx.GasLimit);
        w.WriteNumber("delay", tx.Delay);
        w.WriteNumber("chain_id", tx.ChainId);
        IostJson.Actions(w, tx);
        IostJson.AmountLimits(w, tx);
        w.WriteStartArray("signers");
        foreach (var s in tx.Signers) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WritePropertyName("signatures");
        JsonSerializer.Serialize(w, tx.Signatures);
        w.WriteString("publisher", tx.Publisher);
        w.WritePropertyName("publisher_sigs");
        JsonSerializer.Serialize(w, tx.PublisherSigs);
        w.WriteEndObject();
    });
}
