using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>What go-iost's genesis block leaves behind, run here from its own contracts and configuration.</summary>
public sealed class IostGenesisTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    [IostGenesisFact]
    public void The_genesis_contracts_are_deployed_under_their_names_and_owned_by_admin()
    {
        foreach (var name in new[] { "issue.iost", "auth.iost", "bonus.iost", "vote.iost", "vote_producer.iost", "base.iost", "exchange.iost", "ram.iost" })
        {
            Assert.NotNull(_chain.World.GetContract(name));
            Assert.Equal("admin", _chain.MapGet("system.iost", "contract_owner", name));
        }
    }

    [IostGenesisFact]
    public void The_genesis_accounts_hold_the_keys_of_the_configuration()
    {
        Assert.Equal(Admin.PublicKeyBase58, AccountStore.Read(_chain.World, "admin")!.Permissions["active"]!.Items![0].Id);
        Assert.NotNull(AccountStore.Read(_chain.World, "foundation"));
        Assert.NotNull(AccountStore.Read(_chain.World, "producer000"));
        Assert.NotNull(AccountStore.Read(_chain.World, "deadaddr"));
    }

    [IostGenesisFact]
    public void Admin_holds_its_genesis_balance_less_what_it_paid_for_ram_and_gas()
    {
        // 21,000,000,000 issued; 100 IOST pledged for each of admin, foundation and producer000; RAM bought for admin and producer000.
        var balance = decimal.Parse(_chain.Balance("iost", "admin"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(balance, 20_999_990_000m, 20_999_999_700m);
        Assert.NotEqual("0", _chain.Balance("iost", "ram.iost"));
        Assert.Equal("300", _chain.Balance("iost", "gas.iost"));
        Assert.Equal("100000", _chain.Balance("ram", "admin"));
        Assert.Equal("100000", _chain.Balance("ram", "producer000"));
        Assert.Equal(GenesisTransaction.ReserveRam.ToString(System.Globalization.CultureInfo.InvariantCulture), _chain.Balance("ram", "foundation"));
    }

    [IostGenesisFact]
    public void Admin_foundation_and_producer_have_gas_pledged()
    {
        foreach (var id in new[] { "admin", "foundation", "producer000" })
        {
            Assert.Equal(100m, GasLedger.Pledged(_chain.World, id));
            Assert.Equal(10_000_000m, GasLedger.Current(_chain.World, id, _chain.Time));
        }
    }

    [IostGenesisFact]
    public void The_genesis_producer_is_registered_with_vote_producer()
    {
        var producer = JsonDocument.Parse(_chain.MapGet("vote_producer.iost", "producerTable", "producer000")!).RootElement;
        Assert.Equal(IostChain.Producer.PublicKeyBase58, producer.GetProperty("pubkey").GetString());
    }

    [IostGenesisFact]
    public void Init_methods_refuse_outside_the_genesis_block()
    {
        var receipt = _chain.Send("admin", Admin, Action("auth.iost", "initAdmin", "admin"));
        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("init out of genesis block", receipt.Status.Message);
        Assert.Contains("initSetCode in normal block", _chain.Send("admin", Admin, Action("system.iost", "initSetCode", "x.iost", "{}")).Status.Message);
    }
}

