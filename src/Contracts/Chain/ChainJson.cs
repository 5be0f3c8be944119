using System.Text.Json;

namespace ActorVm.Contracts.Chain;

/// <summary>The JSON form of chain records, as stored and as the HTTP API answers (SPEC §4 field names).</summary>
public static class ChainJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Receipt, string> EncodedReceipts = new();

    /// <summary>
    /// A receipt's JSON, encoded once per receipt: the block stores the same text that the HTTP API
    /// answers with and that validation compares.
    /// </summary>
    public static string Encoded(Receipt receipt) => EncodedReceipts.GetValue(receipt, r => Serialize(r));

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
