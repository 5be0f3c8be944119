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

    public static byte[] Bytes(Transaction tx, Level level)
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
        if (level > Level.Base)
        {
            e.WriteInt32(tx.Signatures.Count);
            foreach (var s in tx.Signatures) s.WriteTo(e);
        }
        if (level > Level.Publish)
        {
            e.WriteBytes([]);
            e.WriteString(tx.Publisher);
            e.WriteInt32(tx.PublisherSigs.Count);
            foreach (var s in tx.PublisherSigs) s.WriteTo(e);
        }
        return e.ToArray();
    }
}
