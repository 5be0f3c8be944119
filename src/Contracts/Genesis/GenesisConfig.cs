using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.Contracts.Genesis;

/// <summary>An account the genesis block creates (go-iost's Witness: admin, foundation and each producer).</summary>
public sealed record GenesisAccount(string Id, string Owner, string Active, string SignatureBlock, long Balance);

/// <summary>The native token as the genesis block issues it (go-iost's TokenInfo).</summary>
public sealed record GenesisTokenInfo(string FoundationAccount, long IostTotalSupply, long IostDecimal);

/// <summary>
/// A genesis block's configuration in IOST's shape (go-iost's config/genesis/genesis.yml): the native
/// token, the producers (witnesses), the admin and foundation accounts and the chain's first time.
/// </summary>
public sealed record GenesisConfig(GenesisTokenInfo TokenInfo, IReadOnlyList<GenesisAccount> Witnesses, GenesisAccount Admin,
    GenesisAccount Foundation, DateTimeOffset InitialTimestamp)
{
    /// <summary>The key of IOST's local node's admin and foundation (go-iost's config/dev_admin_key.json).</summary>
    public const string IostDevAdminKey = "Gcv8c2tH8qZrUYnKdEEdTtASsxivic2834MQW6mgxqto";

    /// <summary>Its secret, as public as the key: go-iost ships it for local nodes.</summary>
    public const string IostDevAdminSecret = "2yquS3ySrGWPEKywCPzX4RTJugqRh7kJSo5aehsLYPEWkUxBWA39oMrZ7ZxuM4fgyXYs2cPwh5n8aNNpH5x2VyK1";

    /// <summary>The key of IOST's local node's producer, producer000 (go-iost's config/iserver.yml).</summary>
    public const string IostDevProducerKey = "6sNQa7PV2SFzqCBtQUcQYJGGoU7XaB6R4xuCQVXNZe6b";

    /// <summary>go-iost's config/genesis/genesis.yml: what a local IOST node starts from.</summary>
    public static readonly GenesisConfig IostLocal = new(
        new GenesisTokenInfo("foundation", 90_000_000_000, 8),
        [new GenesisAccount("producer000", IostDevProducerKey, IostDevProducerKey, IostDevProducerKey, 0)],
        new GenesisAccount("admin", IostDevAdminKey, IostDevAdminKey, "", 21_000_000_000),
        new GenesisAccount("foundation", IostDevAdminKey, IostDevAdminKey, "", 0),
        DateTimeOffset.Parse("2018-11-10T11:04:05Z", CultureInfo.InvariantCulture));

    /// <summary>The block time of the genesis block, in Unix nanoseconds.</summary>
    public long TimeNanos => (InitialTimestamp - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Reads genesis.yml (IOST's form) or genesis.json (the same keys) from a genesis folder, or null when it holds neither.</summary>
    public static GenesisConfig? Load(string directory)
    {
        var yml = Path.Combine(directory, "genesis.yml");
        var json = Path.Combine(directory, "genesis.json");
        if (File.Exists(yml)) return From(GenesisYaml.Parse(File.ReadAllText(yml)));
        if (File.Exists(json)) return From(JsonNode.Parse(File.ReadAllText(json)) as JsonObject ?? throw new FormatException("genesis.json must be an object"));
        return null;
    }

    /// <summary>Keys as go-iost reads them: case-insensitive, underscores ignored (viper's habit).</summary>
    public static GenesisConfig From(JsonObject root)
    {
        var token = Object(root, "tokeninfo");
        var witnesses = Field(root, "witnessinfo") as JsonArray ?? throw new FormatException("genesis: witnessinfo must be a list of producers");
        return new GenesisConfig(
            new GenesisTokenInfo(Text(token, "foundationaccount"), Number(token, "iosttotalsupply"), Number(token, "iostdecimal")),
            witnesses.Select(w => Account(w as JsonObject ?? throw new FormatException("genesis: each witness must be a map"))).ToList(),
            Account(Object(root, "admininfo")),
            Account(Object(root, "foundationinfo")),
            DateTimeOffset.TryParse(Text(root, "initialtimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t : throw new FormatException("genesis: initialtimestamp must be an RFC 3339 time"));
    }

    private static GenesisAccount Account(JsonObject o) =>
        new(Text(o, "id"), Text(o, "owner"), Text(o, "active"), Optional(o, "signatureblock") ?? "", Field(o, "balance") is null ? 0 : Number(o, "balance"));

    private static JsonNode? Field(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key.Replace("_", ""), name, StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject Object(JsonObject o, string name) => Field(o, name) as JsonObject ?? throw new FormatException($"genesis: {name} is missing");

    private static string? Optional(JsonObject o, string name) => Field(o, name) is JsonValue v ? v.ToString() : null;

    private static string Text(JsonObject o, string name) => Optional(o, name) ?? throw new FormatException($"genesis: {name} is missing");

    private static long Number(JsonObject o, string name) =>
        Field(o, name) is JsonValue v && long.TryParse(v.ToString(), CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"genesis: {name} must be a whole number");

    /// <summary>The config as IOST's genesis contracts receive it (Go's field names, as go-iost marshals them).</summary>
    internal string TokenInfoJson => JsonSerializer.Serialize(new
    {
        FoundationAccount = TokenInfo.FoundationAccount, IOSTTotalSupply = TokenInfo.IostTotalSupply, IOSTDecimal = TokenInfo.IostDecimal,
    });

    internal static object GoWitness(GenesisAccount a) => new { ID = a.Id, a.Owner, a.Active, a.SignatureBlock, a.Balance };
}
