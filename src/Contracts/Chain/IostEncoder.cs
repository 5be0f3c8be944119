using System.Buffers;
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
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public void WriteByte(byte value) => _buffer.Write([value]);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        _buffer.Write(value);
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
        foreach (var v in values) WriteString(v);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    private Span<byte> Take(int count)
    {
        var span = _buffer.GetSpan(count)[..count];
        _buffer.Advance(count);
        return span;
    }
}
