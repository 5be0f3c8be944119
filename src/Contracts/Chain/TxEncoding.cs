namespace ActorVm.Contracts.Chain;

/// <summary>IOST's binary encoding of a transaction (go-iost core/tx ToBytes) at its three levels.</summary>
public static class TxEncoding
{
    public enum Level
    {
        Base,
        Publish,
        Full,
    }

    // Each thread hashes in one buffer of its own: a transaction's submission hashes it, and a fresh
    // encoder with its nested ones was about 3 KB of garbage per transaction. A buffer a large
    // transaction (a deploy) grew is not kept.
    [ThreadStatic] private static IostEncoder? _hashing;
    private const int MostKept = 64 * 1024;

    /// <summary>SHA3-256 of the encoding at <paramref name="level"/>.</summary>
    public static byte[] Hash(Transaction tx, Level level)
    {
        var e = _hashing ??= new IostEncoder(1024);
        e.Clear();
        Write(e, tx, level);
        var hash = Sha3.Hash256(e.Written);
        if (e.Capacity > MostKept) _hashing = null;
        return hash;
    }

    private static void Write(IostEncoder e, Transaction tx, Level level)
    {
        e.WriteInt64(tx.Time);
        e.WriteInt64(tx.Expiration);
        e.WriteInt64(tx.GasRatio);
        e.WriteInt64(unchecked(tx.GasLimit * 100));
        e.WriteInt64(tx.Delay);
        e.WriteInt32(unchecked((int)tx.ChainId));
        e.WriteBytes([]);
        e.WriteStrings(tx.Signers);
        e.WriteInt32(tx.Actions.Count);
        // Indexed loops here and on the way of every transaction: foreach over an interface list boxes its enumerator.
        for (var i = 0; i < tx.Actions.Count; i++)
        {
            var a = tx.Actions[i];
            var action = e.BeginBytes();
            e.WriteString(a.Contract);
            e.WriteString(a.ActionName);
            e.WriteString(a.Data);
            e.EndBytes(action);
        }
        e.WriteInt32(tx.AmountLimit.Count);
        for (var i = 0; i < tx.AmountLimit.Count; i++)
        {
            var a = tx.AmountLimit[i];
            var amount = e.BeginBytes();
            e.WriteString(a.Token);
            e.WriteString(a.Value);
            e.EndBytes(amount);
        }
        if (level > Level.Base)
        {
            e.WriteInt32(tx.Signatures.Count);
            for (var i = 0; i < tx.Signatures.Count; i++) tx.Signatures[i].WriteTo(e);
        }
        if (level > Level.Publish)
        {
            e.WriteBytes([]);
            e.WriteString(tx.Publisher);
            e.WriteInt32(tx.PublisherSigs.Count);
            for (var i = 0; i < tx.PublisherSigs.Count; i++) tx.PublisherSigs[i].WriteTo(e);
        }
    }
}
