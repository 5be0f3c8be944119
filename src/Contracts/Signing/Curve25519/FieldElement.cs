using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// An element of GF(2^255 − 19) in five 51-bit limbs. Every operation leaves its limbs under
/// 2^51 + 2^14 (its inputs may be anything an operation left), so products fit 128 bits and the
/// final carry times 19 fits 64. The result may alias an input: inputs are read before it is written.
/// The arithmetic neither branches nor indexes on a value, so a secret's timing is not its content;
/// <see cref="IsZero"/> and <see cref="IsNegative"/> are for public values (a point's encoding).
/// </summary>
[SkipLocalsInit]
internal struct FieldElement
{
    private const ulong Mask = (1UL << 51) - 1;

    public ulong L0, L1, L2, L3, L4;

    public static readonly BigInteger Prime = (BigInteger.One << 255) - 19;

    public static FieldElement Zero => default;

    public static FieldElement One => new() { L0 = 1 };

    public static FieldElement From(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        BigInteger.Remainder(value % Prime + Prime, Prime).TryWriteBytes(bytes, out _, isUnsigned: true);
        return FromBytes(bytes);
    }

    /// <summary>The low 255 bits of 32 little-endian bytes (the top bit is not part of the number).</summary>
    public static FieldElement FromBytes(ReadOnlySpan<byte> bytes)
    {
        var s0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var s1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var s2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        var s3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
        return new FieldElement
        {
            L0 = s0 & Mask,
            L1 = ((s0 >> 51) | (s1 << 13)) & Mask,
            L2 = ((s1 >> 38) | (s2 << 26)) & Mask,
            L3 = ((s2 >> 25) | (s3 << 39)) & Mask,
            L4 = (s3 >> 12) & Mask,
        };
    }

    /// <summary>A number from five limbs that may each pass 51 bits (below 2^63), carried to this type's bounds.</summary>
    public static FieldElement FromLimbs(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        var r = new FieldElement { L0 = l0, L1 = l1, L2 = l2, L3 = l3, L4 = l4 };
        Carry(ref r);
        return r;
    }

    /// <summary>The canonical encoding: the number reduced below the prime, 32 bytes little-endian.</summary>
    public readonly void ToBytes(Span<byte> bytes)
    {
        var r = this;
        Carry(ref r);
        // q is 1 exactly when the value is at least the prime (it is below twice the prime here).
        var q = (r.L0 + 19) >> 51;
        q = (r.L1 + q) >> 51;
        q = (r.L2 + q) >> 51;
        q = (r.L3 + q) >> 51;
        q = (r.L4 + q) >> 51;
        // Adding 19·q and dropping 2^255 takes q·p away.
        r.L0 += 19 * q;
        Carry(ref r, topTimes: 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, r.L0 | (r.L1 << 51));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], (r.L1 >> 13) | (r.L2 << 38));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], (r.L2 >> 26) | (r.L3 << 25));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], (r.L3 >> 39) | (r.L4 << 12));
    }

    /// <summary>Whether the canonical encoding is odd: the "negative" of RFC 8032.</summary>
    public readonly bool IsNegative
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return (bytes[0] & 1) != 0;
        }
    }

    public readonly bool IsZero
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return bytes.IndexOfAnyExcept((byte)0) < 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        r.L0 = a.L0 + b.L0;
        r.L1 = a.L1 + b.L1;
        r.L2 = a.L2 + b.L2;
        r.L3 = a.L3 + b.L3;
        r.L4 = a.L4 + b.L4;
        Carry(ref r);
    }

    /// <summary>a − b, as a + 4p − b so that no limb goes below zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        r.L0 = a.L0 + 0x1FFFFFFFFFFFB4UL - b.L0;
        r.L1 = a.L1 + 0x1FFFFFFFFFFFFCUL - b.L1;
        r.L2 = a.L2 + 0x1FFFFFFFFFFFFCUL - b.L2;
        r.L3 = a.L3 + 0x1FFFFFFFFFFFFCUL - b.L3;
        r.L4 = a.L4 + 0x1FFFFFFFFFFFFCUL - b.L4;
        Carry(ref r);
    }

    public static void Negate(out FieldElement r, in FieldElement a) => Sub(out r, Zero, a);

    public static void Mul(out FieldElement r, in FieldElement a, in FieldElement b)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4;
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3, b4 = b.L4;
        // Column by column, each carried into the next as soon as it is summed: fewer values live at once.
        ulong lo = a0 * b0, hi = High(a0, b0);
        Add(ref lo, ref hi, a1, b4 * 19);
        Add(ref lo, ref hi, a2, b3 * 19);
        Add(ref lo, ref hi, a3, b2 * 19);
        Add(ref lo, ref hi, a4, b1 * 19);
        var r0 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0, b1);
        Add(ref lo, ref hi, a1, b0);
        Add(ref lo, ref hi, a2, b4 * 19);
        Add(ref lo, ref hi, a3, b3 * 19);
        Add(ref lo, ref hi, a4, b2 * 19);
        var r1 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0, b2);
        Add(ref lo, ref hi, a1, b1);
        Add(ref lo, ref hi, a2, b0);
        Add(ref lo, ref hi, a3, b4 * 19);
        Add(ref lo, ref hi, a4, b3 * 19);
        var r2 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0, b3);
        Add(ref lo, ref hi, a1, b2);
        Add(ref lo, ref hi, a2, b1);
        Add(ref lo, ref hi, a3, b0);
        Add(ref lo, ref hi, a4, b4 * 19);
        var r3 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0, b4);
        Add(ref lo, ref hi, a1, b3);
        Add(ref lo, ref hi, a2, b2);
        Add(ref lo, ref hi, a3, b1);
        Add(ref lo, ref hi, a4, b0);
        Finish(out r, r0, r1, r2, r3, lo, hi);
    }

    public static void Square(out FieldElement r, in FieldElement a)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4;
        ulong a3x19 = a3 * 19, a4x19 = a4 * 19;
        ulong lo = a0 * a0, hi = High(a0, a0);
        Add(ref lo, ref hi, a1 * 2, a4x19);
        Add(ref lo, ref hi, a2 * 2, a3x19);
        var r0 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0 * 2, a1);
        Add(ref lo, ref hi, a2 * 2, a4x19);
        Add(ref lo, ref hi, a3, a3x19);
        var r1 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0 * 2, a2);
        Add(ref lo, ref hi, a1, a1);
        Add(ref lo, ref hi, a3 * 2, a4x19);
        var r2 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0 * 2, a3);
        Add(ref lo, ref hi, a1 * 2, a2);
        Add(ref lo, ref hi, a4, a4x19);
        var r3 = Split(ref lo, ref hi);
        Add(ref lo, ref hi, a0 * 2, a4);
        Add(ref lo, ref hi, a1 * 2, a3);
        Add(ref lo, ref hi, a2, a2);
        Finish(out r, r0, r1, r2, r3, lo, hi);
    }

    /// <summary>a^(2^times): repeated squaring.</summary>
    public static void SquareTimes(out FieldElement r, in FieldElement a, int times)
    {
        Square(out r, a);
        for (var i = 1; i < times; i++) Square(out r, r);
    }

    /// <summary>1/a, as a^(p−2) (0 for 0).</summary>
    public static void Invert(out FieldElement r, in FieldElement a)
    {
        Pow2250(out var t, out var z11, a);
        SquareTimes(out t, t, 5);
        Mul(out r, t, z11);
    }

    /// <summary>a^((p−5)/8), the exponent of RFC 8032's square root.</summary>
    public static void Pow22523(out FieldElement r, in FieldElement a)
    {
        Pow2250(out var t, out _, a);
        SquareTimes(out t, t, 2);
        Mul(out r, t, a);
    }

    /// <summary>a^(2^250 − 1) and a^11: the chain shared by the inverse and the square root.</summary>
    private static void Pow2250(out FieldElement z2250, out FieldElement z11, in FieldElement a)
    {
        Square(out var z2, a);
        SquareTimes(out var t, z2, 2);
        Mul(out var z9, t, a);
        Mul(out z11, z9, z2);
        Square(out t, z11);
        Mul(out var z5, t, z9);
        SquareTimes(out t, z5, 5);
        Mul(out var z10, t, z5);
        SquareTimes(out t, z10, 10);
        Mul(out var z20, t, z10);
        SquareTimes(out t, z20, 20);
        Mul(out t, t, z20);
        SquareTimes(out t, t, 10);
        Mul(out var z50, t, z10);
        SquareTimes(out t, z50, 50);
        Mul(out var z100, t, z50);
        SquareTimes(out t, z100, 100);
        Mul(out t, t, z100);
        SquareTimes(out t, t, 50);
        Mul(out z2250, t, z50);
    }

    /// <summary>r = b when mask is all ones, r unchanged when it is zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Select(ref FieldElement r, in FieldElement b, ulong mask)
    {
        r.L0 ^= (r.L0 ^ b.L0) & mask;
        r.L1 ^= (r.L1 ^ b.L1) & mask;
        r.L2 ^= (r.L2 ^ b.L2) & mask;
        r.L3 ^= (r.L3 ^ b.L3) & mask;
        r.L4 ^= (r.L4 ^ b.L4) & mask;
    }

    /// <summary>
    /// The high half of a 64×64-bit product. The products are kept as two 64-bit halves in locals:
    /// through UInt128 (or an out parameter) the JIT kept them in memory, and a multiplication took 2.5x longer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong High(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>(hi, lo) += a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref ulong lo, ref ulong hi, ulong a, ulong b)
    {
        var low = a * b;
        lo += low;
        hi += High(a, b) + (lo < low ? 1UL : 0UL);
    }

    /// <summary>A column's low 51 bits; (hi, lo) becomes the carry into the next column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Split(ref ulong lo, ref ulong hi)
    {
        var limb = lo & Mask;
        lo = (lo >> 51) | (hi << 13);
        hi = 0;
        return limb;
    }

    /// <summary>The last column's 51 bits; its carry wraps to the first limb times 19 (2^255 = 19).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(out FieldElement r, ulong r0, ulong r1, ulong r2, ulong r3, ulong lo, ulong hi)
    {
        var r4 = lo & Mask;
        r0 += ((lo >> 51) | (hi << 13)) * 19;
        r1 += r0 >> 51;
        r0 &= Mask;
        r.L0 = r0;
        r.L1 = r1;
        r.L2 = r2;
        r.L3 = r3;
        r.L4 = r4;
    }

    /// <summary>Carries each limb into the next; what passes 2^255 comes back times 19 (2^255 = 19), or is dropped with 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(ref FieldElement r, ulong topTimes = 19)
    {
        r.L1 += r.L0 >> 51;
        r.L0 &= Mask;
        r.L2 += r.L1 >> 51;
        r.L1 &= Mask;
        r.L3 += r.L2 >> 51;
        r.L2 &= Mask;
        r.L4 += r.L3 >> 51;
        r.L3 &= Mask;
        r.L0 += (r.L4 >> 51) * topTimes;
        r.L4 &= Mask;
    }
}
