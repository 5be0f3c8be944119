using System.Numerics;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// Keys, hashes and signatures against values printed by IOST's JS SDK (iost@0.1.22) for the same
/// transaction: ed25519 seed 01..20, secp256k1 secret 40..5f, a transfer of 10.5 iost.
/// </summary>
public sealed class SigningTests
{
    private const string EdSecret = "2Ana1pUpv2ZbMVkwF5FXapYeBEjdxDatLn7nvJkhgTSdZd8hbDHTd21as7EAsg7ypityqfsw2pMQKJcVDVcAEsd";
    private const string EdPublic = "9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj";
    private const string SecpSecret = "5KporntzQkHiVMKxnFuUGcwPKhtVdhaFkneEkhnoZi1U";
    private const string SecpPublic = "xNUfW6H5sYoxQ3G7XwWHirN8rhHhCB2EgCmNH7U3ZoQA";
    private const string SdkBaseHash = "3bde9f2abb3922c35a54d6586d812e6c6837022b388d2fd70c5ea0dcdb328e6d";
    private const string SdkPublishHash = "e3bd47c19706eb448825337aee6e9bfa6f7856f6de296e80fb2c517e0f308c45";
    // The transaction's id as the BCL's SHA3-256 (OpenSSL) gave it before the hash was our own.
    private const string TxId = "f0e935215d058b96338041023b14f650e98fcf0e321fd6c7adfcbc7c99c8bed2";

    private static Signature Sig(string json) => JsonSerializer.Deserialize<Signature>(json)!;

    private static readonly Signature SdkSignerSig = Sig("""{"algorithm":"ED25519","public_key":"ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=","signature":"+TDU4l2GfE0TfgB6eV3rdwXpA0rNgPVdLTn43M8RQBakjv22orHEO1NnK3qVRGjOj8EqGZAdlUCIiViIQpFyCg=="}""");
    private static readonly Signature SdkPublisherSig = Sig("""{"algorithm":"ED25519","public_key":"ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=","signature":"gKxyxcuffiAhHerzbWm+/VajKcU8Ac9zfSB0CyWx6obFBoSlvlGUtKUa3vy8voBgqKq4O4v7SEG8aErNGNLvCA=="}""");

    private static Transaction Unsigned() => new(1700000000000000000, 1700000090000000000, 500000, "alice1", ["alice1@active"],
        [new TxAction("token.iost", "transfer", "[\"iost\",\"alice1\",\"bob123\",\"10.5\",\"memo ü\"]")])
    {
        GasRatio = 100,
        AmountLimit = [new AmountLimit("iost", "10.5")],
    };

    private static Transaction SignedBySdk() => Unsigned() with { Signatures = [SdkSignerSig], PublisherSigs = [SdkPublisherSig] };

    [Fact]
    public void An_ed25519_secret_key_in_iost_form_gives_the_sdks_public_key()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Ed25519, EdSecret);
        Assert.Equal(EdPublic, key.PublicKeyBase58);
        Assert.Equal(EdSecret, key.SecretBase58);
    }

    [Fact]
    public void A_secp256k1_secret_key_gives_the_sdks_compressed_public_key()
    {
        Assert.Equal(SecpPublic, KeyPair.FromBase58(KeyAlgorithm.Secp256k1, SecpSecret).PublicKeyBase58);
    }

    [Fact]
    public void Base_and_publish_hashes_are_the_sdks()
    {
        var tx = SignedBySdk();
        Assert.Equal(SdkBaseHash, Convert.ToHexStringLower(tx.BaseHash));
        Assert.Equal(SdkPublishHash, Convert.ToHexStringLower(tx.PublishHash));
    }

    [Theory]
    [InlineData(TxEncoding.Level.Base)]
    [InlineData(TxEncoding.Level.Publish)]
    [InlineData(TxEncoding.Level.Full)]
    public void The_three_hashes_are_the_same_whichever_is_asked_for_first(TxEncoding.Level first)
    {
        // The hash works out the base hash in the same pass; each must come out as when asked alone.
        var tx = SignedBySdk();
        _ = first switch { TxEncoding.Level.Base => tx.BaseHash, TxEncoding.Level.Publish => tx.PublishHash, _ => tx.HashBytes };
        Assert.Equal(SdkBaseHash, Convert.ToHexStringLower(tx.BaseHash));
        Assert.Equal(SdkPublishHash, Convert.ToHexStringLower(tx.PublishHash));
        Assert.Equal(TxId, Convert.ToHexStringLower(tx.HashBytes));
    }

    [Fact]
    public void Transactions_signed_as_publisher_together_are_those_signed_one_by_one()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Ed25519, EdSecret);
        var txs = Enumerable.Range(0, 5).Select(i => Unsigned() with { GasLimit = 500_000 + i }).ToList();

        var together = Transaction.SignedAsPublisher(txs, key);

        Assert.Equal(txs.Select(t => t.SignedAsPublisher(key).Hash), together.Select(t => t.Hash));
        Assert.All(together, t => Assert.Null(t.Signing.Problem));
    }

    [Fact]
    public void Levels_hashed_together_must_rise()
    {
        Assert.Throws<ArgumentException>(() => TxEncoding.Hashes(SignedBySdk(), [TxEncoding.Level.Full, TxEncoding.Level.Base]));
        Assert.Throws<ArgumentException>(() => TxEncoding.Hashes(SignedBySdk(), []));
    }

    [Fact]
    public void Signatures_made_by_the_sdk_verify()
    {
        var signing = SignedBySdk().Signing;
        Assert.Null(signing.Problem);
        Assert.Contains(EdPublic, signing.SignerKeys);
        Assert.Contains(EdPublic, signing.PublisherKeys);
    }

    [Fact]
    public void Our_signatures_match_the_sdks_for_ed25519()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Ed25519, EdSecret);
        var tx = Unsigned().SignedBy(key).SignedAsPublisher(key);
        Assert.Equal(SdkSignerSig.Sig, tx.Signatures[0].Sig);
        Assert.Equal(SdkPublisherSig.Sig, tx.PublisherSigs[0].Sig);
        Assert.Equal(SignedBySdk().Hash, tx.Hash);
    }

    [Fact]
    public void A_changed_field_makes_the_signatures_fail()
    {
        var tampered = SignedBySdk() with { GasLimit = 500001 };
        Assert.Contains("does not verify", tampered.Signing.Problem);
    }

    [Fact]
    public void A_publisher_signature_over_the_base_hash_is_refused()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Ed25519, EdSecret);
        var tx = Unsigned() with { PublisherSigs = [key.Sign(Unsigned().BaseHash)] };
        Assert.Contains("publisher_sigs[0]", tx.Signing.Problem);
    }

    [Fact]
    public void A_secp256k1_signature_made_by_the_sdk_verifies()
    {
        var sig = Sig("""{"algorithm":"SECP256K1","public_key":"AzazQeznfh/EwnDGztyYf489IXvjrUkiy8ZNuMQKd/c3","signature":"Spltte4t6qLzXViLjZfoIza6fWWE9Se6u0l4PjWyaGxPZ6bSC5AWEyJTLROREVK6W4ts54g6vJ83E5N5H/6P9A=="}""");
        Assert.True(sig.Verify(Convert.FromHexString(SdkBaseHash)));
        Assert.False(sig.Verify(Convert.FromHexString(SdkPublishHash)));
    }

    [Fact]
    public void Our_secp256k1_signatures_have_a_low_s_and_the_high_s_twin_is_refused()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Secp256k1, SecpSecret);
        var hash = Convert.FromHexString(SdkBaseHash);
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        for (var i = 0; i < 8; i++)
        {
            var sig = key.Sign(hash);
            Assert.True(sig.Verify(hash));
            var s = new BigInteger(sig.Sig.AsSpan(32), isUnsigned: true, isBigEndian: true);
            Assert.True(s <= n / 2);
            var high = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            var twin = sig.Sig[..32].Concat(new byte[32 - high.Length]).Concat(high).ToArray();
            Assert.False(new Signature(KeyAlgorithm.Secp256k1, twin, sig.PublicKey).Verify(hash));
        }
    }

    [Fact]
    public void A_public_key_off_the_curve_does_not_verify_and_does_not_throw()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Secp256k1, SecpSecret);
        var hash = Convert.FromHexString(SdkBaseHash);
        var sig = key.Sign(hash);
        var bad = sig.PublicKey.ToArray();
        bad[5] ^= 0xff;
        Assert.False(new Signature(KeyAlgorithm.Secp256k1, sig.Sig, bad).Verify(hash));
        Assert.False(new Signature(KeyAlgorithm.Ed25519, sig.Sig, [1, 2, 3]).Verify(hash));
    }

    [Theory]
    // RFC 8032, section 7.1, tests 1 (the empty message) and 2 (one byte).
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "72", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void Ed25519_signatures_are_rfc_8032s(string seed, string message, string publicKey, string expected)
    {
        var key = KeyPair.FromSecret(KeyAlgorithm.Ed25519, Convert.FromHexString(seed));
        var bytes = Convert.FromHexString(message);
        var signature = key.Sign(bytes);

        Assert.Equal(publicKey, Convert.ToHexStringLower(key.PublicKey));
        Assert.Equal(expected, Convert.ToHexStringLower(signature.Sig));
        Assert.True(signature.Verify(bytes));
        Assert.False(signature.Verify([.. bytes, 0x73]));
    }

    [Fact]
    public void A_refused_ed25519_signature_leaves_the_platforms_own_cryptography_working()
    {
        var key = KeyPair.FromBase58(KeyAlgorithm.Ed25519, EdSecret);
        var signature = key.Sign([1, 2, 3]);
        var tampered = signature.Sig.ToArray();
        tampered[0] ^= 1;

        Assert.False(new Signature(KeyAlgorithm.Ed25519, tampered, signature.PublicKey).Verify([1, 2, 3]));
        var secp = KeyPair.FromBase58(KeyAlgorithm.Secp256k1, SecpSecret).Sign(Convert.FromHexString(SdkBaseHash));
        Assert.True(secp.Verify(Convert.FromHexString(SdkBaseHash)));
        Assert.Equal(32, System.Security.Cryptography.SHA3_256.HashData([1, 2, 3]).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("11abc")]
    [InlineData("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj")]
    public void Base58_decodes_what_it_encodes(string text)
    {
        Assert.Equal(text, Base58.Encode(Base58.Decode(text)!));
    }

    [Fact]
    public void Base58_refuses_characters_outside_its_alphabet() => Assert.Null(Base58.Decode("0OIl"));
}
