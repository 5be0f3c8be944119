using System.Buffers;
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

    // A block's writer encodes every receipt and transaction of the block with one writer.
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    /// <summary>Writes the receipt's JSON as UTF-8: the same text as <see cref="Serialize{T}"/>, with no string between.</summary>
    public static void Write(IBufferWriter<byte> output, Receipt receipt) => Write(output, receipt, ChainJsonContext.Default.Receipt);

    /// <summary>Writes the transaction's JSON as UTF-8: the same text as <see cref="Serialize{T}"/>, with no string between.</summary>
    public static void Write(IBufferWriter<byte> output, Transaction tx) => Write(output, tx, ChainJsonContext.Default.Transaction);

    private static void Write<T>(IBufferWriter<byte> output, T value, JsonTypeInfo<T> type)
    {
        var writer = _writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true });
        writer.Reset(output);
        JsonSerializer.Serialize(writer, value, type);
        writer.Flush();
        // The writer is kept for the next record; the block's buffer is not.
        writer.Reset(Stream.Null);
    }

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
