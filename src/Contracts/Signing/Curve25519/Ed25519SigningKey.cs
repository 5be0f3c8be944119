using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace ActorVm.Contracts.Signing.Curve25519;

/// <summary>
/// An ed25519 signing key (RFC 8032, 5.1.5 and 5.1.6), in managed code. A dev node signs every unsigned
/// submission with one key: OpenSSL 3 took 83-104 µs a signature here, most of it set-up and a
/// 32-bit field; this takes a fraction of that. Signatures are deterministic, so they are RFC 8032's
/// byte for byte (the tests compare them with OpenSSL's). Safe to sign with from several threads.
/// </summary>
internal sealed class Ed25519SigningKey
{
    public const int SignatureLength = 64;

    /// <summary>The order of the base point.</summary>
    private static readonly BigInteger Order = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    private readonly byte[] _scalarBytes;
    private readonly BigInteger _scalar;
    private readonly byte[] _prefix;

    public Ed25519SigningKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32) throw new ArgumentException($"an ed25519 seed has 32 bytes, not {seed.Length}", nameof(seed));
        Span<byte> expanded = stackalloc byte[64];
        SHA512.HashData(seed, expanded);
        expanded[0] &= 248;
        expanded[31] &= 127;
        expanded[31] |= 64;
        _scalarBytes = expanded[..32].ToArray();
        _scalar = new BigInteger(_scalarBytes, isUnsigned: true);
        _prefix = expanded[32..].ToArray();
        CryptographicOperations.ZeroMemory(expanded);
        PublicKey = new byte[32];
        BasePointTable.Multiply(_scalarBytes).Encode(PublicKey);
    }

    public byte[] PublicKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        // prefix‖message, then R‖A‖message, hashed from one buffer.
        var length = 64 + message.Length;
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        try
        {
            Span<byte> digest = stackalloc byte[64];
            message.CopyTo(buffer[64..]);
            _prefix.CopyTo(buffer[32..]);
            SHA512.HashData(buffer[32..], digest);
            Span<byte> nonce = stackalloc byte[32];
            var r = Reduce(digest, nonce);

            var signature = new byte[SignatureLength];
            BasePointTable.Multiply(nonce).Encode(signature.AsSpan(0, 32));
            signature.AsSpan(0, 32).CopyTo(buffer);
            PublicKey.CopyTo(buffer[32..]);
            SHA512.HashData(buffer, digest);
            var k = new BigInteger(digest, isUnsigned: true);
            var s = (r + k * _scalar) % Order;
            s.TryWriteBytes(signature.AsSpan(32), out _, isUnsigned: true);
            return signature;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A 64-byte hash as a number modulo the order, and its 32 bytes.</summary>
    private static BigInteger Reduce(ReadOnlySpan<byte> digest, Span<byte> bytes)
    {
        var value = new BigInteger(digest, isUnsigned: true) % Order;
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return value;
    }
}
