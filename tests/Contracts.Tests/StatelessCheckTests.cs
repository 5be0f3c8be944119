using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>What a transaction is refused for before any state is read (TransactionAuthorization.Stateless).</summary>
public sealed class StatelessCheckTests
{
    private static readonly KeyPair Alice = KeyPair.Generate();
    private static readonly KeyPair Bob = KeyPair.Generate();
    private static readonly ChainRules Rules = new(Transaction.DefaultChainId, null);

    private static Transaction Unsigned(params AmountLimit[] limits) =>
        new(1700000000000000000, 1700000090000000000, 500000, "alice1", ["alice1@active", "bob1@active"],
            [new TxAction("token.iost", "transfer", "[\"iost\",\"alice1\",\"bob1\",\"1\",\"\"]")]) { AmountLimit = limits };

    [Fact]
    public void A_transaction_signed_by_two_keys_passes()
    {
        var tx = Unsigned(new AmountLimit("iost", "1")).SignedBy(Alice).SignedBy(Bob).SignedAsPublisher(Alice);
        Assert.Null(TransactionAuthorization.Stateless(tx, Rules));
    }

    [Fact]
    public void A_key_that_signs_twice_is_refused()
    {
        var tx = Unsigned().SignedBy(Alice).SignedBy(Bob).SignedBy(Alice).SignedAsPublisher(Alice);
        Assert.Equal("a key signs the transaction twice", TransactionAuthorization.Stateless(tx, Rules));
    }

    [Fact]
    public void A_key_that_signs_as_publisher_twice_is_refused()
    {
        var tx = Unsigned().SignedAsPublisher(Alice).SignedAsPublisher(Bob).SignedAsPublisher(Alice);
        Assert.Equal("a key signs as publisher twice", TransactionAuthorization.Stateless(tx, Rules));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public void A_token_named_twice_in_the_amount_limit_is_refused_however_long_the_list(int tokens)
    {
        var limits = Enumerable.Range(0, tokens).Select(i => new AmountLimit($"t{i}", "1")).Append(new AmountLimit("t1", "2")).ToArray();
        var tx = Unsigned(limits).SignedAsPublisher(Alice);
        Assert.Equal("duplicated token in amountLimit: t1", TransactionAuthorization.Stateless(tx, Rules));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public void The_amount_limits_first_problem_in_order_is_the_one_reported(int tokens)
    {
        var limits = Enumerable.Range(0, tokens).Select(i => new AmountLimit($"t{i}", i == 0 ? "lots" : "1")).Append(new AmountLimit("t1", "2")).ToArray();
        var tx = Unsigned(limits).SignedAsPublisher(Alice);
        Assert.Equal("amountLimit of t0 is 'lots': a decimal amount or \"unlimited\"", TransactionAuthorization.Stateless(tx, Rules));
    }

    [Fact]
    public void A_copy_with_another_signature_has_its_own_key_levels()
    {
        var signed = Unsigned().SignedBy(Bob).SignedAsPublisher(Alice);
        var levels = signed.Signing.KeyLevels();
        var again = signed.SignedAsPublisher(Bob);
        Assert.Equal(new[] { Alice.PublicKeyBase58, Bob.PublicKeyBase58 }.Order(StringComparer.Ordinal), levels.Keys);
        Assert.Equal(TxSigning.SignerLevel, levels[Bob.PublicKeyBase58]);
        Assert.Equal(TxSigning.PublisherLevel, again.Signing.KeyLevels()[Bob.PublicKeyBase58]);
    }
}
