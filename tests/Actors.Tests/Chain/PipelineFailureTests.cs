using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.RocksDb;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>What the producer does when a block it sealed cannot be written.</summary>
public sealed class PipelineFailureTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-pipeline-failure-").FullName;
    private readonly StateDb _db;
    private readonly IActorRef _producer;

    public PipelineFailureTests()
    {
        _db = StateDb.Open(_dir);
        var stateDb = Sys.ActorOf(Props.Create(() => new StateDbActor(_db, 0)), "statedb");
        var vm = Sys.ActorOf(Props.Create(() => new VmManager(_db, TestChain.Limits(ExecutionLimits.Default), new PoolSettings(1, 2))), "vm");
        _producer = Sys.ActorOf(Props.Create(() => new BlockProducer(vm, stateDb, new ProducerSettings(TimeSpan.FromMinutes(5), 100, 3, "test"))), "producer");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static Transaction Tx(string contract, string action, string data) => TestChain.Tx("alice", contract, action, data, 400_000);

    [Fact]
    public async Task Transactions_of_a_block_that_cannot_be_written_wait_unanswered_in_the_mempool_and_production_pauses()
    {
        _db.WriteFault = _ => new RocksDbException("disk failed");

        // A block starts once three are waiting (a long interval): these three, in one block.
        var waiting = Enumerable.Range(1, 3)
            .Select(n => _producer.Ask<object>(new SubmitTx(Tx("token", "transfer", $"[\"iost\", \"alice\", \"bob\", \"{n}\", \"\"]"), Wait: true), Timeout))
            .ToList();

        MempoolStatus status;
        do
        {
            await Task.Delay(10);
            status = await _producer.Ask<MempoolStatus>(new GetMempoolStatus(), Timeout);
        } while (status.StorageProblem is null);
        Assert.Equal(3, status.Pending);
        Assert.Contains("disk failed", status.StorageProblem);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        Assert.Equal(0, _db.Height);
    }
}
