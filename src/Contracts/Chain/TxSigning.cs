namespace ActorVm.Contracts.Chain;

/// <summary>
/// The outcome of checking a transaction's signatures: the keys (base58 public keys) that signed its
/// base hash, and those that signed its publish hash; or the first signature that does not verify.
/// Kept with every transaction in flight, so it holds plain arrays (a handful of keys at most).
/// </summary>
public sealed record TxSigning(string? Problem, IReadOnlyList<string> SignerKeys, IReadOnlyList<string> PublisherKeys)
{
    public static TxSigning Verify(Transaction tx)
    {
        var signers = new string[tx.Signatures.Count];
        for (var i = 0; i < signers.Length; i++)
        {
            var s = tx.Signatures[i];
            if (!s.Verify(tx.BaseHash)) return Refused($"signatures[{i}] (key {s.KeyId}) does not verify over the transaction's base hash");
            signers[i] = s.KeyId;
        }
        var publishers = new string[tx.PublisherSigs.Count];
        for (var i = 0; i < publishers.Length; i++)
        {
            var s = tx.PublisherSigs[i];
            if (!s.Verify(tx.PublishHash)) return Refused($"publisher_sigs[{i}] (key {s.KeyId}) does not verify over the transaction's publish hash");
            publishers[i] = s.KeyId;
        }
        return new(null, signers, publishers);
    }

    private KeyLevels? _levels;

    /// <summary>A copy made by <c>with</c> has other keys: it works out its levels afresh.</summary>
    private TxSigning(TxSigning original) =>
        (Problem, SignerKeys, PublisherKeys) = (original.Problem, original.SignerKeys, original.PublisherKeys);

    /// <summary>
    /// IOST's auth_list: each key that signed, to 1 for a signer's signature or 2 for the publisher's
    /// (which wins), in key order; empty when a signature does not verify. Worked out once: every
    /// authority check of the transaction reads it.
    /// </summary>
    public IReadOnlyDictionary<string, int> KeyLevels() =>
        _levels ??= Problem is null ? Chain.KeyLevels.Of(SignerKeys, SignerLevel, PublisherKeys, PublisherLevel) : Chain.KeyLevels.Empty;

    public const int SignerLevel = 1;
    public const int PublisherLevel = 2;

    public TxSigning WithPublisherKey(string key) => this with { PublisherKeys = [.. PublisherKeys, key] };

    private static TxSigning Refused(string problem) => new(problem, [], []);
}
