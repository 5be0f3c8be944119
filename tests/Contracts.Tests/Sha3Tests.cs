using System.Security.Cryptography;
using System.Text;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>IOST's hash, computed in managed code: FIPS 202's examples and the platform's SHA3-256.</summary>
public sealed class Sha3Tests
{
    [Theory]
    [InlineData("", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [InlineData("abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376")]
    public void Text_hashes_to_the_published_vector(string text, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sha3.Hash256(Encoding.ASCII.GetBytes(text))));
    }

    [Fact]
    public void Every_length_across_several_blocks_hashes_as_the_platform_does()
    {
        // Lengths at and around each multiple of the 136-byte rate are where padding goes wrong.
        var random = new Random(7);
        for (var length = 0; length <= 3 * 136 + 1; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA3_256.HashData(data), Sha3.Hash256(data));
        }
    }

    [Fact]
    public void A_destination_gets_the_hash_in_its_first_32_bytes_and_one_too_short_is_refused()
    {
        var data = Encoding.ASCII.GetBytes("abc");
        var destination = new byte[40];
        Sha3.Hash256(data, destination);
        Assert.Equal(SHA3_256.HashData(data), destination[..32]);
        Assert.All(destination[32..], b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => Sha3.Hash256(data, new byte[31]));
    }

    [Fact]
    public void Prefixes_hashed_together_hash_as_each_would_alone()
    {
        var data = new byte[3 * 136 + 7];
        new Random(11).NextBytes(data);
        int[][] cases = [[0], [0, 0, 0], [135, 136, 137], [1, 272, 415], [136, 136, 415], [100, 200, 300]];
        foreach (var lengths in cases)
        {
            var hashes = new byte[32 * lengths.Length];
            Sha3.Hash256Prefixes(data, lengths, hashes);
            for (var i = 0; i < lengths.Length; i++)
                Assert.Equal(SHA3_256.HashData(data.AsSpan(0, lengths[i])), hashes[(32 * i)..(32 * i + 32)]);
        }
    }

    [Fact]
    public void Prefix_lengths_that_fall_behind_what_was_absorbed_or_pass_the_end_are_refused()
    {
        var data = new byte[300];
        Assert.Throws<ArgumentException>(() => Sha3.Hash256Prefixes(data, [300, 100], new byte[64]));
        Assert.Throws<ArgumentException>(() => Sha3.Hash256Prefixes(data, [301], new byte[32]));
        Assert.Throws<ArgumentException>(() => Sha3.Hash256Prefixes(data, [100, 200], new byte[63]));
    }
}
