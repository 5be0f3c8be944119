using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;

namespace ActorVm.Contracts.Tests;

/// <summary>Parts of the contract API made as go-iost has them: IOSTCrypto's hex and verify functions, and format.</summary>
public sealed class IostApiTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Run(string body) => JsonSerializer.Deserialize<string>(_h.Run(body).Returns[0])!;

    [Fact]
    public void Sha3_hex_hashes_the_bytes_the_hex_holds()
    {
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA3_256.HashData([0xab, 0xcd])), Run("return IOSTCrypto.sha3Hex('abcd');"));
        Assert.Equal("", Run("return IOSTCrypto.sha3Hex('not hex');"));
    }

    [Fact]
    public void Ripemd160_hex_hashes_the_bytes_the_hex_holds()
    {
        // RIPEMD-160 of the empty input (its published test vector).
        Assert.Equal("9c1185a5c5e9fc54612808977ee8f548b2258d31", Run("return IOSTCrypto.ripemd160Hex('');"));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519, "ed25519")]
    [InlineData(KeyAlgorithm.Secp256k1, "secp256k1")]
    public void Verify_answers_1_for_a_signature_that_verifies_and_0_otherwise(KeyAlgorithm algorithm, string name)
    {
        var key = KeyPair.Generate(algorithm);
        var message = System.Security.Cryptography.SHA3_256.HashData("hello"u8);
        var signature = key.Sign(message);
        var (m, s, k) = (Base58.Encode(message), Base58.Encode(signature.Sig), key.PublicKeyBase58);

        var answers = JsonDocument.Parse(_h.Run($"return [IOSTCrypto.verify('{name}', '{m}', '{s}', '{k}'), IOSTCrypto.verify('{name}', '{Base58.Encode("other"u8)}', '{s}', '{k}'), IOSTCrypto.verify('rsa', '{m}', '{s}', '{k}')];").Returns[0]).RootElement;

        Assert.Equal("[1,0,0]", answers.GetRawText());
    }

    [Theory]
    [InlineData("format('%s has %d tokens', 'alice', 5)", "alice has 5 tokens")]
    [InlineData("format('%v and %%', {a: 1})", "{\"a\":1} and %")]
    [InlineData("format('extra', 1, 'two', {b: 2})", "extra 1 two {\"b\":2}")]
    [InlineData("format({a: 1})", "{\"a\":1}")]
    [InlineData("format('%i / %f', '42.9', '1.5')", "42 / 1.5")]
    public void Format_writes_as_go_iosts_format(string call, string text)
    {
        Assert.Equal(text, Run($"return {call};"));
    }
}
