using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// Multiples of the base point for a fixed-base scalar multiplication: j·256^i·B for i below 32 and
/// j from 1 to 8, made once per process (about 260 inversions). A 256-bit scalar in 64 signed digits
/// from −8 to 8 then costs 64 additions from the table and 4 doublings, where a generic ladder costs
/// 255 of each. The entry is chosen by masks over all eight, so the time does not depend on the scalar.
/// </summary>
internal static class BasePointTable
{
    public const int Positions = 32;
    public const int PerPosition = 8;

    /// <summary>Each entry padded to 16 limbs (128 bytes): the selection reads it as four 256-bit vectors.</summary>
    private const int EntryLimbs = 16;

    private static readonly ulong[] Table = Build();

    private static ulong[] Build()
    {
        var table = new ulong[Positions * PerPosition * EntryLimbs];
        var power = EdwardsPoint.Base;
        for (var i = 0; i < Positions; i++)
        {
            var multiple = power;
            for (var j = 0; j < PerPosition; j++)
            {
                var affine = multiple.ToAffine();
                MemoryMarshal.Cast<AffinePoint, ulong>(new ReadOnlySpan<AffinePoint>(in affine)).CopyTo(table.AsSpan((i * PerPosition + j) * EntryLimbs));
                EdwardsPoint.Add(out multiple, multiple, power);
            }
            for (var k = 0; k < 8; k++) EdwardsPoint.Double(out power, power);
        }
        return table;
    }

    /// <summary>scalar·B for a 32-byte little-endian scalar below 2^255 (a clamped secret or a reduced one).</summary>
    public static EdwardsPoint Multiply(ReadOnlySpan<byte> scalar)
    {
        Span<sbyte> digits = stackalloc sbyte[64];
        Recode(scalar, digits);

        // The odd digits first, times 16, then the even ones: each pair shares a table position.
        var h = EdwardsPoint.Identity;
        for (var i = 1; i < 64; i += 2)
        {
            var entry = Select(i / 2, digits[i]);
            EdwardsPoint.AddAffine(out h, h, entry);
        }
        for (var k = 0; k < 4; k++) EdwardsPoint.Double(out h, h);
        for (var i = 0; i < 64; i += 2)
        {
            var entry = Select(i / 2, digits[i]);
            EdwardsPoint.AddAffine(out h, h, entry);
        }
        return h;
    }

    /// <summary>
    /// A scalar below 2^255 as 64 signed digits from −8 to 8 (radix 16: a = Σ e[i]·16^i); digits i and
    /// i + 1 share table position i / 2, the odd one taken 16 times by four doublings.
    /// </summary>
    public static void Recode(ReadOnlySpan<byte> scalar, Span<sbyte> digits)
    {
        if (scalar.Length != 32 || scalar[31] > 127) throw new ArgumentException("a base-point scalar has 32 bytes and is below 2^255", nameof(scalar));
        for (var i = 0; i < 32; i++)
        {
            digits[2 * i] = (sbyte)(scalar[i] & 15);
            digits[2 * i + 1] = (sbyte)(scalar[i] >> 4);
        }
        var carry = 0;
        for (var i = 0; i < 63; i++)
        {
            var digit = digits[i] + carry;
            carry = (digit + 8) >> 4;
            digits[i] = (sbyte)(digit - (carry << 4));
        }
        digits[63] = (sbyte)(digits[63] + carry);
    }

    /// <summary>(j + 1)·256^position·B, for j below 8, in affine form.</summary>
    public static AffinePoint Entry(int position, int j) =>
        MemoryMarshal.Read<AffinePoint>(MemoryMarshal.AsBytes(Table.AsSpan((position * PerPosition + j) * EntryLimbs, EntryLimbs)));

    /// <summary>digit·256^position·B from the table, reading every entry of the position.</summary>
    private static AffinePoint Select(int position, sbyte digit)
    {
        var negative = (ulong)(long)digit >> 63;
        var magnitude = (ulong)((digit ^ -(long)negative) + (long)negative);
        var one = Vector256.Create(1UL, 0, 0, 0);
        // The identity: y + x = 1, y − x = 1, 2d·x·y = 0 (limbs 0, 5 and 10 hold the low limbs).
        var v0 = one;
        var v1 = Vector256.Create(0UL, 1, 0, 0);
        var v2 = Vector256<ulong>.Zero;
        var v3 = Vector256<ulong>.Zero;
        ref var row = ref MemoryMarshal.GetArrayDataReference(Table);
        row = ref Unsafe.Add(ref row, position * PerPosition * EntryLimbs);
        for (var j = 0; j < PerPosition; j++)
        {
            // All ones when magnitude == j + 1, without a branch on it.
            var mask = Vector256.Create(0UL - (((magnitude ^ (ulong)(j + 1)) - 1) >> 63));
            ref var entry = ref Unsafe.Add(ref row, j * EntryLimbs);
            v0 = Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref entry), v0);
            v1 = Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref entry, 4), v1);
            v2 = Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref entry, 8), v2);
            v3 = Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref entry, 12), v3);
        }
        Span<ulong> limbs = stackalloc ulong[EntryLimbs];
        v0.CopyTo(limbs);
        v1.CopyTo(limbs[4..]);
        v2.CopyTo(limbs[8..]);
        v3.CopyTo(limbs[12..]);
        var chosen = MemoryMarshal.Read<AffinePoint>(MemoryMarshal.AsBytes(limbs));
        AffinePoint.Select(ref chosen, chosen.Negated(), 0UL - negative);
        return chosen;
    }
}
