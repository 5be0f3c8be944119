using Org.BouncyCastle.Math.EC.Rfc8032;

namespace ActorVm.Contracts.Signing;

/// <summary>Ed25519 through BouncyCastle. IOST keeps a secret key as seed‖public key (64 bytes).</summary>
internal static class Ed25519Keys
{
    public const int SeedLength = 32;
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    public static byte[] PublicKey(ReadOnlySpan<byte> seed)
    {
        var key = new byte[PublicKeyLength];
        Ed25519.GeneratePublicKey(seed.ToArray(), 0, key, 0);
        return key;
    }

    /// <summary>With the public key given, which spares deriving it again (half the work of a signature).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureLength];
        var m = message.ToArray();
        Ed25519.Sign(seed.ToArray(), 0, publicKey.ToArray(), 0, m, 0, m.Length, signature, 0);
        return signature;
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength) return false;
        var m = message.ToArray();
        try
        {
            return Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, m, 0, m.Length);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A malformed key or signature is a signature that does not verify, never a failure of the caller.
            return false;
        }
    }
}
