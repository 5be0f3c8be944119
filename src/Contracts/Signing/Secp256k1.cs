using System.Numerics;
using System.Security.Cryptography;

namespace ActorVm.Contracts.Signing;

/// <summary>
/// secp256k1 ECDSA over a 32-byte hash through .NET's ECDsa (OpenSSL), in IOST's form: public keys
/// compressed (33 bytes), signatures r‖s (64 bytes) with s in the lower half of the order, as
/// go-iost's verifier requires.
/// </summary>
internal static class Secp256k1
{
    public const int PublicKeyLength = 33;
    private static readonly ECCurve Curve = ECCurve.CreateFromFriendlyName("secP256k1");
    private static readonly BigInteger P = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");
    private static readonly BigInteger N = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    private static readonly BigInteger HalfN = N >> 1;

    public static byte[] PublicKey(ReadOnlySpan<byte> secret)
    {
        using var ec = ECDsa.Create(new ECParameters { Curve = Curve, D = secret.ToArray() });
        var q = ec.ExportParameters(false).Q;
        var compressed = new byte[PublicKeyLength];
        compressed[0] = (byte)((q.Y![^1] & 1) == 0 ? 2 : 3);
        q.X!.CopyTo(compressed, 1);
        return compressed;
    }

    public static byte[] Sign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> hash)
    {
        using var ec = ECDsa.Create(new ECParameters { Curve = Curve, D = secret.ToArray() });
        var signature = ec.SignHash(hash.ToArray());
        var s = Number(signature.AsSpan(32));
        if (s > HalfN) Write(N - s, signature.AsSpan(32));
        return signature;
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64 || Number(signature[32..]) > HalfN) return false;
        if (Decompress(publicKey) is not var (x, y)) return false;
        try
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = Curve, Q = new ECPoint { X = x, Y = y } });
            return ec.VerifyHash(hash, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The point of a compressed key, or null when the bytes are not a point of the curve.</summary>
    private static (byte[] X, byte[] Y)? Decompress(ReadOnlySpan<byte> key)
    {
        if (key.Length != PublicKeyLength || key[0] is not (2 or 3)) return null;
        var x = Number(key[1..]);
        if (x >= P) return null;
        var rhs = (BigInteger.ModPow(x, 3, P) + 7) % P;
        var y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
        if (BigInteger.ModPow(y, 2, P) != rhs) return null;
        if ((y.IsEven ? 2 : 3) != key[0]) y = P - y;
        var (xs, ys) = (new byte[32], new byte[32]);
        Write(x, xs);
        Write(y, ys);
        return (xs, ys);
    }

    private static BigInteger Number(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static void Write(BigInteger value, Span<byte> into)
    {
        into.Clear();
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(into[(into.Length - bytes.Length)..]);
    }

    private static BigInteger Parse(string hex) => Number(Convert.FromHexString(hex));
}
