using System.Numerics;
using System.Text;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>The vectors of the Base58 encoding draft (draft-msporny-base58), Bitcoin's alphabet.</summary>
public sealed class Base58Tests
{
    [Theory]
    [InlineData("Hello World!", "2NEpo7TZRRrLZSi2U")]
    [InlineData("The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")]
    [InlineData("", "")]
    public void Text_encodes_to_the_published_vector(string text, string expected)
    {
        Assert.Equal(expected, Base58.Encode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Each_leading_zero_byte_becomes_a_one()
    {
        Assert.Equal("11233QC4", Base58.Encode([0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd]));
    }

    [Fact]
    public void Any_bytes_encode_as_their_number_in_base_58_after_a_one_per_leading_zero()
    {
        var random = new Random(58);
        for (var n = 0; n < 300; n++)
        {
            var bytes = new byte[random.Next(0, 41)];
            random.NextBytes(bytes);
            for (var z = random.Next(0, 3); z > 0 && z <= bytes.Length; z--) bytes[z - 1] = 0;

            Assert.Equal(Reference(bytes), Base58.Encode(bytes));
        }
    }

    // Base58 by definition: repeated division of the whole number by 58.
    private static string Reference(byte[] bytes)
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var text = "";
        while (value > 0)
        {
            text = alphabet[(int)(value % 58)] + text;
            value /= 58;
        }
        return new string('1', bytes.TakeWhile(b => b == 0).Count()) + text;
    }
}
