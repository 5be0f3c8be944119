using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVm.Contracts.Accounts;

/// <summary>
/// An account as auth.iost stores it (the JSON of IOST's account.js): permissions by name, each with
/// items (keys or other accounts' permissions), their weights and a threshold, and groups of items.
/// </summary>
public sealed record Account(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("referrer")] string Referrer,
    [property: JsonPropertyName("permissions")] IReadOnlyDictionary<string, Permission> Permissions,
    [property: JsonPropertyName("groups")] IReadOnlyDictionary<string, PermissionGroup> Groups)
{
    /// <summary>An account whose owner and active permissions are each one key of full weight, as signUp writes it.</summary>
    public static Account WithKeys(string id, string referrer, string ownerKey, string activeKey) => new(id, referrer,
        new Dictionary<string, Permission> { ["active"] = Permission.OneKey("active", activeKey), ["owner"] = Permission.OneKey("owner", ownerKey) },
        new Dictionary<string, PermissionGroup>());

    public string ToJson() => JsonSerializer.Serialize(this, AccountJson.Default.Account);

    /// <summary>The stored account, or null when the text is not one (a contract wrote something else there).</summary>
    public static Account? Parse(string json)
    {
        try
        {
            var account = JsonSerializer.Deserialize(json, AccountJson.Default.Account);
            return account is { Id: not null, Permissions: not null } ? account with { Groups = account.Groups ?? new Dictionary<string, PermissionGroup>() } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record Permission(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups,
    [property: JsonPropertyName("items")] IReadOnlyList<PermissionItem>? Items,
    [property: JsonPropertyName("threshold")] long Threshold)
{
    public const long FullWeight = 100;

    public static Permission OneKey(string name, string key) => new(name, [], [new PermissionItem(key, null, true, FullWeight)], FullWeight);
}

/// <summary>A key (base58 public key) or another account's permission, with its weight.</summary>
public sealed record PermissionItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("permission"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Permission,
    [property: JsonPropertyName("is_key_pair")] bool IsKeyPair,
    [property: JsonPropertyName("weight")] long Weight);

public sealed record PermissionGroup(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("items")] IReadOnlyList<PermissionItem>? Items);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Account))]
internal sealed partial class AccountJson : JsonSerializerContext;
