namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// Four points of edwards25519, one in each lane of <see cref="FieldElement4"/>, in extended coordinates:
/// the formulas of <see cref="EdwardsPoint"/>, run on four points at once.
/// </summary>
internal struct EdwardsPoint4
{
    public FieldElement4 X, Y, Z, T;

    private static readonly FieldElement4 One = FieldElement4.Broadcast(FieldElement.One);

    /// <summary>Each multiplication starts here: its one is made once, not through an encoding each time.</summary>
    public static EdwardsPoint4 Identity => new() { Y = One, Z = One };

    /// <summary>The point in one lane.</summary>
    public readonly EdwardsPoint Lane(int lane) => new() { X = X.Lane(lane), Y = Y.Lane(lane), Z = Z.Lane(lane), T = T.Lane(lane) };

    /// <summary>p + q for q in affine form (Z = 1).</summary>
    public static void AddAffine(out EdwardsPoint4 r, in EdwardsPoint4 p, in AffinePoint4 q)
    {
        FieldElement4.Add(out var yPlusX, p.Y, p.X);
        FieldElement4.Sub(out var yMinusX, p.Y, p.X);
        FieldElement4.Mul(out var a, yMinusX, q.YMinusX);
        FieldElement4.Mul(out var b, yPlusX, q.YPlusX);
        FieldElement4.Mul(out var c, q.XY2D, p.T);
        FieldElement4.Add(out var d, p.Z, p.Z);
        FieldElement4.Sub(out var e, b, a);
        FieldElement4.Sub(out var f, d, c);
        FieldElement4.Add(out var g, d, c);
        FieldElement4.Add(out var h, b, a);
        FromParts(out r, e, f, g, h);
    }

    /// <summary>2p (T is not read).</summary>
    public static void Double(out EdwardsPoint4 r, in EdwardsPoint4 p)
    {
        FieldElement4.Mul(out var a, p.X, p.X);
        FieldElement4.Mul(out var b, p.Y, p.Y);
        FieldElement4.Mul(out var c, p.Z, p.Z);
        FieldElement4.Add(out c, c, c);
        FieldElement4.Add(out var h, a, b);
        FieldElement4.Add(out var xy, p.X, p.Y);
        FieldElement4.Mul(out var e, xy, xy);
        FieldElement4.Sub(out e, h, e);
        FieldElement4.Sub(out var g, a, b);
        FieldElement4.Add(out var f, c, g);
        FromParts(out r, e, f, g, h);
    }

    /// <summary>X = E·F, Y = G·H, T = E·H, Z = F·G.</summary>
    private static void FromParts(out EdwardsPoint4 r, in FieldElement4 e, in FieldElement4 f, in FieldElement4 g, in FieldElement4 h)
    {
        FieldElement4.Mul(out r.X, e, f);
        FieldElement4.Mul(out r.Y, g, h);
        FieldElement4.Mul(out r.T, e, h);
        FieldElement4.Mul(out r.Z, f, g);
    }
}

/// <summary>Four points as y + x, y − x and 2d·x·y, for mixed additions from a table.</summary>
internal struct AffinePoint4
{
    public FieldElement4 YPlusX, YMinusX, XY2D;
}
