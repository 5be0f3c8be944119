using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorVm.Contracts.Chain;

/// <summary>The JSON form of chain records, as stored and as the HTTP API answers (docs/http-api.md's field names).</summary>
public static class ChainJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Receipts and transactions, the records of every block, are written by generated code: the same text, without reflection.</summary>
    public static string Serialize<T>(T value) => value switch
    {
        Receipt receipt => JsonSerializer.Serialize(receipt, ChainJsonContext.Default.Receipt),
        Transaction tx => JsonSerializer.Serialize(tx, ChainJsonContext.Default.Transaction),
        _ => JsonSerializer.Serialize(value, Options),
    };

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");

    private static readonly ConditionalWeakTable<Receipt, string> EncodedReceipts = new();

    /// <summary>
    /// A receipt's JSON, encoded once per receipt: the block stores the same text that the HTTP API
    /// answers with and that validation compares.
    /// </summary>
    public static string Encoded(Receipt receipt) => EncodedReceipts.GetValue(receipt, r => Serialize(r));
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Receipt))]
[JsonSerializable(typeof(Transaction))]
internal sealed partial class ChainJsonContext : JsonSerializerContext;
