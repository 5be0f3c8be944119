using System.Numerics;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// A point of edwards25519 (−x² + y² = 1 + d·x²·y²) in extended coordinates: x = X/Z, y = Y/Z,
/// x·y = T/Z. The formulas are those of Hisil, Wong, Carter and Dawson (2008) for a = −1, as RFC 8032
/// writes them.
/// </summary>
internal struct EdwardsPoint
{
    public FieldElement X, Y, Z, T;

    public static readonly FieldElement D = FieldElement.From(-121665 * Inverse(121666));
    public static readonly FieldElement D2 = FieldElement.From(2 * -121665 * Inverse(121666));
    public static readonly FieldElement SqrtMinusOne = FieldElement.From(BigInteger.ModPow(2, (FieldElement.Prime - 1) / 4, FieldElement.Prime));

    public static EdwardsPoint Identity => new() { Y = FieldElement.One, Z = FieldElement.One };

    /// <summary>RFC 8032's base point: y = 4/5, x even.</summary>
    public static readonly EdwardsPoint Base = Decode(BaseEncoding()) ?? throw new InvalidOperationException("the base point does not decode");

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(value, FieldElement.Prime - 2, FieldElement.Prime);

    private static byte[] BaseEncoding()
    {
        var bytes = new byte[32];
        (4 * Inverse(5) % FieldElement.Prime).TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    /// <summary>RFC 8032's decoding (5.1.3), or null for bytes that are no point. Not constant-time: points are public.</summary>
    public static EdwardsPoint? Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 32) return null;
        Span<byte> canonical = stackalloc byte[32];
        var y = FieldElement.FromBytes(encoded);
        y.ToBytes(canonical);
        // A y at or above the prime is refused, as RFC 8032 asks.
        if (!canonical[..31].SequenceEqual(encoded[..31]) || canonical[31] != (encoded[31] & 0x7F)) return null;
        FieldElement.Square(out var y2, y);
        FieldElement.Sub(out var u, y2, FieldElement.One);
        FieldElement.Mul(out var v, y2, D);
        FieldElement.Add(out v, v, FieldElement.One);
        // x = u·v³·(u·v⁷)^((p−5)/8)
        FieldElement.Square(out var v3, v);
        FieldElement.Mul(out v3, v3, v);
        FieldElement.Square(out var x, v3);
        FieldElement.Mul(out x, x, v);
        FieldElement.Mul(out x, x, u);
        FieldElement.Pow22523(out x, x);
        FieldElement.Mul(out x, x, v3);
        FieldElement.Mul(out x, x, u);
        FieldElement.Square(out var check, x);
        FieldElement.Mul(out check, check, v);
        FieldElement.Sub(out var difference, check, u);
        if (!difference.IsZero)
        {
            FieldElement.Add(out difference, check, u);
            if (!difference.IsZero) return null;
            FieldElement.Mul(out x, x, SqrtMinusOne);
        }
        var sign = (encoded[31] >> 7) != 0;
        if (x.IsZero && sign) return null;
        if (x.IsNegative != sign) FieldElement.Negate(out x, x);
        var point = new EdwardsPoint { X = x, Y = y, Z = FieldElement.One };
        FieldElement.Mul(out point.T, x, y);
        return point;
    }

    /// <summary>The encoding: y with the sign of x in the top bit.</summary>
    public readonly void Encode(Span<byte> encoded)
    {
        FieldElement.Invert(out var zInverse, Z);
        Encode(zInverse, encoded);
    }

    /// <summary>The encoding, given 1/Z (several points' inverses cost one inversion together: <see cref="EncodeAll"/>).</summary>
    public readonly void Encode(in FieldElement zInverse, Span<byte> encoded)
    {
        FieldElement.Mul(out var x, X, zInverse);
        FieldElement.Mul(out var y, Y, zInverse);
        y.ToBytes(encoded);
        if (x.IsNegative) encoded[31] |= 0x80;
    }

    /// <summary>
    /// Encodes every point into 32 bytes of <paramref name="encoded"/> each, with one inversion for all
    /// (Montgomery's trick: the inverse of the product, then each inverse by multiplications).
    /// </summary>
    public static void EncodeAll(ReadOnlySpan<EdwardsPoint> points, Span<byte> encoded)
    {
        if (points.IsEmpty) return;
        // products[i] = Z0·Z1·…·Zi
        var products = new FieldElement[points.Length];
        products[0] = points[0].Z;
        for (var i = 1; i < points.Length; i++) FieldElement.Mul(out products[i], products[i - 1], points[i].Z);
        FieldElement.Invert(out var inverse, products[^1]);
        for (var i = points.Length - 1; i > 0; i--)
        {
            // inverse is 1/(Z0·…·Zi) here: times Z0·…·Z(i−1) it is 1/Zi, times Zi it is 1/(Z0·…·Z(i−1)).
            FieldElement.Mul(out var zInverse, inverse, products[i - 1]);
            points[i].Encode(zInverse, encoded.Slice(32 * i, 32));
            FieldElement.Mul(out inverse, inverse, points[i].Z);
        }
        points[0].Encode(inverse, encoded[..32]);
    }

    /// <summary>The affine form that <see cref="AddAffine"/> takes (y + x, y − x, 2d·x·y).</summary>
    public readonly AffinePoint ToAffine()
    {
        FieldElement.Invert(out var zInverse, Z);
        FieldElement.Mul(out var x, X, zInverse);
        FieldElement.Mul(out var y, Y, zInverse);
        var affine = new AffinePoint();
        FieldElement.Add(out affine.YPlusX, y, x);
        FieldElement.Sub(out affine.YMinusX, y, x);
        FieldElement.Mul(out affine.XY2D, x, y);
        FieldElement.Mul(out affine.XY2D, affine.XY2D, D2);
        return affine;
    }

    /// <summary>p + q for q in affine form (Z = 1).</summary>
    public static void AddAffine(out EdwardsPoint r, in EdwardsPoint p, in AffinePoint q)
    {
        FieldElement.Add(out var yPlusX, p.Y, p.X);
        FieldElement.Sub(out var yMinusX, p.Y, p.X);
        FieldElement.Mul(out var a, yMinusX, q.YMinusX);
        FieldElement.Mul(out var b, yPlusX, q.YPlusX);
        FieldElement.Mul(out var c, q.XY2D, p.T);
        FieldElement.Add(out var d, p.Z, p.Z);
        Complete(out r, a, b, c, d);
    }

    /// <summary>p + q, both extended.</summary>
    public static void Add(out EdwardsPoint r, in EdwardsPoint p, in EdwardsPoint q)
    {
        FieldElement.Sub(out var t, p.Y, p.X);
        FieldElement.Sub(out var u, q.Y, q.X);
        FieldElement.Mul(out var a, t, u);
        FieldElement.Add(out t, p.Y, p.X);
        FieldElement.Add(out u, q.Y, q.X);
        FieldElement.Mul(out var b, t, u);
        FieldElement.Mul(out var c, p.T, q.T);
        FieldElement.Mul(out c, c, D2);
        FieldElement.Mul(out var d, p.Z, q.Z);
        FieldElement.Add(out d, d, d);
        Complete(out r, a, b, c, d);
    }

    /// <summary>2p (RFC 8032's doubling; T is not read).</summary>
    public static void Double(out EdwardsPoint r, in EdwardsPoint p)
    {
        FieldElement.Square(out var a, p.X);
        FieldElement.Square(out var b, p.Y);
        FieldElement.Square(out var c, p.Z);
        FieldElement.Add(out c, c, c);
        FieldElement.Add(out var h, a, b);
        FieldElement.Add(out var xy, p.X, p.Y);
        FieldElement.Square(out var e, xy);
        FieldElement.Sub(out e, h, e);
        FieldElement.Sub(out var g, a, b);
        FieldElement.Add(out var f, c, g);
        FromParts(out r, e, f, g, h);
    }

    /// <summary>The end of both additions: E = B − A, F = D − C, G = D + C, H = B + A.</summary>
    private static void Complete(out EdwardsPoint r, in FieldElement a, in FieldElement b, in FieldElement c, in FieldElement d)
    {
        FieldElement.Sub(out var e, b, a);
        FieldElement.Sub(out var f, d, c);
        FieldElement.Add(out var g, d, c);
        FieldElement.Add(out var h, b, a);
        FromParts(out r, e, f, g, h);
    }

    /// <summary>The end of every formula here: X = E·F, Y = G·H, T = E·H, Z = F·G.</summary>
    private static void FromParts(out EdwardsPoint r, in FieldElement e, in FieldElement f, in FieldElement g, in FieldElement h)
    {
        FieldElement.Mul(out r.X, e, f);
        FieldElement.Mul(out r.Y, g, h);
        FieldElement.Mul(out r.T, e, h);
        FieldElement.Mul(out r.Z, f, g);
    }
}

/// <summary>A point as y + x, y − x and 2d·x·y, for mixed additions from a table.</summary>
internal struct AffinePoint
{
    public FieldElement YPlusX, YMinusX, XY2D;

    public static AffinePoint Identity => new() { YPlusX = FieldElement.One, YMinusX = FieldElement.One };

    /// <summary>−p: x and so y + x and y − x trade places, and 2d·x·y changes sign.</summary>
    public readonly AffinePoint Negated()
    {
        var negated = new AffinePoint { YPlusX = YMinusX, YMinusX = YPlusX };
        FieldElement.Negate(out negated.XY2D, XY2D);
        return negated;
    }

    public static void Select(ref AffinePoint r, in AffinePoint b, ulong mask)
    {
        FieldElement.Select(ref r.YPlusX, b.YPlusX, mask);
        FieldElement.Select(ref r.YMinusX, b.YMinusX, mask);
        FieldElement.Select(ref r.XY2D, b.XY2D, mask);
    }
}
