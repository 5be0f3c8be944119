using System.Security.Cryptography;
using System.Text.Json;

namespace ActorVm.Contracts.Chain;

/// <summary>One call inside a transaction; Data is a JSON array of the arguments, as a string.</summary>
public sealed record TxAction(string Contract, string ActionName, string Data);

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

    /// <summary>SHA3-256 of the canonical encoding.</summary>
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
