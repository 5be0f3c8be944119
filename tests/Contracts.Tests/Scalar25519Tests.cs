using System.Numerics;
using ActorVm.Contracts.Signing.Curve25519;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>Arithmetic modulo ed25519's order against big integers, at random and at the edges of the reduction.</summary>
public sealed class Scalar25519Tests
{
    private static readonly BigInteger L = Scalar25519.Order;

    private static byte[] Bytes(BigInteger value, int length)
    {
        var bytes = new byte[length];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    private static BigInteger Number(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true);

    public static IEnumerable<object[]> WideEdges()
    {
        var max = (BigInteger.One << 512) - 1;
        foreach (var value in new[] { BigInteger.Zero, BigInteger.One, L - 1, L, L + 1, 2 * L - 1, 2 * L, 3 * L - 1, BigInteger.One << 252, (BigInteger.One << 256) - 1,
                     max, max - max % L, max - max % L - 1, (max / L) * L - L, BigInteger.One << 511 })
            yield return [value.ToString()];
    }

    [Theory]
    [MemberData(nameof(WideEdges))]
    public void A_wide_number_at_an_edge_reduces_as_big_integers_do(string value)
    {
        var x = BigInteger.Parse(value);
        var reduced = new byte[32];

        Scalar25519.Reduce(Bytes(x, 64), reduced);

        Assert.Equal(x % L, Number(reduced));
    }

    [Fact]
    public void Random_wide_numbers_reduce_as_big_integers_do()
    {
        var random = new Random(7);
        var wide = new byte[64];
        var reduced = new byte[32];
        for (var i = 0; i < 5_000; i++)
        {
            random.NextBytes(wide);
            // Some with their high limbs zero, where a division's length would change.
            if (i % 4 == 1) wide.AsSpan(32 + random.Next(32)).Clear();
            Scalar25519.Reduce(wide, reduced);
            Assert.Equal(Number(wide) % L, Number(reduced));
        }
    }

    [Fact]
    public void Multiply_add_is_k_times_a_plus_r_modulo_the_order()
    {
        var random = new Random(11);
        var result = new byte[32];
        var cases = new List<(BigInteger K, BigInteger A, BigInteger R)>
        {
            (L - 1, (BigInteger.One << 255) - 1, L - 1),
            (BigInteger.Zero, (BigInteger.One << 255) - 1, L - 1),
            (L - 1, BigInteger.Zero, BigInteger.Zero),
            (BigInteger.One, BigInteger.One, L - 1),
        };
        for (var i = 0; i < 2_000; i++)
        {
            var k = Number(RandomBytes(random)) % L;
            var a = Number(RandomBytes(random)) & ((BigInteger.One << 255) - 1);
            var r = Number(RandomBytes(random)) % L;
            cases.Add((k, a, r));
        }
        foreach (var (k, a, r) in cases)
        {
            Scalar25519.MultiplyAdd(Bytes(k, 32), Bytes(a, 32), Bytes(r, 32), result);
            Assert.Equal((k * a + r) % L, Number(result));
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }
}
