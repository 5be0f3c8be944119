using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorVm.Storage.State;

/// <summary>
/// What the receipts family keeps under a committed transaction's hash: the height of its block, its
/// receipt and the transaction itself, in one value. One key a transaction instead of three (receipt,
/// transaction, block of the transaction): a block's commit time goes mostly into RocksDB's memtable
/// inserts, one per key.
/// </summary>
/// <remarks>
/// Layout: height (8 bytes, big-endian), receipt length (4 bytes), the transaction's form (1 byte: 0
/// when it is not kept, else a <see cref="TransactionForm"/>), the receipt (UTF-8), then the transaction.
/// </remarks>
public readonly record struct TransactionRecord(long Height, string Receipt, KeptTransaction? Transaction)
{
    private const int HeaderBytes = 8 + 4 + 1;

    public byte[] ToBytes() =>
        Encode(new ArrayBufferWriter<byte>(), Height, Utf8(Receipt), Transaction is null ? null : Kept(Transaction)).ToArray();

    /// <summary>A writer of a kept transaction's bytes and its form, for <see cref="Encode"/>.</summary>
    public static (TransactionForm, Action<IBufferWriter<byte>>) Kept(KeptTransaction transaction) =>
        (transaction.Form, output => output.Write(transaction.Bytes));

    /// <summary>A writer of <paramref name="text"/> as UTF-8, for <see cref="Encode"/>.</summary>
    public static Action<IBufferWriter<byte>> Utf8(string text) => output => Encoding.UTF8.GetBytes(text, output);

    /// <summary>
    /// A record's bytes, written into <paramref name="buffer"/> (emptied first) by functions that write
    /// the receipt's UTF-8 text and the transaction in its form, so that a block's writer copies neither.
    /// </summary>
    public static ReadOnlySpan<byte> Encode(ArrayBufferWriter<byte> buffer, long height, Action<IBufferWriter<byte>> writeReceipt,
        (TransactionForm Form, Action<IBufferWriter<byte>> Write)? transaction)
    {
        buffer.ResetWrittenCount();
        var header = buffer.GetSpan(HeaderBytes)[..HeaderBytes];
        header.Clear();
        BinaryPrimitives.WriteInt64BigEndian(header, height);
        header[12] = transaction is { } kept ? (byte)kept.Form : (byte)0;
        buffer.Advance(HeaderBytes);
        writeReceipt(buffer);
        var receiptBytes = buffer.WrittenCount - HeaderBytes;
        transaction?.Write(buffer);
        var written = MemoryMarshal.AsMemory(buffer.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32BigEndian(written[8..], receiptBytes);
        return written;
    }

    /// <summary>The record, or an <see cref="InvalidDataException"/> naming what is wrong with the bytes.</summary>
    public static TransactionRecord Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes) throw new InvalidDataException($"a transaction record of {bytes.Length} bytes is shorter than its header");
        var receiptBytes = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        if (receiptBytes < 0 || receiptBytes > bytes.Length - HeaderBytes)
            throw new InvalidDataException($"a transaction record's receipt length {receiptBytes} does not fit its {bytes.Length} bytes");
        var form = bytes[12];
        if (form != 0 && !Enum.IsDefined((TransactionForm)form))
            throw new InvalidDataException($"a transaction record's transaction form {form} is unknown");
        var rest = bytes[HeaderBytes..];
        return new TransactionRecord(BinaryPrimitives.ReadInt64BigEndian(bytes),
            Encoding.UTF8.GetString(rest[..receiptBytes]),
            form == 0 ? null : new KeptTransaction((TransactionForm)form, rest[receiptBytes..].ToArray()));
    }
}
