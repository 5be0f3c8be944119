using System.Security.Cryptography;
using System.Text.Json;

namespace ActorVm.Storage.State;

/// <summary>A committed block as stored (docs/http-api.md's block fields, plus its witness).</summary>
public sealed record BlockRecord(long Height, string Hash, string ParentHash, long Time, string Witness, string StateRoot,
    IReadOnlyList<string> TxHashes)
{
    /// <summary>The producer's signature over the hash, in IOST's JSON form (algorithm, public key, signature); empty when unsigned.</summary>
    public string Signature { get; init; } = "";

    /// <summary>SHA-256 (hex) of the header's fields as a compact JSON array.</summary>
    public static string HashOf(long height, string parentHash, long time, string witness, string stateRoot, IReadOnlyList<string> txHashes) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new object[] { height, parentHash, time, witness, stateRoot, txHashes })));
}

/// <summary>What the block producer knows of a block before it commits: the state root and hash come from the commit.</summary>
public sealed record BlockDraft(long Time, string Witness, IReadOnlyList<StoredReceipt> Receipts)
{
    /// <summary>Signs the sealed block's hash (the producer's key, or the signature a validated block came with).</summary>
    public Func<string, string>? Sign { get; init; }
}
