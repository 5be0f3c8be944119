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

/// <summary>
/// A transaction's receipt as stored, encoded by its owner, with the transaction itself when known.
/// The encoding may be deferred (a function run once, by whoever first needs the text: the block's
/// writer), so that it is not on the way from one block's execution to the next.
/// </summary>
public sealed class StoredReceipt
{
    private readonly Lazy<(string Json, string? TransactionJson)> _encoded;

    public StoredReceipt(string txHash, string json, string? transactionJson = null)
    {
        TxHash = txHash;
        _encoded = new((json, transactionJson));
    }

    public StoredReceipt(string txHash, Func<(string Json, string? TransactionJson)> encode)
    {
        TxHash = txHash;
        _encoded = new(encode, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string TxHash { get; }

    /// <summary>The transaction's replay key (its content's hash), under which a block keeps it from running again.</summary>
    public string ReplayKey { get; init; } = "";

    /// <summary>The replay key, or for a record made without one (tools, tests), the hash.</summary>
    public string ReplayKeyOrHash => ReplayKey.Length > 0 ? ReplayKey : TxHash;

    public string Json => _encoded.Value.Json;

    public string? TransactionJson => _encoded.Value.TransactionJson;
}

/// <summary>What the block producer knows of a block before it commits: the state root and hash come from the commit.</summary>
public sealed record BlockDraft(long Time, string Witness, IReadOnlyList<StoredReceipt> Receipts)
{
    /// <summary>Signs the sealed block's hash (the producer's key, or the signature a validated block came with).</summary>
    public Func<string, string>? Sign { get; init; }
}
