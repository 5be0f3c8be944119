using System.Numerics;
using ActorVm.Contracts.Signing;
using ActorVm.Contracts.Signing.Curve25519;
using Xunit;
using BouncyEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// Our ed25519 signing against an independent implementation (BouncyCastle's), and its field
/// arithmetic against big integers, at the edges where carries and reductions happen.
/// </summary>
public sealed class Ed25519Tests
{
    private static readonly BigInteger P = FieldElement.Prime;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(447)]
    [InlineData(448)]
    [InlineData(449)]
    [InlineData(2_000)]
    public void Signatures_and_public_keys_are_byte_for_byte_those_of_another_implementation(int messageLength)
    {
        var random = new Random(messageLength);
        for (var i = 0; i < 16; i++)
        {
            var seed = new byte[32];
            var message = new byte[messageLength];
            random.NextBytes(seed);
            random.NextBytes(message);
            var key = KeyPair.FromSecret(KeyAlgorithm.Ed25519, seed);

            var expectedPublic = new byte[32];
            BouncyEd25519.GeneratePublicKey(seed, 0, expectedPublic, 0);
            var expected = new byte[64];
            BouncyEd25519.Sign(seed, 0, message, 0, message.Length, expected, 0);

            Assert.Equal(Convert.ToHexString(expectedPublic), Convert.ToHexString(key.PublicKey));
            var signature = key.Sign(message);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(signature.Sig));
            Assert.True(signature.Verify(message));
        }
    }

    [Fact]
    public void Seeds_at_the_extremes_sign_as_another_implementation_signs()
    {
        byte[] message = [1, 2, 3];
        foreach (var fill in new byte[] { 0x00, 0xFF, 0x7F, 0x80 })
        {
            var seed = Enumerable.Repeat(fill, 32).ToArray();
            var expected = new byte[64];
            BouncyEd25519.Sign(seed, 0, message, 0, message.Length, expected, 0);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(KeyPair.FromSecret(KeyAlgorithm.Ed25519, seed).Sign(message).Sig));
        }
    }

    [Fact]
    public void Signing_from_many_threads_at_once_gives_each_message_its_own_signature()
    {
        var key = KeyPair.FromSecret(KeyAlgorithm.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var messages = Enumerable.Range(0, 200).Select(i => BitConverter.GetBytes(i)).ToArray();
        var signatures = new byte[messages.Length][];
        Parallel.For(0, messages.Length, i => signatures[i] = key.Sign(messages[i]).Sig);
        for (var i = 0; i < messages.Length; i++)
            Assert.Equal(Convert.ToHexString(key.Sign(messages[i]).Sig), Convert.ToHexString(signatures[i]));
    }

    private static readonly string[] EdgeNames =
    [
        "0", "1", "2", "19", "p-1", "p-2", "p", "p+1", "2^255-1", "2^255-20", "2^51-1", "2^51", "2^204", "2^254", "(p-1)/2", "random1", "random2",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65)]
    public void Messages_signed_together_get_the_signatures_each_gets_alone(int count)
    {
        var key = KeyPair.FromSecret(KeyAlgorithm.Ed25519, Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
        var random = new Random(count);
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var message = new byte[i % 3 == 0 ? 32 : i * 11];
            random.NextBytes(message);
            return message;
        }).ToList();

        var together = key.SignAll(messages);

        Assert.Equal(messages.Select(m => Convert.ToHexString(key.Sign(m).Sig)), together.Select(s => Convert.ToHexString(s.Sig)));
        Assert.All(together.Zip(messages), p => Assert.True(p.First.Verify(p.Second)));
    }

    public static TheoryData<string> EdgeValues() => new(EdgeNames);

    private static BigInteger Value(string name) => name switch
    {
        "p-1" => P - 1,
        "p-2" => P - 2,
        "p" => P,
        "p+1" => P + 1,
        "2^255-1" => (BigInteger.One << 255) - 1,
        "2^255-20" => (BigInteger.One << 255) - 20,
        "2^51-1" => (BigInteger.One << 51) - 1,
        "2^51" => BigInteger.One << 51,
        "2^204" => BigInteger.One << 204,
        "2^254" => BigInteger.One << 254,
        "(p-1)/2" => (P - 1) / 2,
        "random1" => new BigInteger(Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 11)).ToArray(), isUnsigned: true) & ((BigInteger.One << 255) - 1),
        "random2" => new BigInteger(Enumerable.Range(0, 32).Select(i => (byte)(255 - i * 13)).ToArray(), isUnsigned: true) & ((BigInteger.One << 255) - 1),
        _ => BigInteger.Parse(name),
    };

    /// <summary>Read from bytes as they are (non-canonical encodings included), as the field reads them.</summary>
    private static FieldElement Element(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return FieldElement.FromBytes(bytes);
    }

    private static BigInteger Number(in FieldElement element)
    {
        var bytes = new byte[32];
        element.ToBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true);
    }

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void Field_operations_agree_with_big_integers_modulo_the_prime(string name)
    {
        var a = Value(name);
        var x = Element(a);
        foreach (var other in EdgeNames)
        {
            var b = Value(other);
            var y = Element(b);
            FieldElement.Mul(out var product, x, y);
            FieldElement.Add(out var sum, x, y);
            FieldElement.Sub(out var difference, x, y);
            Assert.Equal(a * b % P, Number(product));
            Assert.Equal((a + b) % P, Number(sum));
            Assert.Equal(((a - b) % P + P) % P, Number(difference));
        }
        FieldElement.Square(out var square, x);
        Assert.Equal(a * a % P, Number(square));
        FieldElement.Invert(out var inverse, x);
        Assert.Equal(a % P == 0 ? 0 : BigInteger.ModPow(a, P - 2, P), Number(inverse));
        Assert.True(Number(x) < P);
    }

    [Fact]
    public void Long_chains_of_operations_stay_exact()
    {
        // Limbs left at their largest by one operation are the next one's input: a thousand rounds.
        var x = Element(P - 1);
        var y = Element((BigInteger.One << 255) - 1);
        BigInteger a = P - 1, b = ((BigInteger.One << 255) - 1) % P;
        for (var i = 0; i < 1_000; i++)
        {
            FieldElement.Sub(out var d, x, y);
            FieldElement.Add(out var s, d, x);
            FieldElement.Mul(out x, s, y);
            FieldElement.Square(out y, d);
            var nd = ((a - b) % P + P) % P;
            a = (nd + a) * b % P;
            b = nd * nd % P;
        }
        Assert.Equal(a, Number(x));
        Assert.Equal(b, Number(y));
    }
}
