using System.Buffers.Binary;
using System.Numerics;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// Arithmetic modulo the order L of the base point, on the signature's secret values (the nonce and
/// the secret scalar): fixed-size 64-bit limbs, loops of fixed length and selections by mask, so that
/// the time does not depend on the values. BigInteger's division took time that did.
/// Barrett reduction (Menezes, van Oorschot and Vanstone, Handbook of Applied Cryptography, 14.42)
/// with base 2^64 and L in four limbs.
/// </summary>
internal static class Scalar25519
{
    public static readonly BigInteger Order = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    private static readonly ulong[] L = Limbs(Order, 5);

    /// <summary>floor(2^512 / L), five limbs.</summary>
    private static readonly ulong[] Mu = Limbs((BigInteger.One << 512) / Order, 5);

    private static ulong[] Limbs(BigInteger value, int count)
    {
        var bytes = new byte[count * 8];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        var limbs = new ulong[count];
        for (var i = 0; i < count; i++) limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8 * i));
        return limbs;
    }

    /// <summary>A 64-byte little-endian number modulo L, as 32 bytes little-endian.</summary>
    public static void Reduce(ReadOnlySpan<byte> wide, Span<byte> reduced)
    {
        if (wide.Length != 64) throw new ArgumentException("a wide scalar has 64 bytes", nameof(wide));
        Span<ulong> x = stackalloc ulong[8];
        for (var i = 0; i < 8; i++) x[i] = BinaryPrimitives.ReadUInt64LittleEndian(wide[(8 * i)..]);
        Reduce(x, reduced);
    }

    /// <summary>(k·a + r) modulo L, each 32 bytes little-endian: a signature's S.</summary>
    public static void MultiplyAdd(ReadOnlySpan<byte> k, ReadOnlySpan<byte> a, ReadOnlySpan<byte> r, Span<byte> result)
    {
        Span<ulong> kl = stackalloc ulong[4], al = stackalloc ulong[4], x = stackalloc ulong[8];
        for (var i = 0; i < 4; i++)
        {
            kl[i] = BinaryPrimitives.ReadUInt64LittleEndian(k[(8 * i)..]);
            al[i] = BinaryPrimitives.ReadUInt64LittleEndian(a[(8 * i)..]);
        }
        Multiply(kl, al, x);
        // k·a + r fits the eight limbs: k < L < 2^253, a < 2^255 and r < 2^256.
        ulong carry = 0;
        for (var i = 0; i < 8; i++)
        {
            var addend = i < 4 ? BinaryPrimitives.ReadUInt64LittleEndian(r[(8 * i)..]) : 0UL;
            var sum = (UInt128)x[i] + addend + carry;
            x[i] = (ulong)sum;
            carry = (ulong)(sum >> 64);
        }
        Reduce(x, result);
    }

    private static void Reduce(ReadOnlySpan<ulong> x, Span<byte> reduced)
    {
        // q3 = floor(floor(x / b^3) · μ / b^5): within 2 of floor(x / L).
        Span<ulong> q2 = stackalloc ulong[10];
        Multiply(x[3..], Mu, q2);
        var q3 = q2[5..];
        // r = (x − q3·L) mod b^5, then L taken away at most twice.
        Span<ulong> product = stackalloc ulong[10];
        Multiply(q3, L.AsSpan(0, 4), product[..9]);
        Span<ulong> r = stackalloc ulong[5];
        ulong borrow = 0;
        for (var i = 0; i < 5; i++) r[i] = Subtract(x[i], product[i], ref borrow);
        Span<ulong> less = stackalloc ulong[5];
        for (var pass = 0; pass < 2; pass++)
        {
            borrow = 0;
            for (var i = 0; i < 5; i++) less[i] = Subtract(r[i], L[i], ref borrow);
            // No borrow: r was at least L, and r − L is kept.
            var keep = borrow - 1;
            for (var i = 0; i < 5; i++) r[i] = (less[i] & keep) | (r[i] & ~keep);
        }
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt64LittleEndian(reduced[(8 * i)..], r[i]);
    }

    /// <summary>a − b − borrow; borrow becomes 1 when that went below zero.</summary>
    private static ulong Subtract(ulong a, ulong b, ref ulong borrow)
    {
        var difference = (UInt128)a - b - borrow;
        borrow = (ulong)(difference >> 64) & 1;
        return (ulong)difference;
    }

    /// <summary>The product of a and b in result (a.Length + b.Length limbs, or fewer for the low ones only).</summary>
    private static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        result.Clear();
        for (var i = 0; i < a.Length; i++)
        {
            ulong carry = 0;
            for (var j = 0; j < b.Length && i + j < result.Length; j++)
            {
                var t = Math.BigMul(a[i], b[j]) + result[i + j] + carry;
                result[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }
            if (i + b.Length < result.Length) result[i + b.Length] = carry;
        }
    }
}
