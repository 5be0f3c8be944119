using System.Numerics;

namespace ActorVm.Contracts.Chain;

/// <summary>Base58 with Bitcoin's alphabet, as IOST uses for hashes and contract ids.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    // 58^5 fits in 32 bits: each pass of long division over the number yields five digits at once.
    private const uint FiveDigits = 58 * 58 * 58 * 58 * 58;

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        var value = data[zeros..];
        // The number as big-endian 32-bit limbs.
        Span<uint> limbs = stackalloc uint[(value.Length + 3) / 4];
        for (var i = 0; i < value.Length; i++)
        {
            var fromEnd = value.Length - 1 - i;
            limbs[limbs.Length - 1 - fromEnd / 4] |= (uint)value[i] << (8 * (fromEnd % 4));
        }
        Span<char> digits = stackalloc char[value.Length * 138 / 100 + 5];
        var count = 0;
        var first = 0;
        while (first < limbs.Length)
        {
            ulong remainder = 0;
            for (var i = first; i < limbs.Length; i++)
            {
                var current = (remainder << 32) | limbs[i];
                limbs[i] = (uint)(current / FiveDigits);
                remainder = current % FiveDigits;
            }
            for (var k = 0; k < 5; k++)
            {
                digits[count++] = Alphabet[(int)(remainder % 58)];
                remainder /= 58;
            }
            while (first < limbs.Length && limbs[first] == 0) first++;
        }
        // The last pass may leave zero digits above the most significant one.
        while (count > 0 && digits[count - 1] == Alphabet[0]) count--;
        Span<char> text = stackalloc char[zeros + count];
        text[..zeros].Fill(Alphabet[0]);
        for (var i = 0; i < count; i++) text[zeros + i] = digits[count - 1 - i];
        return new string(text);
    }

    /// <summary>Longest text decoded: 128 bytes' worth, far more than any key or hash (decoding grows with the square of the length).</summary>
    public const int MaxDecodedLength = 180;

    /// <summary>The bytes of base58 text, or null when it holds a character outside the alphabet or is longer than <see cref="MaxDecodedLength"/>.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length > MaxDecodedLength) return null;
        var value = BigInteger.Zero;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c);
            if (digit < 0) return null;
            value = value * 58 + digit;
        }
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == Alphabet[0]) zeros++;
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[zeros + body.Length];
        body.CopyTo(bytes, zeros);
        return bytes;
    }
}
