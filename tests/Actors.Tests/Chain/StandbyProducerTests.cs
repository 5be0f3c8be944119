using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>A cluster replica's producer: it produces nothing until promoted, and stops producing when demoted.</summary>
public sealed class StandbyProducerTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-standby-").FullName;
    private readonly StateDb _db;
    private readonly IActorRef _producer;

    public StandbyProducerTests()
    {
        _db = StateDb.Open(_dir);
        var limits = TestChain.Limits(new ExecutionLimits(TimeSpan.FromSeconds(5), 32L * 1024 * 1024));
        var stateDb = Sys.ActorOf(Props.Create(() => new StateDbActor(_db)), "statedb");
        var vm = Sys.ActorOf(Props.Create(() => new VmManager(_db, limits, new PoolSettings(1, 1))), "vm");
        _producer = Sys.ActorOf(Props.Create(() => new BlockProducer(vm, stateDb,
            new ProducerSettings(TimeSpan.FromMilliseconds(50), 100, 100, "test") { Standby = true })), "producer");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static SubmitTx Token(string name) =>
        new(TestChain.Tx("alice", "token", "create", $"[\"{name}\", \"alice\", \"100\", {{}}]", 1_000_000), Wait: true);

    [Fact]
    public async Task A_standby_producer_refuses_submissions_until_promoted_then_produces()
    {
        var refused = await _producer.Ask<object>(Token("gold"), Timeout);
        Assert.Contains("not the cluster's producer", Assert.IsType<TxRejected>(refused).Reason);
        Assert.Equal(0, _db.Height);

        await _producer.Ask<Promoted>(new Promote(), Timeout);
        var receipt = Assert.IsType<Receipt>(await _producer.Ask<object>(Token("gold"), Timeout));

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(1, _db.Height);
    }

    [Fact]
    public async Task A_demoted_producer_stands_by_again()
    {
        await _producer.Ask<Promoted>(new Promote(), Timeout);
        await _producer.Ask<object>(Token("gold"), Timeout);

        await _producer.Ask<Demoted>(new Demote(), Timeout);
        var refused = await _producer.Ask<object>(Token("silver"), Timeout);

        Assert.IsType<TxRejected>(refused);
        Assert.Equal(1, _db.Height);
    }
}
