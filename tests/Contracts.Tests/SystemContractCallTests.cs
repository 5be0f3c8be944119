using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>Contracts reach the system contracts as IOST's do: token.iost through call and callWithAuth, amounts as numbers.</summary>
public sealed class SystemContractCallTests : IDisposable
{
    private readonly ContractHarness _h = new();
    private readonly string _payer;

    public SystemContractCallTests()
    {
        _payer = _h.DeployClass("""
            pay(to, amount) { blockchain.callWithAuth('token.iost', 'transfer', ['gold', blockchain.contractName(), to, amount, 'paid']); }
            payWithoutAuth(to) { blockchain.call('token.iost', 'transfer', ['gold', blockchain.contractName(), to, '1', '']); }
            balance(who) { return blockchain.call('token.iost', 'balanceOf', ['gold', who])[0]; }
            """, ("pay", 2), ("payWithoutAuth", 1), ("balance", 1));
        Token("create", "gold", "alice", "1000", "{}");
        Token("issue", "gold", _payer, "100");
        _h.World.SetBalance(NativeToken.Name, "alice", "100");
    }

    public void Dispose() => _h.Dispose();

    private Receipt Token(string method, params string[] args) =>
        _h.Submit("alice", 100_000, new TxAction("token.iost", method, JsonSerializer.Serialize(args)));

    [Fact]
    public void A_contract_pays_from_its_own_balance_through_token_iost_with_its_authority()
    {
        var receipt = _h.Call(_payer, "pay", """["david", "5"]""");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("5", _h.World.GetBalance("gold", "david"));
        Assert.Equal("95", _h.World.GetBalance("gold", _payer));
    }

    [Fact]
    public void Without_lending_its_authority_a_contract_moves_nothing_through_token_iost()
    {
        var receipt = _h.Call(_payer, "payWithoutAuth", """["david"]""");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("has not authorised", receipt.Status.Message);
        Assert.Null(_h.World.GetBalance("gold", "david"));
    }

    [Fact]
    public void A_contract_reads_a_balance_through_token_iost()
    {
        var receipt = _h.Call(_payer, "balance", JsonSerializer.Serialize(new[] { _payer }));

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("\"100\"", receipt.Returns[0]);
    }

    [Theory]
    [InlineData("blockchain.transfer('alice', 'david', '1', 'rent');", 354)]
    [InlineData("blockchain.deposit('alice', '1', 'in');", 344)]
    public void Moving_tokens_costs_what_it_cost_before(string body, long gas)
    {
        var receipt = _h.Run(body);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(gas, receipt.GasUsed);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("new Float64('12.5')")]
    public void Blockchain_transfer_takes_an_amount_as_a_number_or_a_float64_as_iost_does(string amount)
    {
        var receipt = _h.Run($"blockchain.transfer('alice', 'david', {amount}, 'rent');");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("12.5", _h.World.GetBalance(NativeToken.Name, "david"));
    }

    [Fact]
    public void A_transfer_to_oneself_is_allowed_and_changes_no_balance()
    {
        Assert.Equal(StatusCode.Success, _h.Run("blockchain.transfer('alice', 'alice', '10', '');").Status.Code);
        Assert.Equal("100", _h.World.GetBalance(NativeToken.Name, "alice"));
    }

    [Fact]
    public void A_memo_longer_than_512_bytes_is_refused()
    {
        var receipt = _h.Run("blockchain.transfer('alice', 'david', '1', 'x'.repeat(513));");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("memo too large", receipt.Status.Message);
    }

    [Fact]
    public void A_system_call_that_fails_on_its_input_leaves_nothing_behind_and_the_caller_goes_on()
    {
        var id = _h.DeployClass("""
            f() {
              try { blockchain.callWithAuth('token.iost', 'transferFreeze', ['gold', blockchain.contractName(), 'david', '1', 'soon', '']); }
              catch (e) { return 'caught: ' + e.message; }
            }
            """, ("f", 0));
        Token("issue", "gold", id, "10");

        var receipt = _h.Call(id, "f");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Contains("caught", receipt.Returns[0]);
        Assert.Equal("10", _h.World.GetBalance("gold", id));
    }

    [Fact]
    public void An_account_holds_a_bounded_number_of_frozen_amounts_of_a_token()
    {
        _h.AmountLimit = [new AmountLimit("*", "unlimited")];
        Token("issue", "gold", "alice", "100");
        for (var i = 0; i < 64; i++)
            Assert.Equal(StatusCode.Success, Token("transferFreeze", "gold", "alice", "david", "0.01", "9000000000000000000", "").Status.Code);

        Assert.Contains("frozen amounts", Token("transferFreeze", "gold", "alice", "david", "0.01", "9000000000000000000", "").Status.Message);
    }
}
