using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVm.Contracts.Chain;

/// <summary>One call inside a transaction; Data is a JSON array of the arguments, as a string.</summary>
public sealed record TxAction(string Contract, string ActionName, string Data)
{
    private Parsed? _parsed;

    private sealed record Parsed(IReadOnlyList<JsonElement>? Arguments);

    /// <summary>
    /// Data parsed once, for every check that looks at it: the array's elements, or null when Data is
    /// not a JSON array (the format check refuses such an action).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<JsonElement>? Arguments => (_parsed ??= new Parsed(ParseArguments(Data))).Arguments;

    private static IReadOnlyList<JsonElement>? ParseArguments(string? data)
    {
        if (data is null) return null;
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.Clone().EnumerateArray().ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Equals(TxAction? other) => other is not null && Contract == other.Contract && ActionName == other.ActionName && Data == other.Data;

    public override int GetHashCode() => HashCode.Combine(Contract, ActionName, Data);
}

/// <summary>A transaction (SPEC §3). Times are Unix nanoseconds.</summary>
public sealed record Transaction(
    long Time,
    long Expiration,
    long GasLimit,
    string Publisher,
    IReadOnlyList<string> Signers,
    IReadOnlyList<TxAction> Actions)
{
    private byte[]? _hash;
    private string? _hashText;

    /// <summary>
    /// Null when every field holds text that can be encoded (no null, no lone UTF-16 surrogate, as a
    /// JSON escape such as "\ud800" can produce), else what is wrong. Only such a transaction has a hash.
    /// </summary>
    public string? TextProblem()
    {
        if (Publisher is null || Signers is null || Actions is null) return "publisher, signers and actions are required";
        if (!IsValidText(Publisher)) return "publisher is not valid Unicode text";
        if (Signers.Any(s => !IsValidText(s))) return "every signer must be valid Unicode text";
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            if (a is null || !IsValidText(a.Contract) || !IsValidText(a.ActionName) || !IsValidText(a.Data))
                return $"action {i}: contract, actionName and data must be valid Unicode text";
        }
        return null;
    }

    /// <summary>Not null and free of lone surrogates.</summary>
    public static bool IsValidText(string? s)
    {
        if (s is null) return false;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (!char.IsHighSurrogate(s[i]) || i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>SHA3-256 of the canonical encoding (not written with the transaction: its hash is).</summary>
    [JsonIgnore]
    public byte[] HashBytes => _hash ??= SHA3_256.HashData(CanonicalBytes());

    public string Hash => _hashText ??= Base58.Encode(HashBytes);

    /// <summary>The fields in a fixed order as a compact JSON array: the same bytes on every node.</summary>
    public byte[] CanonicalBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            w.WriteNumberValue(Time);
            w.WriteNumberValue(Expiration);
            w.WriteNumberValue(GasLimit);
            w.WriteStringValue(Publisher);
            w.WriteStartArray();
            foreach (var s in Signers) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray();
            foreach (var a in Actions)
            {
                w.WriteStartArray();
                w.WriteStringValue(a.Contract);
                w.WriteStringValue(a.ActionName);
                w.WriteStringValue(a.Data);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndArray();
        }
        return stream.ToArray();
    }
}
