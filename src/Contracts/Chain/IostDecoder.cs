using System.Buffers.Binary;
using System.Text;

namespace ActorVm.Contracts.Chain;

/// <summary>
/// Reads what <see cref="IostEncoder"/> writes. Every read checks what is left first: bytes that end
/// early, a negative length or text that is not UTF-8 are an <see cref="InvalidDataException"/> naming it.
/// </summary>
internal ref struct IostDecoder(ReadOnlySpan<byte> bytes)
{
    private static readonly UTF8Encoding Strict = new(false, true);

    private ReadOnlySpan<byte> _rest = bytes;

    public byte ReadByte() => Take(1, "a byte")[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "an int32"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "an int64"));

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadInt32();
        if (length < 0) throw new InvalidDataException($"a byte string's length is negative ({length})");
        return Take(length, "a byte string");
    }

    public string ReadString()
    {
        try
        {
            return Strict.GetString(ReadBytes());
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("a string is not UTF-8");
        }
    }

    /// <summary>A list's count, which the bytes left could hold at <paramref name="leastBytesEach"/> each.</summary>
    public int ReadCount(int leastBytesEach)
    {
        var count = ReadInt32();
        if (count < 0 || count > _rest.Length / leastBytesEach) throw new InvalidDataException($"a list's count {count} does not fit the {_rest.Length} bytes left");
        return count;
    }

    public readonly void End()
    {
        if (!_rest.IsEmpty) throw new InvalidDataException($"{_rest.Length} bytes are left after the end");
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _rest.Length) throw new InvalidDataException($"the bytes end inside {what}");
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
