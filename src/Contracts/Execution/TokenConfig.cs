using System.Text.Json;
using ActorVm.Contracts.Api;

namespace ActorVm.Contracts.Execution;

/// <summary>token.iost create's config object, as IOST reads it: decimal, canTransfer, onlyIssuerCanTransfer, fullName; other keys are ignored.</summary>
internal sealed record TokenConfig(int Decimal, bool CanTransfer, bool OnlyIssuerCanTransfer, string? FullName)
{
    /// <summary>IOST's longest full name.</summary>
    public const int MaxFullName = 50;

    public static TokenConfig Parse(string json, string token)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
        }
        catch (JsonException)
        {
            throw new HostException("config must be a JSON object");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new HostException("config must be a JSON object");
            var decimals = token == NativeToken.Name ? NativeToken.Decimals : 8;
            if (root.TryGetProperty("decimal", out var d))
                decimals = d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var value) && value is >= 0 and <= 18
                    ? value
                    : throw new HostException("config decimal must be a whole number from 0 to 18");
            string? fullName = null;
            if (root.TryGetProperty("fullName", out var f))
            {
                fullName = f.ValueKind == JsonValueKind.String ? f.GetString()! : throw new HostException("fullName in config should be string");
                if (fullName.Length > MaxFullName) throw new HostException("fullName is too long");
            }
            return new TokenConfig(decimals, Flag(root, "canTransfer", true), Flag(root, "onlyIssuerCanTransfer", false), fullName);
        }
    }

    private static bool Flag(JsonElement root, string name, bool fallback) =>
        !root.TryGetProperty(name, out var v) ? fallback
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new HostException($"{name} in config should be bool");
}
