using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVm.Contracts.Signing;

/// <summary>IOST's JSON form of a signature: {"algorithm": "ED25519", "public_key": base64, "signature": base64}.</summary>
public sealed class SignatureJsonConverter : JsonConverter<Signature>
{
    public override Signature Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return Parse(doc.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, Signature value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("algorithm", value.Algorithm.Name());
        writer.WriteBase64String("public_key", value.PublicKey);
        writer.WriteBase64String("signature", value.Sig);
        writer.WriteEndObject();
    }

    /// <summary>Throws <see cref="JsonException"/> naming what is wrong.</summary>
    public static Signature Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new JsonException("a signature must be an object {algorithm, public_key, signature}");
        var algorithmText = e.TryGetProperty("algorithm", out var a) ? a.ValueKind switch
        {
            JsonValueKind.String => Text(a, "algorithm"),
            JsonValueKind.Number => a.GetRawText(),
            _ => "",
        } : "";
        var algorithm = KeyAlgorithms.Parse(algorithmText) ?? throw new JsonException($"a signature's algorithm must be ED25519 or SECP256K1, not '{algorithmText}'");
        return new Signature(algorithm, Base64(e, "signature"), Base64(e, "public_key"));
    }

    // An escape that decodes to half a surrogate pair cannot be read as text: the sender's error, named.
    private static string Text(JsonElement v, string name)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"a signature's {name} must be valid Unicode text (no lone surrogates)");
        }
    }

    private static byte[] Base64(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String) throw new JsonException($"a signature needs {name} in base64");
        try
        {
            return Convert.FromBase64String(Text(v, name));
        }
        catch (FormatException)
        {
            throw new JsonException($"a signature's {name} is not base64");
        }
    }
}
