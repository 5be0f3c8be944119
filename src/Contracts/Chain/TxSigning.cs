namespace ActorVm.Contracts.Chain;

/// <summary>
/// The outcome of checking a transaction's signatures: the keys (base58 public keys) that signed its
/// base hash, and those that signed its publish hash; or the first signature that does not verify.
/// </summary>
public sealed record TxSigning(string? Problem, IReadOnlySet<string> SignerKeys, IReadOnlySet<string> PublisherKeys)
{
    public static TxSigning Verify(Transaction tx)
    {
        var signers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tx.Signatures.Count; i++)
        {
            var s = tx.Signatures[i];
            if (!s.Verify(tx.BaseHash)) return Refused($"signatures[{i}] (key {s.KeyId}) does not verify over the transaction's base hash");
            signers.Add(s.KeyId);
        }
        var publishers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tx.PublisherSigs.Count; i++)
        {
            var s = tx.PublisherSigs[i];
            if (!s.Verify(tx.PublishHash)) return Refused($"publisher_sigs[{i}] (key {s.KeyId}) does not verify over the transaction's publish hash");
            publishers.Add(s.KeyId);
        }
        return new(null, signers, publishers);
    }

    public TxSigning WithPublisherKey(string key) => this with { PublisherKeys = new HashSet<string>(PublisherKeys, StringComparer.Ordinal) { key } };

    private static TxSigning Refused(string problem) => new(problem, new HashSet<string>(), new HashSet<string>());
}
