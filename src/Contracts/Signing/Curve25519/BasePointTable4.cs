using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// Four fixed-base scalar multiplications side by side, one in each lane of <see cref="EdwardsPoint4"/>:
/// <see cref="BasePointTable"/>'s method and entries, held here in ten limbs a number. Each lane takes
/// its own entry by masks over all eight of a position, so the time depends on no scalar. Only with
/// <see cref="Avx2"/> (<see cref="FieldElement4.IsSupported"/>).
/// </summary>
internal static class BasePointTable4
{
    public const int Lanes = 4;

    /// <summary>y + x, y − x and 2d·x·y, ten limbs each.</summary>
    private const int EntryLimbs = 30;

    private static readonly ulong[] Table = Build();

    private static ulong[] Build()
    {
        var table = new ulong[BasePointTable.Positions * BasePointTable.PerPosition * EntryLimbs];
        for (var i = 0; i < BasePointTable.Positions; i++)
            for (var j = 0; j < BasePointTable.PerPosition; j++)
            {
                var entry = BasePointTable.Entry(i, j);
                var at = (i * BasePointTable.PerPosition + j) * EntryLimbs;
                FieldElement4.Limbs(entry.YPlusX).CopyTo(table, at);
                FieldElement4.Limbs(entry.YMinusX).CopyTo(table, at + 10);
                FieldElement4.Limbs(entry.XY2D).CopyTo(table, at + 20);
            }
        return table;
    }

    /// <summary>scalar·B for four 32-byte little-endian scalars below 2^255, one after the other in <paramref name="scalars"/>.</summary>
    public static void Multiply(ReadOnlySpan<byte> scalars, Span<EdwardsPoint> points)
    {
        if (scalars.Length != 32 * Lanes || points.Length != Lanes) throw new ArgumentException($"{Lanes} scalars of 32 bytes make {Lanes} points");
        Span<sbyte> digits = stackalloc sbyte[64 * Lanes];
        for (var lane = 0; lane < Lanes; lane++) BasePointTable.Recode(scalars.Slice(32 * lane, 32), digits.Slice(64 * lane, 64));
        var h = EdwardsPoint4.Identity;
        for (var i = 1; i < 64; i += 2)
        {
            Select(out var entry, i / 2, digits, i);
            EdwardsPoint4.AddAffine(out h, h, entry);
        }
        for (var k = 0; k < 4; k++) EdwardsPoint4.Double(out h, h);
        for (var i = 0; i < 64; i += 2)
        {
            Select(out var entry, i / 2, digits, i);
            EdwardsPoint4.AddAffine(out h, h, entry);
        }
        for (var lane = 0; lane < Lanes; lane++) points[lane] = h.Lane(lane);
        digits.Clear();
    }

    /// <summary>Each lane's digit·256^position·B (its digit at <paramref name="index"/>), reading every entry of the position.</summary>
    private static void Select(out AffinePoint4 r, int position, ReadOnlySpan<sbyte> digits, int index)
    {
        var digit = Vector256.Create((long)digits[index], digits[64 + index], digits[128 + index], digits[192 + index]);
        var negative = Avx2.CompareGreaterThan(Vector256<long>.Zero, digit).AsUInt64();
        var magnitude = (digit.AsUInt64() ^ negative) - negative;
        // The identity: y + x = 1, y − x = 1, 2d·x·y = 0.
        r = default;
        r.YPlusX.V0 = Vector256.Create(1UL);
        r.YMinusX.V0 = Vector256.Create(1UL);
        ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), position * BasePointTable.PerPosition * EntryLimbs);
        for (var j = 0; j < BasePointTable.PerPosition; j++)
        {
            var mask = Avx2.CompareEqual(magnitude, Vector256.Create((ulong)(j + 1)));
            ref var entry = ref Unsafe.Add(ref row, j * EntryLimbs);
            Blend(ref r.YPlusX, ref entry, mask);
            Blend(ref r.YMinusX, ref Unsafe.Add(ref entry, 10), mask);
            Blend(ref r.XY2D, ref Unsafe.Add(ref entry, 20), mask);
        }
        // −p: y + x and y − x trade places, and 2d·x·y changes sign.
        var plus = r.YPlusX;
        FieldElement4.Select(ref r.YPlusX, r.YMinusX, negative);
        FieldElement4.Select(ref r.YMinusX, plus, negative);
        FieldElement4.Sub(out var minus, default, r.XY2D);
        FieldElement4.Select(ref r.XY2D, minus, negative);
    }

    /// <summary>Ten limbs of one entry, the same in every lane, taken into the lanes where mask is all ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend(ref FieldElement4 r, ref ulong limbs, Vector256<ulong> mask)
    {
        r.V0 = Avx2.BlendVariable(r.V0, Vector256.Create(limbs), mask);
        r.V1 = Avx2.BlendVariable(r.V1, Vector256.Create(Unsafe.Add(ref limbs, 1)), mask);
        r.V2 = Avx2.BlendVariable(r.V2, Vector256.Create(Unsafe.Add(ref limbs, 2)), mask);
        r.V3 = Avx2.BlendVariable(r.V3, Vector256.Create(Unsafe.Add(ref limbs, 3)), mask);
        r.V4 = Avx2.BlendVariable(r.V4, Vector256.Create(Unsafe.Add(ref limbs, 4)), mask);
        r.V5 = Avx2.BlendVariable(r.V5, Vector256.Create(Unsafe.Add(ref limbs, 5)), mask);
        r.V6 = Avx2.BlendVariable(r.V6, Vector256.Create(Unsafe.Add(ref limbs, 6)), mask);
        r.V7 = Avx2.BlendVariable(r.V7, Vector256.Create(Unsafe.Add(ref limbs, 7)), mask);
        r.V8 = Avx2.BlendVariable(r.V8, Vector256.Create(Unsafe.Add(ref limbs, 8)), mask);
        r.V9 = Avx2.BlendVariable(r.V9, Vector256.Create(Unsafe.Add(ref limbs, 9)), mask);
    }
}
