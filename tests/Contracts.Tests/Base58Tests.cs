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
}
