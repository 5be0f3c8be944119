using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Storage.State;

namespace ActorVm.Host.Api;

/// <summary>
/// A block as nodes hand it to each other: its header, and with its transactions and receipts, the
/// full form that GET /v1/blocks/{h}?full=true answers, POST /v1/blocks takes and a cluster's block
/// stream carries.
/// </summary>
internal static class FullBlockJson
{
    public static JsonObject Header(BlockRecord b) => new()
    {
        ["height"] = b.Height, ["hash"] = b.Hash, ["parentHash"] = b.ParentHash, ["time"] = b.Time, ["witness"] = b.Witness,
        ["stateRoot"] = b.StateRoot, ["txHashes"] = new JsonArray(b.TxHashes.Select(h => (JsonNode?)h).ToArray()),
        ["signature"] = b.Signature.Length == 0 ? null : JsonNode.Parse(b.Signature),
    };

    /// <summary>
    /// The full block: its transactions and receipts as stored, in block order. They are stored as JSON
    /// already, and go in as they are: a block of a thousand transactions is not parsed again to be sent.
    /// </summary>
    public static string Write(BlockRecord block, IEnumerable<string> transactions, IEnumerable<string> receipts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in Header(block))
            {
                json.WritePropertyName(name);
                if (value is null) json.WriteNullValue();
                else value.WriteTo(json);
            }
            json.WriteStartArray("transactions");
            foreach (var tx in transactions) json.WriteRawValue(tx, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteStartArray("receipts");
            foreach (var receipt in receipts) json.WriteRawValue(receipt, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A full block as another node sent it, for validation; malformed input is a 400 naming what is missing.</summary>
    public static ValidateBlock Parse(JsonElement body)
    {
        try
        {
            var transactions = body.GetProperty("transactions").EnumerateArray().Select(t => ChainJson.Deserialize<Transaction>(t.GetRawText())).ToList();
            for (var i = 0; i < transactions.Count; i++)
            {
                if (transactions[i].TextProblem() is { } problem) throw ApiException.BadRequest($"transactions[{i}]: {problem}");
            }
            var receipts = body.GetProperty("receipts").EnumerateArray().Select(r => ChainJson.Deserialize<Receipt>(r.GetRawText())).ToList();
            return new ValidateBlock(body.GetProperty("height").GetInt64(), JsonBody.RequiredString(body, "hash"),
                JsonBody.RequiredString(body, "parentHash"), body.GetProperty("time").GetInt64(), JsonBody.RequiredString(body, "witness"),
                JsonBody.RequiredString(body, "stateRoot"), transactions, receipts)
            {
                // Kept as this node writes it, whatever spelling it came in.
                Signature = body.TryGetProperty("signature", out var signature) && signature.ValueKind == JsonValueKind.Object
                    ? JsonSerializer.Serialize(SignatureJsonConverter.Parse(signature)) : "",
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or FormatException)
        {
            throw ApiException.BadRequest($"a block needs height, hash, parentHash, time, witness, stateRoot, transactions and receipts: {e.Message}");
        }
    }
}
