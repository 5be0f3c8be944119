namespace ActorVm.Contracts.Chain;

/// <summary>IOST's binary encoding of a transaction (go-iost core/tx ToBytes) at its three levels: base (what signers sign), publish (base and the signers' signatures: what the publisher signs) and full (the id's).</summary>
public static class TxEncoding
{
    /// <summary>The full encoding, of which the base and the publish encodings are the first <paramref name="baseLength"/> and <paramref name="publishLength"/> bytes.</summary>
    public static byte[] Bytes(Transaction tx, out int baseLength, out int publishLength)
    {
        var e = new IostEncoder();
        e.WriteInt64(tx.Time);
        e.WriteInt64(tx.Expiration);
        e.WriteInt64(tx.GasRatio);
        e.WriteInt64(unchecked(tx.GasLimit * 100));
        e.WriteInt64(tx.Delay);
        e.WriteInt32(unchecked((int)tx.ChainId));
        e.WriteBytes([]);
        e.WriteStrings(tx.Signers);
        e.WriteInt32(tx.Actions.Count);
        foreach (var a in tx.Actions)
        {
            var action = new IostEncoder();
            action.WriteString(a.Contract);
            action.WriteString(a.ActionName);
            action.WriteString(a.Data);
            e.WriteBytes(action.Written);
        }
        e.WriteInt32(tx.AmountLimit.Count);
        foreach (var a in tx.AmountLimit)
        {
            var amount = new IostEncoder();
            amount.WriteString(a.Token);
            amount.WriteString(a.Value);
            e.WriteBytes(amount.Written);
        }
        baseLength = e.Written.Length;
        e.WriteInt32(tx.Signatures.Count);
        foreach (var s in tx.Signatures) s.WriteTo(e);
        publishLength = e.Written.Length;
        e.WriteBytes([]);
        e.WriteString(tx.Publisher);
        e.WriteInt32(tx.PublisherSigs.Count);
        foreach (var s in tx.PublisherSigs) s.WriteTo(e);
        return e.ToArray();
    }
}
