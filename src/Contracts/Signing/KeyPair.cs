using System.Security.Cryptography;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing.Curve25519;

namespace ActorVm.Contracts.Signing;

/// <summary>
/// A secret key and its public key. Secret keys are written as IOST writes them: base58 of the
/// 64-byte seed‖public key for ed25519, of the 32-byte scalar for secp256k1.
/// </summary>
public sealed class KeyPair
{
    private readonly byte[] _secret;
    private readonly Ed25519SigningKey? _ed25519;

    private KeyPair(KeyAlgorithm algorithm, byte[] secret, byte[] publicKey, Ed25519SigningKey? ed25519 = null)
    {
        Algorithm = algorithm;
        _secret = secret;
        PublicKey = publicKey;
        _ed25519 = ed25519;
    }

    public KeyAlgorithm Algorithm { get; }

    public byte[] PublicKey { get; }

    public string PublicKeyBase58 => _publicKeyBase58 ??= Base58.Encode(PublicKey);

    private string? _publicKeyBase58;

    public string SecretBase58 => Base58.Encode(Algorithm == KeyAlgorithm.Ed25519 ? [.. _secret, .. PublicKey] : _secret);

    public static KeyPair Generate(KeyAlgorithm algorithm = KeyAlgorithm.Ed25519)
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            if (algorithm == KeyAlgorithm.Ed25519) return FromSecret(algorithm, secret);
            // Not every 32-byte number is a secp256k1 key (zero, or at least the order).
            try
            {
                return FromSecret(algorithm, secret);
            }
            catch (CryptographicException)
            {
            }
        }
    }

    /// <summary>Ed25519: the 32-byte seed or IOST's 64-byte seed‖public key; secp256k1: 32 bytes.</summary>
    public static KeyPair FromSecret(KeyAlgorithm algorithm, byte[] secret)
    {
        switch (algorithm)
        {
            case KeyAlgorithm.Ed25519:
                if (secret.Length is not (32 or 64)) throw new FormatException($"an ed25519 secret key has 32 or 64 bytes, not {secret.Length}");
                var seed = secret[..32];
                var key = new Ed25519SigningKey(seed);
                if (secret.Length == 64 && !secret.AsSpan(32).SequenceEqual(key.PublicKey))
                    throw new FormatException("the ed25519 secret key's second half is not its public key");
                // A copy: the signing key hashes its own into every signature, whatever a caller does with this one.
                return new(algorithm, seed, key.PublicKey.ToArray(), key);
            case KeyAlgorithm.Secp256k1:
                if (secret.Length != 32) throw new FormatException($"a secp256k1 secret key has 32 bytes, not {secret.Length}");
                return new(algorithm, secret.ToArray(), Secp256k1.PublicKey(secret));
            default:
                throw new FormatException($"unknown key algorithm {(int)algorithm}");
        }
    }

    public static KeyPair FromBase58(KeyAlgorithm algorithm, string secret) =>
        FromSecret(algorithm, Base58.Decode(secret) ?? throw new FormatException("the secret key is not base58"));

    /// <summary>The signatures of several messages, as <see cref="Sign"/> makes them; ed25519's are made together, for less time each.</summary>
    public Signature[] SignAll(IReadOnlyList<byte[]> messages)
    {
        if (_ed25519 is not { } key) return messages.Select(m => Sign(m)).ToArray();
        var sigs = key.SignAll(messages);
        var signatures = new Signature[sigs.Length];
        for (var i = 0; i < sigs.Length; i++) signatures[i] = new(Algorithm, sigs[i], PublicKey, PublicKeyBase58);
        return signatures;
    }

    public Signature Sign(ReadOnlySpan<byte> message) => new(Algorithm,
        _ed25519 is { } key ? key.Sign(message) : Secp256k1.Sign(_secret, message), PublicKey, PublicKeyBase58);
}
