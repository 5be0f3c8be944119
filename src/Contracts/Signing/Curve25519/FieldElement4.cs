using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// Four elements of GF(2^255 − 19), one in each 64-bit lane, in ten limbs of 26 and 25 bits alternately
/// (limb i weighs 2^⌈25.5·i⌉): AVX2 multiplies four 32-bit numbers into four 64-bit products at once,
/// where it has no 64×64-bit product. Several signatures' base-point multiplications run side by side
/// in the lanes (<see cref="BasePointTable4"/>). Every operation carries its result, leaving even limbs
/// under 2^26 and odd ones under 2^25 + 2^17, which keeps each product's 19·b within 32 bits and each
/// column's sum within 64. No operation branches or indexes on a value. Only with <see cref="Avx2"/>.
/// </summary>
[SkipLocalsInit]
internal struct FieldElement4
{
    public Vector256<ulong> V0, V1, V2, V3, V4, V5, V6, V7, V8, V9;

    private static Vector256<ulong> Mask26 => Vector256.Create((1UL << 26) - 1);
    private static Vector256<ulong> Mask25 => Vector256.Create((1UL << 25) - 1);

    /// <summary>2p in this radix: added before a subtraction, so that no limb goes below zero.</summary>
    private static Vector256<ulong> TwoP0 => Vector256.Create(2 * ((1UL << 26) - 19));
    private static Vector256<ulong> TwoPEven => Vector256.Create(2 * ((1UL << 26) - 1));
    private static Vector256<ulong> TwoPOdd => Vector256.Create(2 * ((1UL << 25) - 1));

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>The same number in every lane.</summary>
    public static FieldElement4 Broadcast(in FieldElement value)
    {
        var limbs = Limbs(value);
        return new FieldElement4
        {
            V0 = Vector256.Create(limbs[0]), V1 = Vector256.Create(limbs[1]), V2 = Vector256.Create(limbs[2]),
            V3 = Vector256.Create(limbs[3]), V4 = Vector256.Create(limbs[4]), V5 = Vector256.Create(limbs[5]),
            V6 = Vector256.Create(limbs[6]), V7 = Vector256.Create(limbs[7]), V8 = Vector256.Create(limbs[8]),
            V9 = Vector256.Create(limbs[9]),
        };
    }

    /// <summary>A number's ten limbs, each within its width (from its canonical encoding).</summary>
    public static ulong[] Limbs(in FieldElement value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.ToBytes(bytes);
        var limbs = new ulong[10];
        var offset = 0;
        for (var i = 0; i < 10; i++)
        {
            var width = i % 2 == 0 ? 26 : 25;
            for (var bit = 0; bit < width; bit++)
                limbs[i] |= (ulong)((bytes[(offset + bit) / 8] >> ((offset + bit) % 8)) & 1) << bit;
            offset += width;
        }
        return limbs;
    }

    /// <summary>The number in one lane, as a <see cref="FieldElement"/> (two limbs of 26 and 25 bits make one of 51).</summary>
    public readonly FieldElement Lane(int lane) => FieldElement.FromLimbs(
        V0.GetElement(lane) + (V1.GetElement(lane) << 26),
        V2.GetElement(lane) + (V3.GetElement(lane) << 26),
        V4.GetElement(lane) + (V5.GetElement(lane) << 26),
        V6.GetElement(lane) + (V7.GetElement(lane) << 26),
        V8.GetElement(lane) + (V9.GetElement(lane) << 26));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(out FieldElement4 r, in FieldElement4 a, in FieldElement4 b)
    {
        var h0 = a.V0 + b.V0;
        var h1 = a.V1 + b.V1;
        var h2 = a.V2 + b.V2;
        var h3 = a.V3 + b.V3;
        var h4 = a.V4 + b.V4;
        var h5 = a.V5 + b.V5;
        var h6 = a.V6 + b.V6;
        var h7 = a.V7 + b.V7;
        var h8 = a.V8 + b.V8;
        var h9 = a.V9 + b.V9;
        Carry(out r, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /// <summary>a − b, as a + 2p − b: b's limbs are under 2p's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(out FieldElement4 r, in FieldElement4 a, in FieldElement4 b)
    {
        var h0 = a.V0 + TwoP0 - b.V0;
        var h1 = a.V1 + TwoPOdd - b.V1;
        var h2 = a.V2 + TwoPEven - b.V2;
        var h3 = a.V3 + TwoPOdd - b.V3;
        var h4 = a.V4 + TwoPEven - b.V4;
        var h5 = a.V5 + TwoPOdd - b.V5;
        var h6 = a.V6 + TwoPEven - b.V6;
        var h7 = a.V7 + TwoPOdd - b.V7;
        var h8 = a.V8 + TwoPEven - b.V8;
        var h9 = a.V9 + TwoPOdd - b.V9;
        Carry(out r, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /// <summary>r = b in the lanes where mask is all ones; the other lanes unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Select(ref FieldElement4 r, in FieldElement4 b, Vector256<ulong> mask)
    {
        r.V0 = Avx2.BlendVariable(r.V0, b.V0, mask);
        r.V1 = Avx2.BlendVariable(r.V1, b.V1, mask);
        r.V2 = Avx2.BlendVariable(r.V2, b.V2, mask);
        r.V3 = Avx2.BlendVariable(r.V3, b.V3, mask);
        r.V4 = Avx2.BlendVariable(r.V4, b.V4, mask);
        r.V5 = Avx2.BlendVariable(r.V5, b.V5, mask);
        r.V6 = Avx2.BlendVariable(r.V6, b.V6, mask);
        r.V7 = Avx2.BlendVariable(r.V7, b.V7, mask);
        r.V8 = Avx2.BlendVariable(r.V8, b.V8, mask);
        r.V9 = Avx2.BlendVariable(r.V9, b.V9, mask);
    }

    /// <summary>The low 32 bits of each lane of a times those of b, as 64-bit products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> M(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Multiply(a.AsUInt32(), b.AsUInt32());

    /// <summary>
    /// Schoolbook: limb products whose weights pass 2^255 come back times 19, and two odd limbs' product
    /// times 2 (their weights' exponents round up twice).
    /// </summary>
    public static void Mul(out FieldElement4 r, in FieldElement4 a, in FieldElement4 b)
    {
        // Row by row (each limb of a times all of b): ten sums and one limb of a live at once, which fit
        // the sixteen vector registers; column by column, the JIT spilled each sum after every product.
        var nineteen = Vector256.Create(19UL);
        var b19 = new FieldElement4
        {
            V1 = M(b.V1, nineteen), V2 = M(b.V2, nineteen), V3 = M(b.V3, nineteen), V4 = M(b.V4, nineteen), V5 = M(b.V5, nineteen),
            V6 = M(b.V6, nineteen), V7 = M(b.V7, nineteen), V8 = M(b.V8, nineteen), V9 = M(b.V9, nineteen),
        };
        var a0 = a.V0;
        var h0 = M(a0, b.V0);
        var h1 = M(a0, b.V1);
        var h2 = M(a0, b.V2);
        var h3 = M(a0, b.V3);
        var h4 = M(a0, b.V4);
        var h5 = M(a0, b.V5);
        var h6 = M(a0, b.V6);
        var h7 = M(a0, b.V7);
        var h8 = M(a0, b.V8);
        var h9 = M(a0, b.V9);
        var a1 = a.V1;
        var a1x2 = a1 + a1;
        h0 += M(a1x2, b19.V9);
        h1 += M(a1, b.V0);
        h2 += M(a1x2, b.V1);
        h3 += M(a1, b.V2);
        h4 += M(a1x2, b.V3);
        h5 += M(a1, b.V4);
        h6 += M(a1x2, b.V5);
        h7 += M(a1, b.V6);
        h8 += M(a1x2, b.V7);
        h9 += M(a1, b.V8);
        var a2 = a.V2;
        h0 += M(a2, b19.V8);
        h1 += M(a2, b19.V9);
        h2 += M(a2, b.V0);
        h3 += M(a2, b.V1);
        h4 += M(a2, b.V2);
        h5 += M(a2, b.V3);
        h6 += M(a2, b.V4);
        h7 += M(a2, b.V5);
        h8 += M(a2, b.V6);
        h9 += M(a2, b.V7);
        var a3 = a.V3;
        var a3x2 = a3 + a3;
        h0 += M(a3x2, b19.V7);
        h1 += M(a3, b19.V8);
        h2 += M(a3x2, b19.V9);
        h3 += M(a3, b.V0);
        h4 += M(a3x2, b.V1);
        h5 += M(a3, b.V2);
        h6 += M(a3x2, b.V3);
        h7 += M(a3, b.V4);
        h8 += M(a3x2, b.V5);
        h9 += M(a3, b.V6);
        var a4 = a.V4;
        h0 += M(a4, b19.V6);
        h1 += M(a4, b19.V7);
        h2 += M(a4, b19.V8);
        h3 += M(a4, b19.V9);
        h4 += M(a4, b.V0);
        h5 += M(a4, b.V1);
        h6 += M(a4, b.V2);
        h7 += M(a4, b.V3);
        h8 += M(a4, b.V4);
        h9 += M(a4, b.V5);
        var a5 = a.V5;
        var a5x2 = a5 + a5;
        h0 += M(a5x2, b19.V5);
        h1 += M(a5, b19.V6);
        h2 += M(a5x2, b19.V7);
        h3 += M(a5, b19.V8);
        h4 += M(a5x2, b19.V9);
        h5 += M(a5, b.V0);
        h6 += M(a5x2, b.V1);
        h7 += M(a5, b.V2);
        h8 += M(a5x2, b.V3);
        h9 += M(a5, b.V4);
        var a6 = a.V6;
        h0 += M(a6, b19.V4);
        h1 += M(a6, b19.V5);
        h2 += M(a6, b19.V6);
        h3 += M(a6, b19.V7);
        h4 += M(a6, b19.V8);
        h5 += M(a6, b19.V9);
        h6 += M(a6, b.V0);
        h7 += M(a6, b.V1);
        h8 += M(a6, b.V2);
        h9 += M(a6, b.V3);
        var a7 = a.V7;
        var a7x2 = a7 + a7;
        h0 += M(a7x2, b19.V3);
        h1 += M(a7, b19.V4);
        h2 += M(a7x2, b19.V5);
        h3 += M(a7, b19.V6);
        h4 += M(a7x2, b19.V7);
        h5 += M(a7, b19.V8);
        h6 += M(a7x2, b19.V9);
        h7 += M(a7, b.V0);
        h8 += M(a7x2, b.V1);
        h9 += M(a7, b.V2);
        var a8 = a.V8;
        h0 += M(a8, b19.V2);
        h1 += M(a8, b19.V3);
        h2 += M(a8, b19.V4);
        h3 += M(a8, b19.V5);
        h4 += M(a8, b19.V6);
        h5 += M(a8, b19.V7);
        h6 += M(a8, b19.V8);
        h7 += M(a8, b19.V9);
        h8 += M(a8, b.V0);
        h9 += M(a8, b.V1);
        var a9 = a.V9;
        var a9x2 = a9 + a9;
        h0 += M(a9x2, b19.V1);
        h1 += M(a9, b19.V2);
        h2 += M(a9x2, b19.V3);
        h3 += M(a9, b19.V4);
        h4 += M(a9x2, b19.V5);
        h5 += M(a9, b19.V6);
        h6 += M(a9x2, b19.V7);
        h7 += M(a9, b19.V8);
        h8 += M(a9x2, b19.V9);
        h9 += M(a9, b.V0);
        Carry(out r, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /// <summary>
    /// Each limb's excess into the next, in two interleaved chains; the top limb's comes back to the first
    /// times 19 (2^255 = 19), by shifts, as it may pass 32 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(out FieldElement4 r, Vector256<ulong> h0, Vector256<ulong> h1, Vector256<ulong> h2, Vector256<ulong> h3, Vector256<ulong> h4,
        Vector256<ulong> h5, Vector256<ulong> h6, Vector256<ulong> h7, Vector256<ulong> h8, Vector256<ulong> h9)
    {
        var mask26 = Mask26;
        var mask25 = Mask25;
        h1 += h0 >>> 26; h0 &= mask26;
        h5 += h4 >>> 26; h4 &= mask26;
        h2 += h1 >>> 25; h1 &= mask25;
        h6 += h5 >>> 25; h5 &= mask25;
        h3 += h2 >>> 26; h2 &= mask26;
        h7 += h6 >>> 26; h6 &= mask26;
        h4 += h3 >>> 25; h3 &= mask25;
        h8 += h7 >>> 25; h7 &= mask25;
        h5 += h4 >>> 26; h4 &= mask26;
        h9 += h8 >>> 26; h8 &= mask26;
        var top = h9 >>> 25;
        h9 &= mask25;
        h0 += (top << 4) + (top << 1) + top;
        h1 += h0 >>> 26; h0 &= mask26;
        r.V0 = h0; r.V1 = h1; r.V2 = h2; r.V3 = h3; r.V4 = h4;
        r.V5 = h5; r.V6 = h6; r.V7 = h7; r.V8 = h8; r.V9 = h9;
    }
}
