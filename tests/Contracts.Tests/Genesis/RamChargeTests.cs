using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>On a chain started from a genesis, storage takes RAM from its payer, as IOST charges it.</summary>
public sealed class RamChargeTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();
    private KeyPair _alice = null!;
    private string _id = "";

    public void Dispose() => _chain?.Dispose();

    private const string Body = """
        init() {}
        put(k, v) { storage.put(k, v); }
        putFor(k, v, payer) { storage.put(k, v, payer); }
        del(k) { storage.del(k); }
        """;

    private void DeployAsAlice(long ram = 5000)
    {
        _alice = _chain.NewAccount("alice1", ram);
        _id = _chain.Deploy("alice1", _alice, Body, ("put", 2), ("putFor", 3), ("del", 1));
    }

    /// <summary>IOST's count for a plain value: "contract-key" and "s" + value + "@" + payer.</summary>
    private long Bytes(string key, string value, string payer) => _id.Length + 1 + key.Length + 1 + value.Length + 1 + payer.Length;

    [IostGenesisFact]
    public void Deploying_a_contract_takes_its_code_in_ram_from_the_owner()
    {
        DeployAsAlice();
        Assert.True(_chain.Ram("alice1") < 5000);
    }

    [IostGenesisFact]
    public void A_new_value_charges_the_owner_an_overwrite_the_difference_and_a_delete_refunds()
    {
        DeployAsAlice();
        var start = _chain.Ram("alice1");

        var put = _chain.SendOk("alice1", _alice, Action(_id, "put", "k", "12345"));
        Assert.Equal(start - Bytes("k", "12345", _id), _chain.Ram("alice1"));
        Assert.Equal(Bytes("k", "12345", _id), put.RamUsage![_id]);

        _chain.SendOk("alice1", _alice, Action(_id, "put", "k", "1"));
        Assert.Equal(start - Bytes("k", "1", _id), _chain.Ram("alice1"));

        _chain.SendOk("alice1", _alice, Action(_id, "del", "k"));
        Assert.Equal(start, _chain.Ram("alice1"));
    }

    [IostGenesisFact]
    public void A_payer_given_to_put_pays_and_must_have_signed()
    {
        DeployAsAlice();
        var bob = _chain.NewAccount("bob01");
        var bobRam = _chain.Ram("bob01");

        var refused = _chain.Send("alice1", _alice, Action(_id, "putFor", "k", "v", "bob01"));
        Assert.Contains("pay ram failed. no permission. need bob01@active", refused.Status.Message);

        _chain.SendOk("bob01", bob, Action(_id, "putFor", "k", "v", "bob01"));
        Assert.Equal(bobRam - Bytes("k", "v", "bob01"), _chain.Ram("bob01"));
    }

    [IostGenesisFact]
    public void A_payer_short_of_ram_fails_the_transaction_which_still_pays_its_gas()
    {
        DeployAsAlice();
        var big = new string('x', 10_000);

        var receipt = _chain.Send("alice1", _alice, Action(_id, "put", "k", big));

        Assert.Equal(StatusCode.BalanceNotEnough, receipt.Status.Code);
        Assert.StartsWith("pay ram failed. id: alice1 need", receipt.Status.Message);
        Assert.NotNull(receipt.GasPaid);
        Assert.Null(_chain.Get(_id, "k"));
    }

    [IostGenesisFact]
    public void An_account_signed_up_costs_it_no_ram_but_a_permission_it_adds_is_its_own_to_pay()
    {
        // signUp keeps the account with auth.iost as payer, and a *.iost contract never pays;
        // addPermission saves it with the account itself as payer (account.js), as on IOST.
        var key = _chain.NewAccount("alice1");
        Assert.Equal(1000, _chain.Ram("alice1"));
        _chain.SendOk("alice1", key, ["alice1@owner"], Action("auth.iost", "addPermission", "alice1", "perm1", 100));
        Assert.True(_chain.Ram("alice1") < 1000);
    }

    [IostGenesisFact]
    public void Applying_as_a_producer_charges_the_publisher_for_the_records_vote_producer_keeps()
    {
        var key = _chain.NewAccount("prod01", 5000);
        var ram = _chain.Ram("prod01");
        _chain.SendOk("prod01", key, Action("vote_producer.iost", "applyRegister", "prod01", key.PublicKeyBase58, "loc", "url", "netid", true));
        Assert.True(_chain.Ram("prod01") < ram);
    }

    [IostGenesisFact]
    public void A_contract_cannot_make_another_contract_pay_for_its_ram()
    {
        DeployAsAlice();
        var bob = _chain.NewAccount("bob01", 5000);
        var other = _chain.Deploy("bob01", bob, Body, ("put", 2), ("putFor", 3), ("del", 1));

        var refused = _chain.Send("alice1", _alice, Action(_id, "putFor", "k", "v", other));

        Assert.Contains($"pay ram failed. no permission. need {other}@active", refused.Status.Message);
    }
}
