using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// The embedded dev genesis: IOST's local node accounts and keys on our own built-in contracts, with
/// the account, RAM and gas methods IOST's tools use; nothing charged.
/// </summary>
public sealed class DevGenesisTests : IDisposable
{
    private readonly IostChain _chain = IostChain.Dev();

    public void Dispose() => _chain.Dispose();

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Admin_foundation_and_the_producer_hold_iost_local_node_keys_iost_ram_and_gas()
    {
        Assert.Equal(GenesisConfig.IostDevAdminKey, AccountStore.Read(_chain.World, "admin")!.Permissions["active"]!.Items![0].Id);
        Assert.NotNull(AccountStore.Read(_chain.World, "foundation"));
        Assert.Equal(GenesisConfig.IostDevProducerKey, AccountStore.Read(_chain.World, "producer000")!.Permissions["owner"]!.Items![0].Id);
        Assert.InRange(Dec(_chain.Balance("iost", "admin")), 20_999_990_000m, 21_000_000_000m);
        Assert.Equal(100_000, _chain.Ram("admin"));
        Assert.Equal(100_000, _chain.Ram("producer000"));
        Assert.Equal(100m, GasLedger.Pledged(_chain.World, "foundation"));
    }

    [Fact]
    public void An_account_made_as_the_sdk_makes_it_gets_its_ram_and_gas()
    {
        _chain.NewAccount("alice1", ram: 2048, gas: "10");

        Assert.Equal(2048, _chain.Ram("alice1"));
        Assert.Equal(10m, GasLedger.Pledged(_chain.World, "alice1"));
    }

    [Fact]
    public void Ram_bought_costs_iost_that_selling_partly_returns()
    {
        var key = _chain.NewAccount("alice1");
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "alice1", "100", ""));

        var paid = Dec(System.Text.Json.JsonSerializer.Deserialize<string>(_chain.SendOk("alice1", key, Action("ram.iost", "buy", "alice1", "alice1", 1000)).Returns[0])!);
        Assert.Equal(100m - paid, Dec(_chain.Balance("iost", "alice1")));
        _chain.SendOk("alice1", key, Action("ram.iost", "sell", "alice1", "alice1", 500));

        Assert.Equal(1500, _chain.Ram("alice1"));
        Assert.InRange(Dec(_chain.Balance("iost", "alice1")), 100m - paid, 100m);
    }

    [Fact]
    public void Ram_lent_moves_to_the_borrower_and_cannot_be_sold_by_it()
    {
        var key = _chain.NewAccount("alice1");
        var bob = _chain.NewAccount("bob01");
        _chain.SendOk("alice1", key, Action("ram.iost", "lend", "alice1", "bob01", 300));

        Assert.Equal(700, _chain.Ram("alice1"));
        Assert.Equal(1300, _chain.Ram("bob01"));
        Assert.Contains("self ram amount 1000, not enough for sell", _chain.Send("bob01", bob, Action("ram.iost", "sell", "bob01", "bob01", 1300)).Status.Message);
    }

    [Fact]
    public void Ram_trades_below_ten_bytes_or_without_the_payers_consent_are_refused()
    {
        var key = _chain.NewAccount("alice1");
        Assert.Contains("minimum ram amount for trading is 10 byte", _chain.Send("alice1", key, Action("ram.iost", "buy", "alice1", "alice1", 5)).Status.Message);
        Assert.Contains("require auth failed", _chain.Send("alice1", key, Action("ram.iost", "buy", "admin", "alice1", 100)).Status.Message);
    }

    [Fact]
    public void Ram_moves_only_through_ram_iost()
    {
        var key = _chain.NewAccount("alice1");
        var receipt = _chain.Send("alice1", key, Action("token.iost", "transfer", "ram", "alice1", "admin", "10", ""));
        Assert.Contains("transfer need issuer permission", receipt.Status.Message);
    }

    [Fact]
    public void Nothing_is_charged_for_gas_on_a_dev_chain()
    {
        var key = _chain.NewAccount("alice1");
        var gas = GasLedger.Current(_chain.World, "alice1", _chain.Time);
        var receipt = _chain.SendOk("alice1", key, Action("token.iost", "balanceOf", "iost", "alice1"));
        Assert.Null(receipt.GasPaid);
        Assert.Equal(gas, GasLedger.Current(_chain.World, "alice1", _chain.Time - 10_000_000_000));
    }
}
