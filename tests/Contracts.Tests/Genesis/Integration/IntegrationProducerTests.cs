using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// go-iost's test/integration/vote_producer_test.go, issue_test.go and bonus_test.go on a chain started
/// from go-iost's genesis: producers registering with vote_producer.iost and being voted for through
/// vote.iost, issue.iost issuing IOST over time, and bonus.iost exchanging the contribute producers earn
/// for IOST. All run go-iost's JS unmodified; the genesis producer is producer000.
/// </summary>
public sealed class IntegrationProducerTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    private const string Id = "prod01";

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private decimal Iost(string account) => Dec(_chain.Balance("iost", account));

    private decimal Contribute(string account) => Dec(_chain.Balance("contribute", account));

    private static TxAction Vp(string method, params object[] args) => Action("vote_producer.iost", method, args);

    private static TxAction Apply(string account, KeyPair key) => Vp("applyRegister", account, key.PublicKeyBase58, "loc", "url", "netId", true);

    /// <summary>A producer's status in vote_producer.iost: 0 applied, 1 approved, 2 applied to leave, 3 leave approved; null when not registered.</summary>
    private int? Status(string account) => _chain.MapGet("vote_producer.iost", "producerTable", account) is { } json
        ? JsonDocument.Parse(json).RootElement.GetProperty("status").GetInt32() : null;

    private string? Option(string producer) => _chain.MapGet("vote.iost", "v_1", producer);

    private static string Votes(int votes) => $"{{\"votes\":\"{votes}\",\"deleted\":0,\"clearTime\":-1}}";

    private static void Refused(Receipt receipt, string message)
    {
        Assert.NotEqual(StatusCode.Success, receipt.Status.Code);
        Assert.Contains(message, receipt.Status.Message);
    }

    private void AdminOk(TxAction action) => _chain.SendOk("admin", Admin, action);

    /// <summary>voter1, with 5000 IOST of its own.</summary>
    private KeyPair Voter()
    {
        var key = _chain.NewAccount("voter1", ram: 5000);
        AdminOk(Action("token.iost", "transfer", "iost", "admin", "voter1", "5000", ""));
        return key;
    }

    /// <summary>As each IOST block starts: base.iost's exec, here for a block producer000 produced (it earns contribute).</summary>
    private void Produce() => AdminOk(Action("base.iost", "exec", new { parent = new object[] { Producer.PublicKeyBase58, 0, false } }));

    // go-iost test/integration/vote_producer_test.go: Test_InitProducer
    [IostGenesisFact]
    public void The_genesis_producer_is_the_one_option_of_vote_one_and_in_the_pending_list()
    {
        Assert.Equal("\"1\"", _chain.Get("vote.iost", "current_id"));
        Assert.Equal("1", _chain.Get("vote_producer.iost", "voteId"));
        Assert.Equal(JsonSerializer.Serialize(new[] { GenesisConfig.IostDevProducerKey }), _chain.Get("vote_producer.iost", "pendingProducerList"));
        Assert.Equal("producer000", Assert.Single(_chain.World.MapKeys("vote.iost", "v_1")));
        Assert.Equal(1, Status("producer000"));
    }

    // go-iost test/integration/vote_producer_test.go: Test_Register "test register 1"
    [IostGenesisFact]
    public void An_application_not_yet_approved_can_be_unregistered_and_made_again()
    {
        var key = _chain.NewAccount(Id, ram: 5000);
        _chain.SendOk(Id, key, Apply(Id, key));
        _chain.SendOk(Id, key, Vp("logInProducer", Id));
        // applyUnregister of an application not yet approved changes nothing.
        _chain.SendOk(Id, key, Vp("applyUnregister", Id));
        Assert.Equal(0, Status(Id));

        _chain.SendOk(Id, key, Vp("unregister", Id));
        Assert.Null(Status(Id));

        _chain.SendOk(Id, key, Apply(Id, key));
        AdminOk(Vp("approveRegister", Id));
        Assert.Equal(1, Status(Id));
    }

    // go-iost test/integration/vote_producer_test.go: Test_Register "test register 2"
    [IostGenesisFact]
    public void An_approved_producer_leaves_by_applyUnregister_approveUnregister_and_unregister_and_may_apply_again()
    {
        var key = _chain.NewAccount(Id, ram: 5000);
        _chain.SendOk(Id, key, Apply(Id, key));
        _chain.SendOk(Id, key, Vp("logInProducer", Id));
        AdminOk(Vp("approveRegister", Id));
        _chain.SendOk(Id, key, Vp("applyUnregister", Id));
        Assert.Equal(2, Status(Id));
        AdminOk(Vp("approveUnregister", Id));
        Assert.Equal(3, Status(Id));

        _chain.SendOk(Id, key, Vp("unregister", Id));
        Assert.Null(Status(Id));

        _chain.SendOk(Id, key, Apply(Id, key));
        AdminOk(Vp("approveRegister", Id));
        Assert.Equal(1, Status(Id));
    }

    // go-iost test/integration/vote_producer_test.go: Test_Register "test register 5"
    [IostGenesisFact]
    public void Unregistering_twice_is_refused_as_the_vote_option_is_gone()
    {
        var key = _chain.NewAccount(Id, ram: 5000);
        _chain.SendOk(Id, key, Apply(Id, key));
        _chain.SendOk(Id, key, Vp("unregister", Id));

        Refused(_chain.Send(Id, key, Vp("unregister", Id)), "option not exist");

        _chain.SendOk(Id, key, Apply(Id, key));
        AdminOk(Vp("approveRegister", Id));
        Assert.Equal(1, Status(Id));
    }

    // go-iost test/integration/vote_producer_test.go: Test_Register "test register 3", "6", "7"
    [IostGenesisFact]
    public void Admin_or_the_operator_account_may_act_for_a_producer_and_admin_may_force_it_out()
    {
        _chain.NewAccount(Id);
        var producerKey = KeyPair.Generate();
        var op = _chain.NewAccount("operator", ram: 5000);
        var other = _chain.NewAccount("bob01", ram: 5000);

        Refused(_chain.Send("bob01", other, Apply(Id, producerKey)), "require auth failed");

        _chain.SendOk("operator", op, Apply(Id, producerKey));
        _chain.SendOk("operator", op, Vp("logInProducer", Id));
        AdminOk(Vp("approveRegister", Id));
        AdminOk(Vp("forceUnregister", Id));
        Assert.Equal(3, Status(Id));
        _chain.SendOk("operator", op, Vp("unregister", Id));
        AdminOk(Apply(Id, producerKey));
        AdminOk(Vp("approveRegister", Id));
        _chain.SendOk("operator", op, Vp("logOutProducer", Id));
        _chain.SendOk("operator", op, Vp("applyUnregister", Id));
        Assert.Equal(2, Status(Id));
    }

    // go-iost vote_producer.js applyRegister: "producer exists", "pubkey is used by another producer"
    [IostGenesisFact]
    public void An_application_is_refused_for_a_registered_account_or_a_pubkey_another_producer_uses()
    {
        var key = _chain.NewAccount(Id, ram: 5000);
        _chain.SendOk(Id, key, Apply(Id, key));

        Refused(_chain.Send(Id, key, Apply(Id, key)), "producer exists");
        var other = _chain.NewAccount("prod02", ram: 5000);
        Refused(_chain.Send("prod02", other, Vp("applyRegister", "prod02", GenesisConfig.IostDevProducerKey, "loc", "url", "netId", true)),
            "pubkey is used by another producer");
    }

    // go-iost test/integration/vote_producer_test.go: Test_UpdatePubkey, Test_Unregister2
    [IostGenesisFact]
    public void A_producer_in_the_pending_list_can_neither_change_its_pubkey_nor_unregister()
    {
        var newKey = KeyPair.Generate().PublicKeyBase58;
        Refused(_chain.Send("producer000", Producer, Vp("updateProducer", "producer000", newKey, "loc", "url", "netId")),
            "account in producerList, can't change pubkey");

        _chain.SendOk("producer000", Producer, Vp("applyUnregister", "producer000"));
        AdminOk(Vp("approveUnregister", "producer000"));
        Refused(_chain.Send("producer000", Producer, Vp("unregister", "producer000")),
            "producer in pending list or in current list, can't unregister");
        Assert.Equal(3, Status("producer000"));
    }

    // go-iost test/integration/vote_producer_test.go: Test_KickOut (vote), Test_TakeTurns (unvote)
    [IostGenesisFact]
    public void A_vote_deposits_iost_with_vote_iost_and_an_unvote_returns_it_frozen()
    {
        var key = Voter();
        var pool = Iost("vote.iost");

        _chain.SendOk("voter1", key, Vp("vote", "voter1", "producer000", "1000"));
        Assert.Equal(Votes(1000), Option("producer000"));
        Assert.Equal(4000m, Iost("voter1"));
        Assert.Equal(pool + 1000, Iost("vote.iost"));

        _chain.SendOk("voter1", key, Vp("unvote", "voter1", "producer000", "400"));
        Assert.Equal(Votes(600), Option("producer000"));
        Assert.Equal(4000m, Iost("voter1"));
        Assert.Contains("\"400\"", _chain.MapGet("token", TokenStorage.FrozenMap("voter1"), "iost"));
    }

    // go-iost vote_producer.js / vote_common.js: refusals of vote and unvote
    [IostGenesisFact]
    public void Votes_are_refused_for_an_unknown_producer_or_no_amount_and_unvotes_beyond_the_votes()
    {
        var key = Voter();

        Refused(_chain.Send("voter1", key, Vp("vote", "voter1", "nobody1", "10")), "producer not exists");
        Refused(_chain.Send("voter1", key, Vp("vote", "voter1", "producer000", "0")), "amount must be positive");
        Refused(_chain.Send("voter1", key, Vp("unvote", "voter1", "producer000", "10")), "account didn't vote.");

        _chain.SendOk("voter1", key, Vp("vote", "voter1", "producer000", "1000"));
        Refused(_chain.Send("voter1", key, Vp("unvote", "voter1", "producer000", "2000")), "amount too large. max amount = 1000");
        Assert.Equal(Votes(1000), Option("producer000"));
    }

    // go-iost test/integration/vote_producer_test.go: Test_UnvoteCommon
    [IostGenesisFact]
    public void Unvoting_for_a_producer_directly_through_vote_iost_is_refused()
    {
        var key = Voter();
        _chain.SendOk("voter1", key, Vp("vote", "voter1", "producer000", "1000"));

        Refused(_chain.Send("voter1", key, Action("vote.iost", "unvote", "1", "voter1", "producer000", "1000")), "require auth failed");

        Assert.Equal(Votes(1000), Option("producer000"));
        Assert.Equal(4000m, Iost("voter1"));
    }

    // go-iost test/integration/issue_test.go: Test_IOSTIssue "test issueIOST"
    [IostGenesisFact]
    public void IssueIOST_twelve_seconds_after_genesis_issues_2_96_percent_a_year_of_the_supply_in_thirds()
    {
        // As in go-iost's test: 12 s after the last issue, a supply of 21e9 (go-iost's has 1000 more, hence its
        // 78.84322975 and 78.84323211): 21e9 × 0.0296 / year × 12 s = 236.5296803…, 0.33333333 of it to
        // bonus.iost and to issue.iost (for candidates' bonus), the rest to the foundation.
        _chain.Wait(TimeSpan.FromSeconds(2));

        AdminOk(Action("issue.iost", "issueIOST"));

        Assert.Equal(78.84322599m, Iost("bonus.iost"));
        Assert.Equal(78.84322599m, Iost("issue.iost"));
        Assert.Equal(78.84322836m, Iost("foundation"));
    }

    // go-iost issue.js issueIOST: "issue iost permission denied"
    [IostGenesisFact]
    public void IssueIOST_is_refused_to_anyone_but_admin_and_base_iost()
    {
        var key = _chain.NewAccount("alice1");
        _chain.Wait(TimeSpan.FromDays(1));

        Refused(_chain.Send("alice1", key, Action("issue.iost", "issueIOST")), "issue iost permission denied");
        Assert.Equal(0m, Iost("bonus.iost"));
    }

    // go-iost test/integration/bonus_test.go: Test_IssueBonus, Test_ExchangeIOST
    [IostGenesisFact]
    public void A_block_earns_its_producer_contribute_which_exchanges_one_for_one_for_iost_from_bonus_iost()
    {
        _chain.Wait(TimeSpan.FromDays(1));
        AdminOk(Action("issue.iost", "issueIOST"));
        Produce();
        Assert.Equal(3.28513441m, Contribute("producer000"));
        var (iost, pool) = (Iost("producer000"), Iost("bonus.iost"));

        _chain.SendOk("producer000", Producer, Action("bonus.iost", "exchangeIOST", "producer000", "1.9"));

        Assert.Equal(1.38513441m, Contribute("producer000"));
        Assert.Equal(iost + 1.9m, Iost("producer000"));
        Assert.Equal(pool - 1.9m, Iost("bonus.iost"));
    }

    // go-iost bonus.js exchangeIOST: "left bonus not enough, please wait", "invalid amount: …"
    [IostGenesisFact]
    public void ExchangeIOST_is_refused_beyond_the_bonus_pool_or_beyond_the_contribute_held()
    {
        Produce();

        Refused(_chain.Send("producer000", Producer, Action("bonus.iost", "exchangeIOST", "producer000", "1")), "left bonus not enough, please wait");

        _chain.Wait(TimeSpan.FromDays(1));
        AdminOk(Action("issue.iost", "issueIOST"));
        Refused(_chain.Send("producer000", Producer, Action("bonus.iost", "exchangeIOST", "producer000", "5")),
            "invalid amount: negative or greater than contribute");
        Assert.Equal(3.28513441m, Contribute("producer000"));
    }

    // go-iost test/integration/bonus_test.go: Test_UpdateBonus
    [IostGenesisFact]
    public void The_contribute_per_block_is_set_from_the_supply_every_seven_days()
    {
        Assert.Equal("\"3.28513441\"", _chain.Get("bonus.iost", "blockContrib"));
        _chain.Wait(TimeSpan.FromDays(7));
        AdminOk(Action("issue.iost", "issueIOST"));

        Produce();

        var supply = Dec(JsonSerializer.Deserialize<string>(_chain.SendOk("admin", Admin, Action("token.iost", "supply", "iost")).Returns[0])!);
        var perBlock = decimal.Truncate(supply * 0.0000000001564349722223m * 100_000_000m) / 100_000_000m;
        Assert.NotEqual(3.28513441m, perBlock);
        Assert.Equal($"\"{perBlock.ToString("F8", CultureInfo.InvariantCulture)}\"", _chain.Get("bonus.iost", "blockContrib"));
        Assert.Equal(perBlock, Contribute("producer000"));
    }
}
