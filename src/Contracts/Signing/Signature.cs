using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Signing;

/// <summary>A signature as IOST carries it: the algorithm, the signature bytes and the signer's public key.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SignatureJsonConverter))]
public sealed class Signature(KeyAlgorithm algorithm, byte[] sig, byte[] publicKey)
{
    /// <summary>A signature made by a key pair, which names its key once for all its signatures.</summary>
    internal Signature(KeyAlgorithm algorithm, byte[] sig, byte[] publicKey, string keyId) : this(algorithm, sig, publicKey) => _keyId = keyId;

    private string? _keyId;

    public KeyAlgorithm Algorithm { get; } = algorithm;

    public byte[] Sig { get; } = sig;

    public byte[] PublicKey { get; } = publicKey;

    /// <summary>The public key in base58: how IOST names a key in an account's permissions.</summary>
    public string KeyId => _keyId ??= Base58.Encode(PublicKey);

    public bool Verify(ReadOnlySpan<byte> message) => Algorithm switch
    {
        KeyAlgorithm.Ed25519 => OpenSslEd25519.Verify(PublicKey, message, Sig),
        KeyAlgorithm.Secp256k1 => Secp256k1.Verify(PublicKey, message, Sig),
        _ => false,
    };

    /// <summary>IOST's encoding inside a transaction or block: algorithm byte, then signature and key, each length-prefixed.</summary>
    public void WriteTo(IostEncoder encoder)
    {
        var start = encoder.BeginBytes();
        encoder.WriteByte((byte)Algorithm);
        encoder.WriteBytes(Sig);
        encoder.WriteBytes(PublicKey);
        encoder.EndBytes(start);
    }
}
