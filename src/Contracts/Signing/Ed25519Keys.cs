namespace ActorVm.Contracts.Signing;

/// <summary>Ed25519 (through <see cref="OpenSslEd25519"/>). IOST keeps a secret key as seed‖public key (64 bytes).</summary>
internal static class Ed25519Keys
{
    public const int SeedLength = 32;
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    /// <summary>The key to sign with, made once per key pair: making it derives the public key (half the work of a signature).</summary>
    public static OpenSslEd25519.Key SigningKey(ReadOnlySpan<byte> seed) => OpenSslEd25519.SigningKey(seed);

    public static byte[] PublicKey(OpenSslEd25519.Key key) => OpenSslEd25519.PublicKey(key);

    public static byte[] Sign(OpenSslEd25519.Key key, ReadOnlySpan<byte> message) => OpenSslEd25519.Sign(key, message);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == PublicKeyLength && signature.Length == SignatureLength && OpenSslEd25519.Verify(publicKey, message, signature);
}
