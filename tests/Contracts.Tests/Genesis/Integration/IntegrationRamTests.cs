using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Genesis;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// go-iost's test/integration/ram_test.go on a chain started from go-iost's genesis: ram.iost (ram.js,
/// unmodified) selling RAM from its pool for IOST, buying it back, lending it, and keeping bought
/// ("self") RAM apart from lent RAM. Prices depend on the pool, so amounts of IOST are checked by
/// where they went, not by value.
/// </summary>
public sealed class IntegrationRamTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private decimal Iost(string account) => Dec(_chain.Balance("iost", account));

    /// <summary>What a ram.iost method returned: the price in IOST, two decimals.</summary>
    private static decimal Price(Receipt receipt) => Dec(JsonSerializer.Deserialize<string>(receipt.Returns[0])!);

    /// <summary>An account with 1000 bytes bought for it by admin, and IOST of its own.</summary>
    private KeyPair Funded(string id, long ram = 1000, string iost = "1000")
    {
        var key = _chain.NewAccount(id, ram);
        _chain.SendOk("admin", Admin, Action("token.iost", "transfer", "iost", "admin", id, iost, ""));
        return key;
    }

    private static void Refused(Receipt receipt, string message)
    {
        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains(message, receipt.Status.Message);
    }

    // go-iost test/integration/ram_test.go: TestRAM "normal buy"
    [IostGenesisFact]
    public void Buying_ram_moves_the_bytes_from_the_pool_and_the_price_to_ram_iost_less_the_fee_burnt_at_deadaddr()
    {
        var key = Funded("alice1");
        var (ram, pool, iost, ramIost, dead) = (_chain.Ram("alice1"), _chain.Ram("ram.iost"), Iost("alice1"), Iost("ram.iost"), Iost("deadaddr"));

        var price = Price(_chain.SendOk("alice1", key, Action("ram.iost", "buy", "alice1", "alice1", 1000)));

        Assert.Equal(ram + 1000, _chain.Ram("alice1"));
        Assert.Equal(pool - 1000, _chain.Ram("ram.iost"));
        Assert.Equal(iost - price, Iost("alice1"));
        Assert.True(Iost("deadaddr") > dead);
        Assert.Equal(price, Iost("ram.iost") - ramIost + (Iost("deadaddr") - dead));
    }

    // go-iost test/integration/ram_test.go: TestRAM "when buying triggers increasing total ram"
    [IostGenesisFact]
    public void A_buy_a_day_later_first_adds_the_ram_issued_every_ten_minutes_to_the_pool()
    {
        _chain.NewAccount("alice1");
        var last = Dec(_chain.Get("ram.iost", "lastUpdateBlockTime")!);
        var pool = _chain.Ram("ram.iost");
        _chain.Wait(TimeSpan.FromMinutes(144 * 10));

        _chain.SendOk("admin", Admin, Action("ram.iost", "buy", "admin", "alice1", 1000));

        const long interval = GenesisTransaction.RamIncreaseInterval * 1_000_000_000;
        var slots = _chain.Time / interval - (long)(last / interval);
        Assert.Equal(144, slots);
        Assert.Equal(pool + 144 * GenesisTransaction.RamIncreaseAmount - 1000, _chain.Ram("ram.iost"));
    }

    // go-iost test/integration/ram_test.go: TestRAM "user can buy for others"
    [IostGenesisFact]
    public void Ram_bought_for_another_account_is_its_own_and_the_payer_pays()
    {
        var key = Funded("alice1");
        _chain.NewAccount("bob01");
        var (mine, theirs, iost) = (_chain.Ram("alice1"), _chain.Ram("bob01"), Iost("alice1"));

        var price = Price(_chain.SendOk("alice1", key, Action("ram.iost", "buy", "alice1", "bob01", 1000)));

        Assert.Equal(mine, _chain.Ram("alice1"));
        Assert.Equal(theirs + 1000, _chain.Ram("bob01"));
        Assert.Equal(iost - price, Iost("alice1"));
    }

    // go-iost test/integration/ram_test.go: ram.js "minimum ram amount for trading is 10 byte"
    [IostGenesisFact]
    public void Buying_selling_or_lending_fewer_than_ten_bytes_is_refused()
    {
        var key = Funded("alice1");
        _chain.NewAccount("bob01");

        Refused(_chain.Send("alice1", key, Action("ram.iost", "buy", "alice1", "alice1", 9)), "minimum ram amount for trading is 10 byte");
        Refused(_chain.Send("alice1", key, Action("ram.iost", "sell", "alice1", "alice1", 9)), "minimum ram amount for trading is 10 byte");
        Refused(_chain.Send("alice1", key, Action("ram.iost", "lend", "alice1", "bob01", 9)), "minimum ram amount for trading is 10 byte");
        Assert.Equal(1000, _chain.Ram("alice1"));
    }

    // go-iost test/integration/ram_test.go: TestRAM "normal sell", "user cannot sell more than he owns"
    [IostGenesisFact]
    public void Selling_returns_the_bytes_to_the_pool_for_iost_but_never_more_than_was_bought()
    {
        var key = Funded("alice1", iost: "1");
        var (pool, iost) = (_chain.Ram("ram.iost"), Iost("alice1"));

        Refused(_chain.Send("alice1", key, Action("ram.iost", "sell", "alice1", "alice1", 6000)), "self ram amount 1000, not enough for sell");

        var price = Price(_chain.SendOk("alice1", key, Action("ram.iost", "sell", "alice1", "alice1", 300)));
        Assert.True(price > 0);
        Assert.Equal(700, _chain.Ram("alice1"));
        Assert.Equal(pool + 300, _chain.Ram("ram.iost"));
        Assert.Equal(iost + price, Iost("alice1"));
    }

    // go-iost test/integration/ram_test.go: TestRAM "user can sell ram for others"
    [IostGenesisFact]
    public void Selling_with_another_receiver_pays_the_receiver_and_not_the_seller()
    {
        var key = Funded("alice1", iost: "1");
        _chain.NewAccount("bob01");
        var (iost, theirs) = (Iost("alice1"), Iost("bob01"));

        var price = Price(_chain.SendOk("alice1", key, Action("ram.iost", "sell", "alice1", "bob01", 300)));

        Assert.Equal(700, _chain.Ram("alice1"));
        Assert.Equal(iost, Iost("alice1"));
        Assert.Equal(theirs + price, Iost("bob01"));
    }

    // go-iost test/integration/ram_test.go: TestRAM2 "borrowed ram cannot be selled"
    [IostGenesisFact]
    public void Borrowed_ram_can_be_neither_sold_nor_lent_on_and_ram_never_moves_by_token_transfer()
    {
        var lender = _chain.NewAccount("user_2", ram: 1000);
        var borrower = _chain.NewAccount("user_3", ram: 300);
        var transfer = Action("token.iost", "transfer", "ram", "user_3", "user_2", "200", "");

        Assert.Contains("transfer need issuer permission", _chain.Send("user_3", borrower, transfer).Status.Message);
        _chain.SendOk("user_2", lender, Action("ram.iost", "lend", "user_2", "user_3", 500));
        Assert.Equal(800, _chain.Ram("user_3"));

        _chain.SendOk("user_3", borrower, Action("ram.iost", "sell", "user_3", "user_3", 200));
        Refused(_chain.Send("user_3", borrower, Action("ram.iost", "sell", "user_3", "user_3", 200)), "self ram amount 100, not enough for sell");
        Refused(_chain.Send("user_3", borrower, Action("ram.iost", "lend", "user_3", "user_2", 200)), "self ram amount 100, not enough for lend");
        Assert.Contains("transfer need issuer permission", _chain.Send("user_3", borrower, transfer).Status.Message);
        Assert.Equal(600, _chain.Ram("user_3"));
    }
}
