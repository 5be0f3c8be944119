using System.Text.Json;
using ActorVm.Contracts.Chain;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>A transaction's amount_limit bounds what its calls take out of accounts, per token, in all (IOST's rule).</summary>
public sealed class AmountLimitTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public AmountLimitTests()
    {
        Transfer("create", "gold", "alice", "1000", "{}");
        Transfer("issue", "gold", "alice", "100");
    }

    public void Dispose() => _h.Dispose();

    private Receipt Transfer(string method, params string[] args) =>
        _h.Submit("alice", 100_000, new TxAction("token.iost", method, JsonSerializer.Serialize(args)));

    private Receipt Pay(string amount, params AmountLimit[] limits)
    {
        _h.AmountLimit = limits;
        return Transfer("transfer", "gold", "alice", "bobby", amount, "");
    }

    [Fact]
    public void A_transfer_within_the_tokens_limit_runs()
    {
        Assert.Equal(StatusCode.Success, Pay("10", new AmountLimit("gold", "10")).Status.Code);
    }

    [Fact]
    public void A_transfer_past_the_tokens_limit_fails_and_moves_nothing()
    {
        var receipt = Pay("10.5", new AmountLimit("gold", "10"));

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Equal("token gold exceed amountLimit in tx. need 10.5", receipt.Status.Message);
        Assert.Null(_h.World.GetBalance("gold", "bobby"));
    }

    [Fact]
    public void A_star_entry_covers_tokens_without_their_own()
    {
        Assert.Equal(StatusCode.Success, Pay("50", new AmountLimit("*", "unlimited")).Status.Code);
        Assert.Equal(StatusCode.RuntimeError, Pay("50", new AmountLimit("*", "20")).Status.Code);
    }

    [Fact]
    public void Without_a_limit_nothing_may_be_taken()
    {
        Assert.Contains("exceed amountLimit", Pay("1").Status.Message);
    }

    private Receipt PayThroughContract(string abiLimit, string amount)
    {
        var abi = $$"""{"lang":"javascript","version":"1.0.0","abi":[{"name":"pay","args":["string"],"amountLimit":{{abiLimit}}}]}""";
        var id = _h.Deploy("class C { pay(amount) { blockchain.callWithAuth('token.iost', 'transfer', ['gold', 'alice', 'bobby', amount, '']); } } module.exports = C;", abi);
        _h.AmountLimit = [new AmountLimit("*", "unlimited")];
        return _h.Call(id, "pay", JsonSerializer.Serialize(new[] { amount }));
    }

    [Fact]
    public void A_method_moves_the_callers_tokens_within_its_abis_limit()
    {
        Assert.Equal(StatusCode.Success, PayThroughContract("""[{"token":"gold","val":"10"}]""", "10").Status.Code);
    }

    [Fact]
    public void A_method_that_takes_more_than_its_abi_allows_fails()
    {
        var receipt = PayThroughContract("""[{"token":"gold","val":"10"}]""", "11");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Equal("token gold exceed amountLimit in abi. need 11", receipt.Status.Message);
    }

    [Fact]
    public void A_method_whose_abi_names_no_limit_takes_nothing()
    {
        Assert.Contains("exceed amountLimit in abi", PayThroughContract("[]", "1").Status.Message);
    }
}
