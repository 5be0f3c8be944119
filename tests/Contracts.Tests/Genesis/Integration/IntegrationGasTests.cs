using System.Globalization;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// go-iost's test/integration/gas_test.go on a chain started from go-iost's genesis: gas.iost's pledges
/// (100,000 gas per IOST at once, 1.15 per IOST per second after, up to 300,000 per IOST), unpledges
/// (frozen three days, at least 10 IOST left pledged) and pledges for other accounts. Every account
/// signed up here has 20 IOST pledged for it by admin; a transaction's own gas is its receipt's GasUsed.
/// </summary>
public sealed class IntegrationGasTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    private static readonly TimeSpan Block = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Freeze = TimeSpan.FromDays(3);

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private decimal Iost(string account) => Dec(_chain.Balance("iost", account));

    private decimal Gas(string account) => GasLedger.Current(_chain.World, account, _chain.Time);

    /// <summary>An account's gas in the next block, before its transaction runs.</summary>
    private decimal GasInNextBlock(string account) => GasLedger.Current(_chain.World, account, _chain.Time + (long)Block.TotalNanoseconds);

    private KeyPair Funded(string id, string iost)
    {
        var key = _chain.NewAccount(id);
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", id, iost, ""));
        return key;
    }

    private static TxAction Pledge(string pledger, string to, string amount) => Action("gas.iost", "pledge", pledger, to, amount);

    private static TxAction Unpledge(string pledger, string from, string amount) => Action("gas.iost", "unpledge", pledger, from, amount);

    private static void Refused(Receipt receipt, string message)
    {
        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains(message, receipt.Status.Message);
    }

    /// <summary>Lets the frozen IOST of an account join its balance (a read through token.iost settles it).</summary>
    private void Settle(string account) => _chain.SendOk("admin", Admin, Action("token.iost", "balanceOf", "iost", account));

    // go-iost test/integration/gas_test.go: TestGas_PledgeAuth, TestGas_NotEnoughMoney
    [IostGenesisFact]
    public void Pledging_needs_the_pledgers_authority_enough_iost_and_at_least_one_iost()
    {
        var key = Funded("alice1", "100");

        Assert.NotEqual(StatusCode.Success, _chain.Send("alice1", key, Pledge("admin", "alice1", "10")).Status.Code);
        Assert.Equal(StatusCode.BalanceNotEnough, _chain.Send("alice1", key, Pledge("alice1", "alice1", "20000")).Status.Code);
        Refused(_chain.Send("alice1", key, Pledge("alice1", "alice1", "0.5")), "min pledge num is 1");
        Assert.Equal(20m, GasLedger.Pledged(_chain.World, "alice1"));
        Assert.Equal(100m, Iost("alice1"));
    }

    // go-iost test/integration/gas_test.go: TestGas_Pledge
    [IostGenesisFact]
    public void A_pledge_moves_iost_to_gas_iost_gives_gas_at_once_then_accrues_up_to_the_limit()
    {
        var key = Funded("alice1", "300");
        var (gas, pool) = (GasInNextBlock("alice1"), Iost("gas.iost"));

        var receipt = _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "200"));

        Assert.Equal(100m, Iost("alice1"));
        Assert.Equal(pool + 200, Iost("gas.iost"));
        var now = Gas("alice1");
        Assert.Equal(gas + 200 * GasLedger.ImmediatePerIost - receipt.GasUsed, now);

        _chain.Wait(TimeSpan.FromSeconds(5));
        Assert.Equal(now + 220 * 1.15m * 5, Gas("alice1"));

        _chain.Wait(TimeSpan.FromDays(4));
        Assert.Equal(220 * GasLedger.LimitPerIost, GasLedger.Limit(_chain.World, "alice1"));
        Assert.Equal(220 * GasLedger.LimitPerIost, Gas("alice1"));
    }

    // go-iost test/integration/gas_test.go: TestGas_PledgeMore
    [IostGenesisFact]
    public void A_second_pledge_adds_its_gas_at_once_and_then_all_pledges_accrue()
    {
        var key = Funded("alice1", "1000");
        _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "200"));
        var gas = GasInNextBlock("alice1");

        var receipt = _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "300"));
        _chain.Wait(TimeSpan.FromSeconds(10));

        Assert.Equal(gas + 300 * GasLedger.ImmediatePerIost - receipt.GasUsed + 520 * 1.15m * 10, Gas("alice1"));
        Assert.Equal(500m, Iost("alice1"));
        Assert.Equal(500m, GasLedger.PledgedBy(_chain.World, "alice1", "alice1"));
    }

    // go-iost test/integration/gas_test.go: TestGas_unpledge
    [IostGenesisFact]
    public void Unpledging_lowers_the_limit_at_once_and_returns_the_iost_frozen_for_three_days()
    {
        var key = Funded("alice1", "300");
        _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "200"));
        var pool = Iost("gas.iost");

        _chain.SendOk("alice1", key, Unpledge("alice1", "alice1", "190"));

        Assert.Equal(100m, Iost("alice1"));
        Assert.Equal(pool - 190, Iost("gas.iost"));
        Assert.Equal(30 * GasLedger.LimitPerIost, GasLedger.Limit(_chain.World, "alice1"));
        Assert.True(Gas("alice1") <= 30 * GasLedger.LimitPerIost);

        _chain.Wait(Freeze);
        Settle("alice1");
        Assert.Equal(290m, Iost("alice1"));
    }

    // go-iost test/integration/gas_test.go: TestGas_unpledgeTooMuch, TestGas_PledgeunpledgeForOther "Test unpledge amount"
    [IostGenesisFact]
    public void Unpledging_is_refused_below_the_ten_iost_minimum_beyond_ones_own_pledge_or_under_one_iost_but_ones_whole_pledge_may_go()
    {
        var key = Funded("alice1", "100");
        var bob = _chain.NewAccount("bob01");
        _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "50"));

        // admin's 20 for alice1 and alice1's own 50: 70 - 61 leaves less than 10.
        Refused(_chain.Send("admin", Admin, Unpledge("admin", "alice1", "61")), "unpledge too much");
        Refused(_chain.Send("alice1", key, Unpledge("alice1", "alice1", "55")), "you cannot unpledge more than your pledge");
        Refused(_chain.Send("alice1", key, Unpledge("alice1", "alice1", "0.5")), "min unpledge num is 1");
        Refused(_chain.Send("bob01", bob, Unpledge("bob01", "alice1", "5")), "bob01 did not pledge for alice1");
        Assert.Equal(70m, GasLedger.Pledged(_chain.World, "alice1"));

        // All of its own pledge may go while admin's 20 keep the minimum (TestGas_PledgeunpledgeForOther "Test unpledge amount").
        _chain.SendOk("alice1", key, Unpledge("alice1", "alice1", "50"));
        Assert.Equal(20m, GasLedger.Pledged(_chain.World, "alice1"));
        Assert.Equal(0m, GasLedger.PledgedBy(_chain.World, "alice1", "alice1"));
    }

    // go-iost test/integration/gas_test.go: TestGas_PledgeunpledgeForOther
    [IostGenesisFact]
    public void A_pledge_for_another_account_gives_it_the_gas_and_its_unpledge_returns_the_iost_to_the_pledger()
    {
        var key = Funded("alice1", "300");
        _chain.NewAccount("bob01");
        var (mine, theirs) = (GasInNextBlock("alice1"), GasInNextBlock("bob01"));

        var receipt = _chain.SendOk("alice1", key, Pledge("alice1", "bob01", "200"));

        Assert.Equal(100m, Iost("alice1"));
        Assert.Equal(theirs + 200 * GasLedger.ImmediatePerIost, Gas("bob01"));
        Assert.Equal(mine - receipt.GasUsed, Gas("alice1"));

        _chain.SendOk("alice1", key, Unpledge("alice1", "bob01", "190"));
        _chain.Wait(Freeze);
        Settle("alice1");
        Assert.Equal(290m, Iost("alice1"));
        Assert.Equal(30m, GasLedger.Pledged(_chain.World, "bob01"));
    }

    // go-iost test/integration/gas_test.go: TestGas_Increase
    [IostGenesisFact]
    public void Gas_spent_plus_gas_left_grows_by_1_15_per_pledged_iost_per_second()
    {
        var key = Funded("alice1", "10");
        var (gas, start, used) = (Gas("alice1"), _chain.Time, 0L);

        for (var i = 0; i < 3; i++)
            used += _chain.SendOk("alice1", key, Action("token.iost", "transfer", "iost", "alice1", "admin", "1", "")).GasUsed;

        var seconds = (_chain.Time - start) / 1_000_000_000;
        Assert.Equal(20 * GasLedger.IncreasePerIostPerSecond * seconds, Gas("alice1") - gas + used);
    }

    // go-iost test/integration/gas_test.go: TestGas_Overflow
    [IostGenesisFact]
    public void Large_pledges_never_make_gas_negative()
    {
        var key = Funded("alice1", "20002");

        _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "20000.00000000"));
        Assert.True(Gas("alice1") > 0);
        _chain.Wait(Freeze);
        _chain.SendOk("alice1", key, Pledge("alice1", "alice1", "1.00000010"));
        Assert.True(Gas("alice1") > 0);
        _chain.Wait(Freeze);
        Assert.True(Gas("alice1") > 0);
    }
}
