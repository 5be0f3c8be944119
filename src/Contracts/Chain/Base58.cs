namespace ActorVm.Contracts.Chain;

/// <summary>Base58 with Bitcoin's alphabet, as IOST uses for hashes and contract ids.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        // Base-58 digits, least significant first: each input byte multiplies them by 256 and adds itself.
        Span<byte> digits = stackalloc byte[data.Length * 138 / 100 + 1];
        var length = 0;
        foreach (var b in data[zeros..])
        {
            int carry = b;
            for (var i = 0; i < length; i++)
            {
                carry += digits[i] << 8;
                digits[i] = (byte)(carry % 58);
                carry /= 58;
            }
            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }
        var text = new char[zeros + length];
        text.AsSpan(0, zeros).Fill('1');
        for (var i = 0; i < length; i++) text[zeros + i] = Alphabet[digits[length - 1 - i]];
        return new string(text);
    }
}
