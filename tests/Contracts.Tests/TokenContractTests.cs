using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class TokenContractTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Receipt Token(string method, string publisher, params string[] args) =>
        _h.Submit(publisher, 1_000_000, new TxAction("token", method, JsonSerializer.Serialize(args)));

    private string BalanceOf(string token, string account) => JsonSerializer.Deserialize<string>(Token("balanceOf", "anyone", token, account).Returns[0])!;

    [Fact]
    public void A_created_token_is_issued_and_transferred_with_its_decimals()
    {
        Assert.Equal(StatusCode.Success, Token("create", "alice", "gold", "alice", "1000", """{"decimal":2}""").Status.Code);
        Assert.Equal(StatusCode.Success, Token("issue", "alice", "gold", "alice", "100.5").Status.Code);

        var receipt = Token("transfer", "alice", "gold", "alice", "david", "0.25", "gift");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("100.25", BalanceOf("gold", "alice"));
        Assert.Equal("0.25", BalanceOf("gold", "david"));
    }

    [Fact]
    public void A_transfer_without_funds_is_balance_not_enough_and_changes_nothing()
    {
        Token("create", "alice", "gold", "alice", "1000", "{}");
        Token("issue", "alice", "gold", "alice", "10");

        var receipt = Token("transfer", "alice", "gold", "alice", "david", "11", "");

        Assert.Equal(StatusCode.BalanceNotEnough, receipt.Status.Code);
        Assert.Equal("10", BalanceOf("gold", "alice"));
        Assert.Equal("0", BalanceOf("gold", "david"));
    }

    [Theory]
    [InlineData("issue", "mallory", new[] { "gold", "mallory", "1" }, "has not authorised")]
    [InlineData("transfer", "mallory", new[] { "gold", "alice", "mallory", "1", "" }, "has not authorised")]
    [InlineData("issue", "alice", new[] { "gold", "alice", "1.234" }, "more than 2 decimals")]
    [InlineData("issue", "alice", new[] { "gold", "alice", "2000" }, "total supply")]
    [InlineData("create", "alice", new[] { "gold", "alice", "5", "{}" }, "exists already")]
    [InlineData("issue", "alice", new[] { "silver", "alice", "1" }, "does not exist")]
    public void Invalid_token_operations_are_refused_with_the_reason(string method, string publisher, string[] args, string reason)
    {
        Token("create", "alice", "gold", "alice", "1000", """{"decimal":2}""");

        var receipt = Token(method, publisher, args);

        Assert.NotEqual(StatusCode.Success, receipt.Status.Code);
        Assert.Contains(reason, receipt.Status.Message);
    }

    [Fact]
    public void Blockchain_transfer_moves_the_same_iost_balances_as_the_token_contract()
    {
        Token("create", "alice", "iost", "alice", "1000000", "{}");
        Token("issue", "alice", "iost", "alice", "50");

        var receipt = _h.Run("blockchain.transfer('alice', 'erina', '20', 'via contract');");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("30", BalanceOf("iost", "alice"));
        Assert.Equal("20", BalanceOf("iost", "erina"));
    }

    [Fact]
    public void Destroy_burns_from_the_payer_and_the_supply_falls_with_it()
    {
        Token("create", "alice", "gold", "alice", "1000", "{}");
        Token("issue", "alice", "gold", "alice", "100");

        var receipt = Token("destroy", "alice", "gold", "alice", "30");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("70", BalanceOf("gold", "alice"));
        Assert.Equal("\"70\"", Token("supply", "anyone", "gold").Returns[0]);
        Assert.Equal("\"1000\"", Token("totalSupply", "anyone", "gold").Returns[0]);
    }

    [Fact]
    public void A_deployed_contracts_owner_is_where_iost_keeps_it()
    {
        var id = _h.DeployClass("owner() { return storage.globalMapGet('system.iost', 'contract_owner', blockchain.contractName()); }", ("owner", 0));

        Assert.Equal("\"alice\"", _h.Call(id, "owner").Returns[0]);
    }

    [Fact]
    public void A_frozen_transfer_joins_the_receivers_balance_once_a_blocks_time_reaches_its_time()
    {
        Token("create", "alice", "gold", "alice", "1000", "{}");
        Token("issue", "alice", "gold", "alice", "100");

        // The harness's blocks have time 1234: one amount unfreezes at 1000, the other far later.
        Assert.Equal(StatusCode.Success, Token("transferFreeze", "alice", "gold", "alice", "bobby", "10", "1000", "").Status.Code);
        Assert.Equal(StatusCode.Success, Token("transferFreeze", "alice", "gold", "alice", "bobby", "5", "9000000000000000000", "").Status.Code);

        Assert.Equal("85", BalanceOf("gold", "alice"));
        Assert.Equal("10", BalanceOf("gold", "bobby"));
        Assert.Equal(StatusCode.BalanceNotEnough, Token("transfer", "bobby", "gold", "bobby", "alice", "11", "").Status.Code);
        Assert.Equal(StatusCode.Success, Token("transfer", "bobby", "gold", "bobby", "alice", "10", "").Status.Code);
    }

    [Fact]
    public void A_token_call_pays_gas_for_its_work()
    {
        var receipt = Token("create", "alice", "gold", "alice", "1000", "{}");

        Assert.InRange(receipt.GasUsed, 300, 1_000);
    }
}
