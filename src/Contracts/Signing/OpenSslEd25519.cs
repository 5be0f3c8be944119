using System.Runtime.InteropServices;

namespace ActorVm.Contracts.Signing;

/// <summary>
/// Ed25519 verification through OpenSSL's libcrypto (which .NET itself loads on Linux): 1.3x less
/// time here than BouncyCastle's, and a node verifies every client's signature. Signing is ours
/// (<see cref="Curve25519.Ed25519SigningKey"/>).
/// </summary>
internal static partial class OpenSslEd25519
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    private const string Library = "libcrypto.so.3";
    private const int KeyType = 1087; // EVP_PKEY_ED25519 (NID_ED25519)

    /// <summary>An OpenSSL public key object, freed with its handle.</summary>
    private sealed class Key : SafeHandle
    {
        public Key() : base(0, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            EVP_PKEY_free(handle);
            return true;
        }
    }

    /// <summary>False for a signature that does not verify, of the wrong length, or under a key that is no curve point.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength) return false;
        using var key = EVP_PKEY_new_raw_public_key(KeyType, 0, publicKey, (nuint)publicKey.Length);
        if (key.IsInvalid)
        {
            ERR_clear_error();
            return false;
        }
        var context = EVP_MD_CTX_new();
        try
        {
            var verified = context != 0 && EVP_DigestVerifyInit(context, 0, 0, 0, key) == 1
                && EVP_DigestVerify(context, signature, (nuint)signature.Length, message, (nuint)message.Length) == 1;
            // A refused signature leaves its reason on the thread's error queue, where it would be
            // taken for the failure of whatever uses OpenSSL next on this thread.
            if (!verified) ERR_clear_error();
            return verified;
        }
        finally
        {
            EVP_MD_CTX_free(context);
        }
    }

    [LibraryImport(Library)]
    private static partial Key EVP_PKEY_new_raw_public_key(int type, nint engine, ReadOnlySpan<byte> key, nuint length);

    [LibraryImport(Library)]
    private static partial void EVP_PKEY_free(nint key);

    [LibraryImport(Library)]
    private static partial nint EVP_MD_CTX_new();

    [LibraryImport(Library)]
    private static partial void EVP_MD_CTX_free(nint context);

    [LibraryImport(Library)]
    private static partial int EVP_DigestVerifyInit(nint context, nint keyContext, nint digest, nint engine, Key key);

    [LibraryImport(Library)]
    private static partial int EVP_DigestVerify(nint context, ReadOnlySpan<byte> signature, nuint signatureLength, ReadOnlySpan<byte> message, nuint messageLength);

    [LibraryImport(Library)]
    private static partial void ERR_clear_error();
}
