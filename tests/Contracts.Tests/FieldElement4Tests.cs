using System.Numerics;
using System.Runtime.Intrinsics;
using ActorVm.Contracts.Signing.Curve25519;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// The four-lane field and base-point multiplication against big integers and against the one-lane code
/// they stand in for, with each lane holding a different value and limbs at the largest an operation leaves.
/// </summary>
public sealed class FieldElement4Tests
{
    private static readonly BigInteger P = FieldElement.Prime;
    private static readonly int[] Offsets = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230];

    /// <summary>Even limbs under 2^26 and odd ones under 2^25 + 2^17: what every operation promises to leave.</summary>
    private static readonly ulong[] Largest = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? (1UL << 26) - 1 : (1UL << 25) + (1UL << 17) - 1).ToArray();

    private static readonly BigInteger[] Edges =
    [
        0, 1, 2, 19, P - 1, P - 2, (P - 1) / 2, (BigInteger.One << 26) - 1, BigInteger.One << 26, (BigInteger.One << 51) - 1,
        BigInteger.One << 128, (BigInteger.One << 254) + 12345, P - (BigInteger.One << 200),
    ];

    private static ulong[] LimbsOf(BigInteger value) => FieldElement4.Limbs(FieldElement.From(value));

    private static FieldElement4 Lanes(ulong[] l0, ulong[] l1, ulong[] l2, ulong[] l3)
    {
        Vector256<ulong> V(int i) => Vector256.Create(l0[i], l1[i], l2[i], l3[i]);
        return new FieldElement4 { V0 = V(0), V1 = V(1), V2 = V(2), V3 = V(3), V4 = V(4), V5 = V(5), V6 = V(6), V7 = V(7), V8 = V(8), V9 = V(9) };
    }

    /// <summary>A lane's number read from its raw limbs, not through the conversion under test.</summary>
    private static BigInteger Number(in FieldElement4 x, int lane)
    {
        Vector256<ulong>[] limbs = [x.V0, x.V1, x.V2, x.V3, x.V4, x.V5, x.V6, x.V7, x.V8, x.V9];
        var value = BigInteger.Zero;
        for (var i = 0; i < 10; i++) value += new BigInteger(limbs[i].GetElement(lane)) << Offsets[i];
        return value % P;
    }

    private static void AssertWithinBounds(in FieldElement4 x)
    {
        Vector256<ulong>[] limbs = [x.V0, x.V1, x.V2, x.V3, x.V4, x.V5, x.V6, x.V7, x.V8, x.V9];
        for (var i = 0; i < 10; i++)
            for (var lane = 0; lane < 4; lane++)
                Assert.True(limbs[i].GetElement(lane) <= Largest[i], $"limb {i} of lane {lane} is {limbs[i].GetElement(lane)}");
    }

    private static BigInteger Mod(BigInteger value) => (value % P + P) % P;

    [Avx2Fact]
    public void Each_lane_multiplies_adds_and_subtracts_its_own_numbers_modulo_the_prime()
    {
        foreach (var a in Edges)
            for (var k = 0; k < Edges.Length; k += 4)
            {
                // Lane i pairs a with the next edges, and the last lane with limbs at their largest.
                var others = Enumerable.Range(0, 3).Select(i => Edges[(k + i) % Edges.Length]).ToArray();
                var x = Lanes(LimbsOf(a), LimbsOf(a), LimbsOf(a), Largest);
                var y = Lanes(LimbsOf(others[0]), LimbsOf(others[1]), LimbsOf(others[2]), Largest);
                FieldElement4.Mul(out var product, x, y);
                FieldElement4.Add(out var sum, x, y);
                FieldElement4.Sub(out var difference, x, y);
                for (var lane = 0; lane < 4; lane++)
                {
                    var (u, v) = (Number(x, lane), Number(y, lane));
                    Assert.Equal(Mod(u * v), Number(product, lane));
                    Assert.Equal(Mod(u + v), Number(sum, lane));
                    Assert.Equal(Mod(u - v), Number(difference, lane));
                }
                AssertWithinBounds(product);
                AssertWithinBounds(sum);
                AssertWithinBounds(difference);
            }
    }

    [Avx2Fact]
    public void A_lane_read_out_is_the_same_number_in_the_one_lane_field()
    {
        var x = Lanes(LimbsOf(P - 1), LimbsOf(0), LimbsOf((BigInteger.One << 254) + 7), Largest);
        for (var lane = 0; lane < 4; lane++)
        {
            var bytes = new byte[32];
            x.Lane(lane).ToBytes(bytes);
            Assert.Equal(Number(x, lane), new BigInteger(bytes, isUnsigned: true));
        }
    }

    [Avx2Fact]
    public void Long_chains_of_operations_stay_exact_in_every_lane()
    {
        var random = new Random(25519);
        BigInteger RandomValue() => new BigInteger(Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)).ToArray(), isUnsigned: true) % P;
        var a = Enumerable.Range(0, 4).Select(_ => RandomValue()).ToArray();
        var b = Enumerable.Range(0, 4).Select(_ => RandomValue()).ToArray();
        var x = Lanes(LimbsOf(a[0]), LimbsOf(a[1]), LimbsOf(a[2]), LimbsOf(a[3]));
        var y = Lanes(LimbsOf(b[0]), LimbsOf(b[1]), LimbsOf(b[2]), LimbsOf(b[3]));
        for (var i = 0; i < 1_000; i++)
        {
            FieldElement4.Sub(out var d, x, y);
            FieldElement4.Add(out var s, d, x);
            FieldElement4.Mul(out x, s, y);
            FieldElement4.Mul(out y, d, d);
            for (var lane = 0; lane < 4; lane++)
            {
                var nd = Mod(a[lane] - b[lane]);
                a[lane] = (nd + a[lane]) * b[lane] % P;
                b[lane] = nd * nd % P;
            }
        }
        for (var lane = 0; lane < 4; lane++)
        {
            Assert.Equal(a[lane], Number(x, lane));
            Assert.Equal(b[lane], Number(y, lane));
        }
    }

    [Avx2Fact]
    public void Four_base_point_multiplications_side_by_side_equal_four_made_one_by_one()
    {
        var random = new Random(8032);
        var order = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493");
        BigInteger[] edges = [0, 1, 2, 8, 15, 16, order - 1, order, (BigInteger.One << 255) - 1, BigInteger.One << 254, (BigInteger.One << 128) - 1];
        var scalars = edges.Select(e => Bytes(e)).ToList();
        for (var i = 0; i < 41; i++)
        {
            var s = new byte[32];
            random.NextBytes(s);
            s[31] &= 127;
            scalars.Add(s);
        }
        Span<EdwardsPoint> four = new EdwardsPoint[4];
        for (var k = 0; k < scalars.Count; k += 4)
        {
            var group = Enumerable.Range(k, 4).Select(i => scalars[i % scalars.Count]).ToArray();
            BasePointTable4.Multiply(group.SelectMany(s => s).ToArray(), four);
            for (var lane = 0; lane < 4; lane++)
            {
                var expected = new byte[32];
                var actual = new byte[32];
                BasePointTable.Multiply(group[lane]).Encode(expected);
                four[lane].Encode(actual);
                Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
            }
        }
    }

    private static byte[] Bytes(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }
}

/// <summary>A fact that needs AVX2, skipped (and saying so) on a processor without it.</summary>
public sealed class Avx2FactAttribute : FactAttribute
{
    public Avx2FactAttribute()
    {
        if (!FieldElement4.IsSupported) Skip = "the processor has no AVX2, which the four-lane field needs";
    }
}
