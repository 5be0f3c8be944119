using System.Buffers;
using ActorVm.Contracts.Signing;

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
    public static byte[] Hash(Transaction tx, Level level) => Hashes(tx, [level])[0];

    /// <summary>
    /// SHA3-256 of the encodings at <paramref name="levels"/> (rising), from one encoding: each level's
    /// is the one below it with more appended, so the blocks they share are hashed once.
    /// </summary>
    public static byte[][] Hashes(Transaction tx, ReadOnlySpan<Level> levels)
    {
        if (levels.IsEmpty) throw new ArgumentException("name at least one level", nameof(levels));
        for (var i = 1; i < levels.Length; i++)
            if (levels[i] <= levels[i - 1]) throw new ArgumentException("levels must rise: each prefix is hashed after the shorter ones", nameof(levels));
        var e = _hashing ??= new IostEncoder(1024);
        e.Clear();
        Span<int> ends = stackalloc int[3];
        Write(e, tx, levels[^1], ends);
        Span<int> lengths = stackalloc int[levels.Length];
        for (var i = 0; i < levels.Length; i++) lengths[i] = ends[(int)levels[i]];
        Span<byte> hashes = stackalloc byte[Sha3.HashLength * levels.Length];
        Sha3.Hash256Prefixes(e.Written, lengths, hashes);
        if (e.Capacity > MostKept) _hashing = null;
        var result = new byte[levels.Length][];
        for (var i = 0; i < levels.Length; i++) result[i] = hashes.Slice(Sha3.HashLength * i, Sha3.HashLength).ToArray();
        return result;
    }

    /// <summary>
    /// Whether <see cref="Decode"/> gives this transaction back from its full encoding: its gas limit is
    /// encoded times 100 and must not overflow, its text must be whole UTF-16 (UTF-8 has no lone
    /// surrogate), and its signatures' algorithms must be known.
    /// </summary>
    public static bool EncodesWhole(Transaction tx)
    {
        if (tx.GasLimit is < long.MinValue / 100 or > long.MaxValue / 100 || !Transaction.IsValidText(tx.Publisher)) return false;
        for (var i = 0; i < tx.Signers.Count; i++)
            if (!Transaction.IsValidText(tx.Signers[i])) return false;
        for (var i = 0; i < tx.Actions.Count; i++)
        {
            var a = tx.Actions[i];
            if (!Transaction.IsValidText(a.Contract) || !Transaction.IsValidText(a.ActionName) || !Transaction.IsValidText(a.Data)) return false;
        }
        for (var i = 0; i < tx.AmountLimit.Count; i++)
            if (!Transaction.IsValidText(tx.AmountLimit[i].Token) || !Transaction.IsValidText(tx.AmountLimit[i].Value)) return false;
        return Readable(tx.Signatures) && Readable(tx.PublisherSigs);

        // What Decode refuses: an algorithm it does not know.
        static bool Readable(IReadOnlyList<Signature> signatures)
        {
            for (var i = 0; i < signatures.Count; i++)
                if (!Enum.IsDefined(signatures[i].Algorithm) || signatures[i].Sig is null || signatures[i].PublicKey is null) return false;
            return true;
        }
    }

    /// <summary>The full encoding, written to <paramref name="output"/>.</summary>
    public static void WriteFull(IBufferWriter<byte> output, Transaction tx)
    {
        var e = _hashing ??= new IostEncoder(1024);
        e.Clear();
        Span<int> ends = stackalloc int[3];
        Write(e, tx, Level.Full, ends);
        output.Write(e.Written);
        if (e.Capacity > MostKept) _hashing = null;
    }

    /// <summary>
    /// The transaction whose full encoding this is (for one that <see cref="EncodesWhole"/>), or an
    /// <see cref="InvalidDataException"/> naming what is wrong with the bytes.
    /// </summary>
    public static Transaction Decode(ReadOnlySpan<byte> encoded)
    {
        var d = new IostDecoder(encoded);
        var time = d.ReadInt64();
        var expiration = d.ReadInt64();
        var gasRatio = d.ReadInt64();
        var gas = d.ReadInt64();
        var delay = d.ReadInt64();
        var chainId = unchecked((uint)d.ReadInt32());
        NothingReserved(d.ReadBytes());
        var signers = new string[d.ReadCount(4)];
        for (var i = 0; i < signers.Length; i++) signers[i] = d.ReadString();
        var actions = new TxAction[d.ReadCount(16)];
        for (var i = 0; i < actions.Length; i++)
        {
            var action = new IostDecoder(d.ReadBytes());
            actions[i] = new TxAction(action.ReadString(), action.ReadString(), action.ReadString());
            action.End();
        }
        var limits = new AmountLimit[d.ReadCount(12)];
        for (var i = 0; i < limits.Length; i++)
        {
            var limit = new IostDecoder(d.ReadBytes());
            limits[i] = new AmountLimit(limit.ReadString(), limit.ReadString());
            limit.End();
        }
        var signatures = ReadSignatures(ref d);
        NothingReserved(d.ReadBytes());
        var publisher = d.ReadString();
        var publisherSigs = ReadSignatures(ref d);
        d.End();
        if (gas % 100 != 0) throw new InvalidDataException($"the encoded gas limit {gas} is not a whole number of gas units times 100");
        return new Transaction(time, expiration, gas / 100, publisher, signers, actions)
        {
            GasRatio = gasRatio,
            Delay = delay,
            ChainId = chainId,
            AmountLimit = limits,
            Signatures = signatures,
            PublisherSigs = publisherSigs,
        };
    }

    private static Signature[] ReadSignatures(ref IostDecoder d)
    {
        var signatures = new Signature[d.ReadCount(13)];
        for (var i = 0; i < signatures.Length; i++)
        {
            var signature = new IostDecoder(d.ReadBytes());
            var algorithm = (KeyAlgorithm)signature.ReadByte();
            if (!Enum.IsDefined(algorithm)) throw new InvalidDataException($"signature algorithm {(byte)algorithm} is unknown");
            signatures[i] = new Signature(algorithm, signature.ReadBytes().ToArray(), signature.ReadBytes().ToArray());
            signature.End();
        }
        return signatures;
    }

    private static void NothingReserved(ReadOnlySpan<byte> reserved)
    {
        if (!reserved.IsEmpty) throw new InvalidDataException($"a reserved field holds {reserved.Length} bytes");
    }

    /// <summary>The encoding up to <paramref name="level"/>; <paramref name="ends"/> gets where each level's ends.</summary>
    private static void Write(IostEncoder e, Transaction tx, Level level, Span<int> ends)
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
        ends[(int)Level.Base] = e.Written.Length;
        if (level > Level.Base)
        {
            e.WriteInt32(tx.Signatures.Count);
            for (var i = 0; i < tx.Signatures.Count; i++) tx.Signatures[i].WriteTo(e);
        }
        ends[(int)Level.Publish] = e.Written.Length;
        if (level > Level.Publish)
        {
            e.WriteBytes([]);
            e.WriteString(tx.Publisher);
            e.WriteInt32(tx.PublisherSigs.Count);
            for (var i = 0; i < tx.PublisherSigs.Count; i++) tx.PublisherSigs[i].WriteTo(e);
        }
        ends[(int)Level.Full] = e.Written.Length;
    }
}
