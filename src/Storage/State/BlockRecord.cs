using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace ActorVm.Storage.State;

/// <summary>A committed block as stored (docs/http-api.md's block fields, plus its witness).</summary>
public sealed record BlockRecord(long Height, string Hash, string ParentHash, long Time, string Witness, string StateRoot,
    IReadOnlyList<string> TxHashes)
{
    /// <summary>The producer's signature over the hash, in IOST's JSON form (algorithm, public key, signature); empty when unsigned.</summary>
    public string Signature { get; init; } = "";

    /// <summary>
    /// SHA-256 (hex) of the header's fields as a compact JSON array, written as the serializer writes
    /// <c>new object[] { height, parentHash, time, witness, stateRoot, txHashes }</c> with its default
    /// options (the tests compare): through the serializer, a block's thousand hashes cost 1.6 µs each.
    /// </summary>
    public static string HashOf(long height, string parentHash, long time, string witness, string stateRoot, IReadOnlyList<string> txHashes)
    {
        var header = new ArrayBufferWriter<byte>(256 + 48 * txHashes.Count);
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartArray();
            json.WriteNumberValue(height);
            json.WriteStringValue(parentHash);
            json.WriteNumberValue(time);
            json.WriteStringValue(witness);
            json.WriteStringValue(stateRoot);
            json.WriteStartArray();
            for (var i = 0; i < txHashes.Count; i++) json.WriteStringValue(txHashes[i]);
            json.WriteEndArray();
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(header.WrittenSpan));
    }
}

/// <summary>What the block producer knows of a block before it commits: the state root and hash come from the commit.</summary>
public sealed record BlockDraft(long Time, string Witness, IReadOnlyList<StoredReceipt> Receipts)
{
    /// <summary>Signs the sealed block's hash (the producer's key, or the signature a validated block came with).</summary>
    public Func<string, string>? Sign { get; init; }
}
