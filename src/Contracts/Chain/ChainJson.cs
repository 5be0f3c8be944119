using System.Text.Json;

namespace ActorVm.Contracts.Chain;

/// <summary>The JSON form of chain records, as stored and as the HTTP API answers (SPEC §4 field names).</summary>
public static class ChainJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
