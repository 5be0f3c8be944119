using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ActorVm.Storage.State;

/// <summary>
/// The state root: SHA-256 chained over the previous root and a block's write set sorted by key,
/// so that two nodes that applied the same blocks agree byte for byte. Each key and value is its
/// UTF-8 length (4 bytes, big-endian) then its bytes; a presence byte (0 deleted, 1 written) comes
/// between a key and its value.
/// </summary>
public static class StateRoot
{
    public static readonly byte[] Genesis = new byte[32];

    // The encoding is gathered in a buffer and hashed a buffer at a time: appended field by field, a
    // block of 1,000 transfers made some ten thousand calls into the hash and two arrays per write.
    private const int BufferBytes = 64 * 1024;

    public static byte[] Next(byte[] previous, IEnumerable<KeyValuePair<string, string?>> writes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        // Write sets, the journal and the block cache already keep their writes in ordinal order.
        var sorted = writes is WriteSet || writes is SortedDictionary<string, string?> { Comparer: var c } && ReferenceEquals(c, StringComparer.Ordinal)
            ? writes
            : writes.OrderBy(w => w.Key, StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var used = 0;
            foreach (var (key, value) in sorted)
            {
                used = Field(hash, buffer, used, key);
                used = Byte(hash, buffer, used, value is null ? (byte)0 : (byte)1);
                if (value is not null) used = Field(hash, buffer, used, value);
            }
            hash.AppendData(buffer, 0, used);
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Byte(IncrementalHash hash, byte[] buffer, int used, byte value)
    {
        if (used == buffer.Length) used = Flush(hash, buffer, used);
        buffer[used] = value;
        return used + 1;
    }

    private static int Field(IncrementalHash hash, byte[] buffer, int used, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (buffer.Length - used < 4 + length) used = Flush(hash, buffer, used);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), length);
        used += 4;
        if (length <= buffer.Length - used) return used + Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
        // A value larger than the buffer (a deploy's code) is hashed on its own, after its length.
        Flush(hash, buffer, used);
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        return 0;
    }

    private static int Flush(IncrementalHash hash, byte[] buffer, int used)
    {
        hash.AppendData(buffer, 0, used);
        return 0;
    }
}
