using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>On a chain started from a genesis, publishers pay for gas from gas.iost's ledger, as on IOST.</summary>
public sealed class GasPaymentTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    [IostGenesisFact]
    public void A_publisher_pays_the_gas_used_times_the_gas_ratio()
    {
        _chain.NewAccount("alice1");
        var before = GasLedger.Current(_chain.World, "admin", _chain.Time + 10_000_000_000);

        var receipt = _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "alice1", "1", ""));

        Assert.Equal(GasLedger.Format(receipt.GasUsed), receipt.GasPaid);
        Assert.Equal(before - receipt.GasUsed, GasLedger.Current(_chain.World, "admin", _chain.Time));
    }

    [IostGenesisFact]
    public void A_failed_transaction_still_pays_and_keeps_nothing_else()
    {
        var key = _chain.NewAccount("alice1");
        var gas = GasLedger.Current(_chain.World, "alice1", _chain.Time + 10_000_000_000);

        var receipt = _chain.Send("alice1", key, Action("token.iost", "transfer", "iost", "alice1", "admin", "1000000", ""));

        Assert.Equal(StatusCode.BalanceNotEnough, receipt.Status.Code);
        Assert.True(receipt.GasUsed > 0);
        Assert.Equal(gas - receipt.GasUsed, GasLedger.Current(_chain.World, "alice1", _chain.Time));
        Assert.Equal("0", _chain.Balance("iost", "alice1"));
    }

    [IostGenesisFact]
    public void A_publisher_without_the_gas_limit_in_gas_is_refused_before_running()
    {
        var key = _chain.NewAccount("alice1");

        var receipt = _chain.Send("alice1", key, [], 50_000_000, Action("token.iost", "balanceOf", "iost", "alice1"));

        Assert.Equal(StatusCode.WrongTxFormat, receipt.Status.Code);
        Assert.Contains("gas not enough", receipt.Status.Message);
    }

    [IostGenesisFact]
    public void A_pledge_for_oneself_counts_the_gas_it_gives_at_once()
    {
        var key = _chain.NewAccount("alice1");
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", "alice1", "100", ""));
        // 20 IOST pledged give about 2,000,000 gas; 50 more give 5,000,000 at once.
        var receipt = _chain.Send("alice1", key, [], 5_000_000, Action("gas.iost", "pledge", "alice1", "alice1", "50"));

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
    }

    [IostGenesisFact]
    public void Gas_accrues_back_over_time_up_to_the_limit()
    {
        var key = _chain.NewAccount("alice1");
        _chain.SendOk("alice1", key, Action("token.iost", "balanceOf", "iost", "alice1"));
        _chain.Wait(TimeSpan.FromDays(3));

        Assert.Equal(GasLedger.Limit(_chain.World, "alice1"), GasLedger.Current(_chain.World, "alice1", _chain.Time));
    }

    [IostGenesisFact]
    public void A_pledge_too_large_for_an_int64_of_iost_is_an_invalid_amount()
    {
        var receipt = _chain.Send("admin", Admin, Action("gas.iost", "pledge", "admin", "admin", "79228162514264337593543950335"));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Equal("invalid amount 79228162514264337593543950335", receipt.Status.Message);
    }
}
