using System.Text.Json;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;
using ActorVm.Storage.State;
using Xunit;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>What a lane refuses before running a transaction, and the gas it runs with.</summary>
public sealed class LaneRunnerTests : IDisposable
{
    private const string Burner = "class B { init() {} burn() { for (;;) {} } } module.exports = B;";
    private const string BurnerAbi = """{"abi":[{"name":"burn","args":[]}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-lane-").FullName;
    private readonly StateDb _db;
    private readonly ContractEngine _engine = new(TestChain.Limits(ExecutionLimits.Default));
    private readonly LaneRunner _runner;

    public LaneRunnerTests()
    {
        _db = StateDb.Open(_dir);
        _runner = new LaneRunner(_engine, new TransactionExecutor(_engine), new TransactionPrecheck(TestChain.Limits(ExecutionLimits.Default)));
    }

    public void Dispose()
    {
        _engine.Dispose();
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Receipt[] Run(params Transaction[] txs) => Run(recordsReads: true, txs);

    private Receipt[] Run(bool recordsReads, params Transaction[] txs) =>
        _runner.Run(new ExecuteLane(txs, new BlockContext(1, "", "test", TestChain.Now()), _db.View()) { RecordsReads = recordsReads })
            .Outcomes.Select(o => o.Receipt).ToArray();

    [Fact]
    public void A_gas_limit_over_the_cap_runs_under_the_cap()
    {
        var deploy = TestChain.Tx("alice", "system", "setCode", JsonSerializer.Serialize(new[] { Burner, BurnerAbi }), 400_000);
        var burn = TestChain.Tx("alice", "Contract" + deploy.Hash, "burn", "[]", ExecutionLimits.DefaultMaxTxGas * 10);

        var receipts = Run(deploy, burn);

        Assert.Equal(StatusCode.GasRunOut, receipts[1].Status.Code);
        Assert.InRange(receipts[1].GasUsed, 1, ExecutionLimits.DefaultMaxTxGas);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_call_after_an_update_earlier_in_the_lane_runs_the_updated_contract(bool recordsReads)
    {
        const string First = "class C { init() {} can_update() { return true; } one() { return 1; } } module.exports = C;";
        const string Updated = "class C { init() {} can_update() { return true; } one() { return 1; } two() { return 2; } } module.exports = C;";
        const string FirstAbi = """{"abi":[{"name":"one","args":[]},{"name":"can_update","args":[]}]}""";
        const string UpdatedAbi = """{"abi":[{"name":"one","args":[]},{"name":"two","args":[]},{"name":"can_update","args":[]}]}""";
        var deploy = TestChain.Tx("alice", "system", "setCode", JsonSerializer.Serialize(new[] { First, FirstAbi }), 10_000_000);
        var id = "Contract" + deploy.Hash;

        var receipts = Run(recordsReads,
            TestChain.Tx("alice", id, "two", "[]", 1_000_000),
            deploy,
            TestChain.Tx("alice", id, "one", "[]", 1_000_000),
            TestChain.Tx("alice", id, "two", "[]", 1_000_000),
            TestChain.Tx("alice", "system", "updateCode", JsonSerializer.Serialize(new[] { id, Updated, UpdatedAbi, "" }), 10_000_000),
            TestChain.Tx("alice", id, "two", "[]", 1_000_000));

        Assert.NotEqual(StatusCode.Success, receipts[0].Status.Code);
        Assert.Equal([StatusCode.Success, StatusCode.Success], receipts[1..3].Select(r => r.Status.Code));
        Assert.NotEqual(StatusCode.Success, receipts[3].Status.Code);
        Assert.Equal(StatusCode.Success, receipts[4].Status.Code);
        Assert.Equal(StatusCode.Success, receipts[5].Status.Code);
        Assert.Equal(["2"], receipts[5].Returns);
    }

    [Fact]
    public void An_unsigned_transaction_is_refused()
    {
        var time = TestChain.Now();
        var unsigned = new Transaction(time, time + 1_000_000_000, 1000, "alice", [], [new TxAction("system", "setCode", "[]")]);

        Assert.Contains("no publisher signature", Run(unsigned)[0].Status.Message);
    }

    [Fact]
    public void A_transaction_signed_by_a_key_that_does_not_govern_the_publisher_is_refused()
    {
        var stranger = KeyPair.Generate();
        var time = TestChain.Now();
        var tx = new Transaction(time, time + 1_000_000_000, 1000, "alice", [], [new TxAction("system", "setCode", "[]")]).SignedAsPublisher(stranger);

        var receipt = Run(tx)[0];

        Assert.Equal(StatusCode.WrongTxFormat, receipt.Status.Code);
        Assert.Equal("unauthorized publisher: alice", receipt.Status.Message);
    }

    [Fact]
    public void An_expired_transaction_is_refused()
    {
        var time = TestChain.Now() - 2 * ChainRules.MaxTxAgeNanos;
        var tx = TestChain.Signed(new Transaction(time, time + ChainRules.MaxTxAgeNanos, 1000, "alice", [], [new TxAction("system", "setCode", "[]")]));

        Assert.Contains("expired", Run(tx)[0].Status.Message);
    }

    [Fact]
    public void A_transaction_for_another_chain_is_refused()
    {
        var time = TestChain.Now();
        var tx = TestChain.Signed(new Transaction(time, time + 1_000_000_000, 1000, "alice", [], [new TxAction("system", "setCode", "[]")]) { ChainId = 1020 });

        Assert.Equal("invalid chain_id, should be 1024, yours: 1020", Run(tx)[0].Status.Message);
    }

    [Fact]
    public void A_signer_whose_permission_is_not_satisfied_is_refused()
    {
        var bobbysKey = KeyPair.Generate();
        var setup = _db.BeginTransaction();
        AccountStore.Write(new JournalWorldState(setup), Account.WithKeys("bobby", "test", bobbysKey.PublicKeyBase58, bobbysKey.PublicKeyBase58));
        _db.CommitTransaction(setup);
        _db.CommitBlock(new BlockDraft(1, "setup", []));
        var time = TestChain.Now();
        // The dev key governs alice (no account holds the name) but not bobby, who has not signed.
        var tx = TestChain.Signed(new Transaction(time, time + 1_000_000_000, 1000, "alice", ["bobby@active"], [new TxAction("system", "setCode", "[]")]));

        Assert.Equal("unauthorized signer: bobby@active", Run(tx)[0].Status.Message);
    }

    [Fact]
    public void A_publisher_signature_repeated_is_refused()
    {
        var tx = TestChain.Tx("alice", "system", "setCode", "[]", 1000);

        var receipt = Run(tx with { PublisherSigs = [tx.PublisherSigs[0], tx.PublisherSigs[0]] })[0];

        Assert.Equal("a key signs as publisher twice", receipt.Status.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_outcome_carries_what_its_transaction_read_only_when_the_lane_records_reads(bool records)
    {
        var deploy = TestChain.Tx("alice", "system", "setCode", JsonSerializer.Serialize(new[] { Burner, BurnerAbi }), 400_000);

        var outcome = _runner.Run(new ExecuteLane([deploy], new BlockContext(1, "", "test", TestChain.Now()), _db.View()) { RecordsReads = records })
            .Outcomes.Single();

        Assert.Equal(StatusCode.Success, outcome.Receipt.Status.Code);
        Assert.Equal(records, outcome.Reads.Count > 0);
    }
}
