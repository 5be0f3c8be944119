using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class TokenTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public TokenTests() => _h.World.SetBalance(NativeToken.Name, "alice", "100");

    public void Dispose() => _h.Dispose();

    private string Balance(string account) => _h.World.GetBalance(NativeToken.Name, account) ?? "0";

    [Fact]
    public void Transfer_moves_the_native_token_between_accounts()
    {
        var receipt = _h.Run("blockchain.transfer('alice', 'david', '12.5', 'rent');");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("87.5", Balance("alice"));
        Assert.Equal("12.5", Balance("david"));
    }

    [Fact]
    public void A_transfer_without_funds_fails_the_whole_transaction_even_inside_try_catch()
    {
        var receipt = _h.Run("storage.put('before', 'x'); try { blockchain.transfer('alice', 'david', '1000', ''); } catch (e) { return 'caught'; }");

        Assert.Equal(StatusCode.BalanceNotEnough, receipt.Status.Code);
        Assert.Equal("100", Balance("alice"));
        Assert.DoesNotContain(_h.World.Values.Keys, k => k.Contains("before"));
        Assert.True(receipt.GasUsed > 0);
    }

    [Fact]
    public void Transfer_from_an_account_that_did_not_sign_is_refused()
    {
        var receipt = _h.Run("blockchain.transfer('mallory', 'david', '1', '');");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("has not authorised", receipt.Status.Message);
    }

    [Fact]
    public void Deposit_pays_the_contract_and_withdraw_pays_out_of_it()
    {
        var id = _h.DeployClass("inOut() { blockchain.deposit('alice', '10', ''); blockchain.withdraw('erina', '4', ''); }", ("inOut", 0));

        _h.Call(id, "inOut");

        Assert.Equal("90", Balance("alice"));
        Assert.Equal("6", Balance(id));
        Assert.Equal("4", Balance("erina"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.123456789")]
    [InlineData("ten")]
    public void An_invalid_amount_is_refused(string amount)
    {
        var receipt = _h.Run($"blockchain.transfer('alice', 'david', '{amount}', '');");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("must be a positive decimal", receipt.Status.Message);
    }
}
