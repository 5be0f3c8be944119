using System.Buffers.Binary;
using System.Text;

namespace ActorVm.Contracts.Chain;

/// <summary>
/// IOST's simple binary encoding, over which transactions and blocks are hashed and signed:
/// big-endian integers; strings and byte strings prefixed with their length as an int32; lists
/// prefixed with their count.
/// </summary>
public sealed class IostEncoder
{
    // A plain array grown by doubling: ArrayBufferWriter's growth and multi-segment writes were a
    // twentieth of a transaction's submission, which hashes it three times.
    private byte[] _bytes;
    private int _length;

    public IostEncoder(int capacity) => _bytes = new byte[capacity];

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(Take(value.Length));
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, Take(length));
    }

    public void WriteStrings(IReadOnlyList<string> values)
    {
        WriteInt32(values.Count);
        for (var i = 0; i < values.Count; i++) WriteString(values[i]);
    }

    /// <summary>
    /// Starts a byte string whose content is written next, in place (IOST encodes an action, an amount
    /// limit and a signature each as the byte string of its own encoding); <see cref="EndBytes"/> ends it.
    /// </summary>
    public int BeginBytes()
    {
        Take(4);
        return _length;
    }

    /// <summary>Writes the length of the byte string <see cref="BeginBytes"/> started.</summary>
    public void EndBytes(int start) => BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(start - 4, 4), _length - start);

    /// <summary>Empties the encoder, keeping its buffer.</summary>
    public void Clear() => _length = 0;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    /// <summary>Bytes the buffer holds, written or not.</summary>
    public int Capacity => _bytes.Length;

    private Span<byte> Take(int count)
    {
        if (_length + count > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        var span = _bytes.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
