using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>IOST's full encoding of a transaction read back: what a block's records keep.</summary>
public sealed class TxDecodingTests
{
    private static readonly KeyPair Ed = KeyPair.FromSecret(KeyAlgorithm.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly KeyPair Secp = KeyPair.FromSecret(KeyAlgorithm.Secp256k1, Enumerable.Range(0x40, 32).Select(i => (byte)i).ToArray());

    private static Transaction Rich() =>
        new Transaction(1_700_000_000_000_000_001, 1_700_000_090_000_000_000, 123_456, "alice1", ["alice1@active", "bob123@owner"],
            [
                new TxAction("token.iost", "transfer", "[\"iost\",\"alice1\",\"bob123\",\"10.5\",\"memo ü ✓ 😀\"]"),
                new TxAction("Contract9xyz", "do", "[]"),
            ])
        {
            GasRatio = 250,
            Delay = 7,
            ChainId = 4_000_000_000,
            AmountLimit = [new AmountLimit("iost", "10.5"), new AmountLimit("*", "unlimited")],
        }.SignedBy(Ed).SignedBy(Secp).SignedAsPublisher(Ed);

    private static byte[] Full(Transaction tx)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        TxEncoding.WriteFull(output, tx);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_transaction_reads_back_from_its_full_encoding_with_the_same_json_and_hash()
    {
        var tx = Rich();

        var read = TxEncoding.Decode(Full(tx));

        Assert.Equal(ChainJson.Serialize(tx), ChainJson.Serialize(read));
        Assert.Equal(tx.Hash, read.Hash);
        Assert.True(read.PublisherSigs[0].Verify(read.PublishHash));
    }

    [Fact]
    public void A_transaction_with_nothing_optional_reads_back_whole()
    {
        var tx = new Transaction(0, 0, 0, "", [], []);

        Assert.Equal(ChainJson.Serialize(tx), ChainJson.Serialize(TxEncoding.Decode(Full(tx))));
    }

    [Fact]
    public void Every_cut_short_encoding_is_refused_as_invalid_data()
    {
        var full = Full(Rich());
        for (var length = 0; length < full.Length; length++)
            Assert.Throws<InvalidDataException>(() => TxEncoding.Decode(full.AsSpan(0, length)));
    }

    [Fact]
    public void Bytes_after_the_end_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => TxEncoding.Decode([.. Full(Rich()), 0]));
    }

    [Fact]
    public void An_unknown_signature_algorithm_is_refused_and_does_not_encode_whole()
    {
        var tx = new Transaction(1, 2, 3, "alice1", [], []) { PublisherSigs = [new Signature((KeyAlgorithm)9, [1], [2])] };

        Assert.Throws<InvalidDataException>(() => TxEncoding.Decode(Full(tx)));
        Assert.False(TxEncoding.EncodesWhole(tx));
    }

    [Theory]
    [InlineData(long.MaxValue / 100 + 1)]
    [InlineData(long.MinValue / 100 - 1)]
    public void A_gas_limit_whose_encoding_overflows_does_not_encode_whole(long gas)
    {
        Assert.False(TxEncoding.EncodesWhole(new Transaction(1, 2, gas, "alice1", [], [])));
        Assert.True(TxEncoding.EncodesWhole(new Transaction(1, 2, gas > 0 ? long.MaxValue / 100 : long.MinValue / 100, "alice1", [], [])));
    }

    [Fact]
    public void Text_with_a_lone_surrogate_does_not_encode_whole()
    {
        Assert.False(TxEncoding.EncodesWhole(new Transaction(1, 2, 3, "alice1", [], [new TxAction("c", "m", "[\"\ud800\"]")])));
        Assert.False(TxEncoding.EncodesWhole(new Transaction(1, 2, 3, "alice1", [], []) { AmountLimit = [new AmountLimit("\udc00", "1")] }));
        Assert.True(TxEncoding.EncodesWhole(Rich()));
    }
}
