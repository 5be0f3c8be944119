using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using ActorVm.Contracts.Tests.Genesis;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>Block 0 from go-iost's genesis: written once on an empty store, the same on every node, durable.</summary>
public sealed class GenesisBlockTests : IDisposable
{
    private readonly List<string> _dirs = [];

    private StateDb NewStore()
    {
        var dir = Directory.CreateTempSubdirectory("actorvm-genesis-").FullName;
        _dirs.Add(dir);
        return StateDb.Open(dir);
    }

    private static Transaction Genesis() =>
        GenesisTransaction.Build(GenesisConfig.IostLocal, GenesisContracts.Load(IostGenesisFolder.Path!), Transaction.DefaultChainId);

    private static BlockRecord? Commit(StateDb db) =>
        GenesisBlock.CommitIfEmpty(db, Genesis(), GenesisConfig.IostLocal.TimeNanos, ExecutionLimits.Default with { Chain = ChainRules.Production });

    [IostGenesisFact]
    public void Two_nodes_write_the_same_genesis_block()
    {
        using var first = NewStore();
        using var second = NewStore();

        var a = Commit(first)!;
        var b = Commit(second)!;

        Assert.Equal(0, a.Height);
        Assert.Equal("", a.ParentHash);
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.StateRoot, b.StateRoot);
    }

    [IostGenesisFact]
    public void A_store_that_holds_the_genesis_block_keeps_it_and_the_next_block_follows_it()
    {
        var dir = Directory.CreateTempSubdirectory("actorvm-genesis-").FullName;
        _dirs.Add(dir);
        string hash;
        using (var db = StateDb.Open(dir))
        {
            hash = Commit(db)!.Hash;
            Assert.Null(Commit(db));
        }
        using var reopened = StateDb.Open(dir);
        Assert.Equal(hash, reopened.GetBlock(0)!.Hash);
        Assert.Null(Commit(reopened));
        var next = reopened.CommitBlock(new BlockDraft(GenesisConfig.IostLocal.TimeNanos + 1, "producer000", []));
        Assert.Equal((1L, hash), (next.Height, next.ParentHash));
    }

    [IostGenesisFact]
    public void A_failing_genesis_leaves_the_store_empty()
    {
        using var db = NewStore();
        var broken = Genesis() with { Actions = [new TxAction("auth.iost", "initAdmin", "[\"admin\"]")] };

        Assert.Throws<GenesisException>(() => GenesisBlock.CommitIfEmpty(db, broken, 0, ExecutionLimits.Default));
        Assert.True(db.IsEmpty);
    }

    public void Dispose()
    {
        foreach (var dir in _dirs) Directory.Delete(dir, recursive: true);
    }
}
