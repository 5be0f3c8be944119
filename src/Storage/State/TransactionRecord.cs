using System.Buffers.Binary;
using System.Text;

namespace ActorVm.Storage.State;

/// <summary>
/// What the receipts family keeps under a committed transaction's hash: the height of its block, its
/// receipt and the transaction itself, in one value. One key a transaction instead of three (receipt,
/// transaction, block of the transaction): a block's commit time goes mostly into RocksDB's memtable
/// inserts, one per key.
/// </summary>
/// <remarks>Layout: height (8 bytes, big-endian), receipt length (4 bytes), receipt (UTF-8), then the transaction (UTF-8), absent when the length says so.</remarks>
public readonly record struct TransactionRecord(long Height, string Receipt, string? Transaction)
{
    private const int HeaderBytes = 8 + 4 + 1;

    public byte[] ToBytes()
    {
        var receiptBytes = Encoding.UTF8.GetByteCount(Receipt);
        var transactionBytes = Transaction is null ? 0 : Encoding.UTF8.GetByteCount(Transaction);
        var bytes = new byte[HeaderBytes + receiptBytes + transactionBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Height);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), receiptBytes);
        bytes[12] = Transaction is null ? (byte)0 : (byte)1;
        Encoding.UTF8.GetBytes(Receipt, bytes.AsSpan(HeaderBytes));
        if (Transaction is not null) Encoding.UTF8.GetBytes(Transaction, bytes.AsSpan(HeaderBytes + receiptBytes));
        return bytes;
    }

    /// <summary>The record, or an <see cref="InvalidDataException"/> naming what is wrong with the bytes.</summary>
    public static TransactionRecord Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes) throw new InvalidDataException($"a transaction record of {bytes.Length} bytes is shorter than its header");
        var receiptBytes = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        if (receiptBytes < 0 || receiptBytes > bytes.Length - HeaderBytes)
            throw new InvalidDataException($"a transaction record's receipt length {receiptBytes} does not fit its {bytes.Length} bytes");
        var rest = bytes[HeaderBytes..];
        return new TransactionRecord(BinaryPrimitives.ReadInt64BigEndian(bytes),
            Encoding.UTF8.GetString(rest[..receiptBytes]),
            bytes[12] == 0 ? null : Encoding.UTF8.GetString(rest[receiptBytes..]));
    }
}
