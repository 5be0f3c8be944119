using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ActorVm.Storage.State;

/// <summary>
/// The state root: SHA-256 chained over the previous root and a block's write set sorted by key,
/// so that two nodes that applied the same blocks agree byte for byte.
/// </summary>
public static class StateRoot
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Next(byte[] previous, IEnumerable<KeyValuePair<string, string?>> writes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        // Write sets, the journal and the block cache already keep their writes in ordinal order.
        var sorted = writes is WriteSet || writes is SortedDictionary<string, string?> { Comparer: var c } && ReferenceEquals(c, StringComparer.Ordinal)
            ? writes
            : writes.OrderBy(w => w.Key, StringComparer.Ordinal);
        foreach (var (key, value) in sorted)
        {
            AppendField(hash, key);
            hash.AppendData(value is null ? [0] : [1]);
            if (value is not null) AppendField(hash, value);
        }
        return hash.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
