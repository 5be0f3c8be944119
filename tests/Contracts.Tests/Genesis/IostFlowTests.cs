using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// IOST's user flows on a chain started from go-iost's genesis, through signed transactions against
/// the genesis contracts unmodified (the scenarios of go-iost's test/integration, in our words).
/// </summary>
public sealed class IostFlowTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [IostGenesisFact]
    public void SignUp_with_a_ram_buy_and_a_gas_pledge_creates_an_account_that_can_sign()
    {
        var key = _chain.NewAccount("alice1");
        Assert.NotNull(AccountStore.Read(_chain.World, "alice1"));
        Assert.Equal("1000", _chain.Balance("ram", "alice1"));
        // signUp pledges 10 for the new account itself, the SDK's pledge 10 more.
        Assert.Equal(20m, GasLedger.Pledged(_chain.World, "alice1"));
        _chain.SendOk("alice1", key, ["alice1@owner"], Action("auth.iost", "addPermission", "alice1", "perm1", 100));
    }

    [IostGenesisFact]
    public void Owner_methods_need_the_owner_permission_among_the_signers_as_in_iost()
    {
        var key = _chain.NewAccount("alice1");
        // A contract sees the signer list and the publisher's active, never keys (go-iost's authNormal).
        var receipt = _chain.Send("alice1", key, Action("auth.iost", "addPermission", "alice1", "perm1", 100));
        Assert.Contains("require auth failed", receipt.Status.Message);
    }

    [IostGenesisFact]
    public void A_transaction_signed_by_another_key_is_refused_by_account_js()
    {
        _chain.NewAccount("alice1");
        var receipt = _chain.Send("alice1", KeyPair.Generate(), ["alice1@owner"], Action("auth.iost", "addPermission", "alice1", "perm1", 100));
        Assert.NotEqual(StatusCode.Success, receipt.Status.Code);
    }

    [IostGenesisFact]
    public void Add_and_assign_permission_give_a_key_its_permission()
    {
        var key = _chain.NewAccount("alice1");
        var other = KeyPair.Generate();
        _chain.SendOk("alice1", key, ["alice1@owner"], Action("auth.iost", "addPermission", "alice1", "vote", 100));
        _chain.SendOk("alice1", key, ["alice1@owner"], Action("auth.iost", "assignPermission", "alice1", "vote", other.PublicKeyBase58, 100));
        var account = AccountStore.Read(_chain.World, "alice1")!;
        Assert.Equal(other.PublicKeyBase58, account.Permissions["vote"]!.Items![0].Id);
    }

    [IostGenesisFact]
    public void Ram_can_be_bought_sold_and_lent()
    {
        var key = _chain.NewAccount("alice1");
        _chain.NewAccount("bob01");
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "alice1", "1000", ""));
        _chain.SendOk("alice1", key, Action("ram.iost", "buy", "alice1", "alice1", 500));
        Assert.Equal("1500", _chain.Balance("ram", "alice1"));
        var before = Dec(_chain.Balance("iost", "alice1"));
        _chain.SendOk("alice1", key, Action("ram.iost", "sell", "alice1", "alice1", 200));
        Assert.Equal("1300", _chain.Balance("ram", "alice1"));
        Assert.True(Dec(_chain.Balance("iost", "alice1")) > before);
        _chain.SendOk("alice1", key, Action("ram.iost", "lend", "alice1", "bob01", 100));
        Assert.Equal("1100", _chain.Balance("ram", "bob01"));
    }

    [IostGenesisFact]
    public void Ram_cannot_be_transferred_except_through_ram_iost()
    {
        var key = _chain.NewAccount("alice1");
        var receipt = _chain.Send("alice1", key, Action("token.iost", "transfer", "ram", "alice1", "admin", "10", ""));
        Assert.Contains("transfer need issuer permission", receipt.Status.Message);
    }

    [IostGenesisFact]
    public void A_token_can_be_created_issued_transferred_frozen_and_destroyed()
    {
        var key = _chain.NewAccount("alice1");
        _chain.NewAccount("bob01");
        _chain.SendOk("alice1", key, Action("token.iost", "create", "coin", "alice1", 1000, JsonDocument.Parse("{\"decimal\": 0}").RootElement));
        _chain.SendOk("alice1", key, Action("token.iost", "issue", "coin", "alice1", "500"));
        _chain.SendOk("alice1", key, Action("token.iost", "transfer", "coin", "alice1", "bob01", "100", "hi"));
        _chain.SendOk("alice1", key, Action("token.iost", "transferFreeze", "coin", "alice1", "bob01", "50",
            (_chain.Time + 20_000_000_000).ToString(CultureInfo.InvariantCulture), ""));
        _chain.SendOk("alice1", key, Action("token.iost", "destroy", "coin", "alice1", "50"));
        Assert.Equal("300", _chain.Balance("coin", "alice1"));
        Assert.Equal("100", _chain.Balance("coin", "bob01"));
    }

    [IostGenesisFact]
    public void Gas_can_be_pledged_and_unpledged_and_accrues_over_time()
    {
        var key = _chain.NewAccount("alice1");
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "alice1", "100", ""));
        _chain.SendOk("alice1", key, Action("gas.iost", "pledge", "alice1", "alice1", "50"));
        Assert.Equal(70m, GasLedger.Pledged(_chain.World, "alice1"));
        var now = GasLedger.Current(_chain.World, "alice1", _chain.Time);
        _chain.Wait(TimeSpan.FromSeconds(100));
        Assert.Equal(now + 70m * 1.15m * 100, GasLedger.Current(_chain.World, "alice1", _chain.Time));
        _chain.SendOk("alice1", key, Action("gas.iost", "unpledge", "alice1", "alice1", "20"));
        Assert.Equal(50m, GasLedger.Pledged(_chain.World, "alice1"));
        // The unpledged IOST comes back frozen for three days.
        Assert.Equal("50", _chain.Balance("iost", "alice1"));
        Assert.Contains("\"20\"", _chain.MapGet("token", "TFalice1", "iost"));
    }

    [IostGenesisFact]
    public void Unpledging_below_the_minimum_is_refused()
    {
        var key = _chain.NewAccount("alice1");
        var receipt = _chain.Send("alice1", key, Action("gas.iost", "unpledge", "admin", "alice1", "5"));
        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
    }

    [IostGenesisFact]
    public void A_producer_can_apply_be_approved_and_receive_votes()
    {
        var key = _chain.NewAccount("prod01");
        var voter = _chain.NewAccount("voter1");
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "voter1", "5000", ""));
        _chain.SendOk("prod01", key, Action("vote_producer.iost", "applyRegister", "prod01", key.PublicKeyBase58, "loc", "url", "netid", true));
        _chain.SendOk("admin", Admin, Action("vote_producer.iost", "approveRegister", "prod01"));
        _chain.SendOk("voter1", voter, Action("vote_producer.iost", "vote", "voter1", "prod01", "1000"));
        _chain.SendOk("voter1", voter, Action("vote_producer.iost", "unvote", "voter1", "prod01", "400"));
        var pro = JsonDocument.Parse(_chain.MapGet("vote_producer.iost", "producerTable", "prod01")!).RootElement;
        Assert.Equal(1, pro.GetProperty("status").GetInt32());
    }

    [IostGenesisFact]
    public void A_domain_can_be_linked_and_transferred()
    {
        var key = _chain.NewAccount("alice1");
        _chain.NewAccount("bob01");
        _chain.SendOk("alice1", key, Action("domain.iost", "link", "my.app", "ram.iost"));
        _chain.SendOk("alice1", key, Action("domain.iost", "transfer", "my.app", "bob01"));
        Assert.Equal("bob01", _chain.MapGet("domain.iost", "owner", "my.app"));
    }

    [IostGenesisFact]
    public void Issue_iost_issues_to_bonus_and_foundation_over_time()
    {
        var supply = Dec(JsonSerializer.Deserialize<string>(_chain.SendOk("admin", Admin, Action("token.iost", "supply", "iost")).Returns[0])!);
        _chain.Wait(TimeSpan.FromDays(1));
        _chain.SendOk("admin", Admin, Action("issue.iost", "issueIOST"));
        var after = Dec(JsonSerializer.Deserialize<string>(_chain.SendOk("admin", Admin, Action("token.iost", "supply", "iost")).Returns[0])!);
        Assert.True(after > supply);
        Assert.NotEqual("0", _chain.Balance("iost", "bonus.iost"));
    }

    [IostGenesisFact]
    public void Contribute_earned_by_a_producer_exchanges_for_iost_at_bonus()
    {
        _chain.Wait(TimeSpan.FromDays(1));
        _chain.SendOk("admin", Admin, Action("issue.iost", "issueIOST"));
        // base.iost's exec runs first in every IOST block: it issues contribute to the block's producer.
        _chain.SendOk("admin", Admin, Action("base.iost", "exec", new { parent = new object[] { IostChain.Producer.PublicKeyBase58, 0, false } }));
        var contribute = Dec(_chain.Balance("contribute", "producer000"));
        Assert.True(contribute > 0);
        var before = Dec(_chain.Balance("iost", "producer000"));
        _chain.SendOk("producer000", IostChain.Producer, Action("bonus.iost", "exchangeIOST", "producer000", "0"));
        Assert.Equal(before + contribute, Dec(_chain.Balance("iost", "producer000")));
    }
}
