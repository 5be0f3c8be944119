using System.Buffers;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Storage.RocksDb;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.State;

/// <summary>The StateDB actor's side of the pipeline: blocks sealed on the tip, written in order, and dropped together when one cannot be written.</summary>
public sealed class BlockPipelineTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-pipeline-").FullName;
    private readonly StateDb _db;
    private readonly IActorRef _stateDb;

    public BlockPipelineTests()
    {
        _db = StateDb.Open(_dir);
        _stateDb = Sys.ActorOf(Props.Create(() => new StateDbActor(_db, 0)), "statedb");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static WriteSet Writes(string key, string value) => WriteSet.From(new Dictionary<string, string?> { [StateKeys.Value("c", key)] = value });

    private static BlockDraft Draft(long time, string tx) => new(time, "test", [new StoredReceipt(tx, "{}")]);

    // Commits of earlier blocks may come in between: answers are taken in any order and kept here.
    private readonly List<object> _answers = [];

    private T Next<T>()
    {
        for (;;)
        {
            if (_answers.OfType<T>().FirstOrDefault() is { } found)
            {
                _answers.Remove(found);
                return found;
            }
            _answers.Add(ExpectMsg<object>(Timeout));
        }
    }

    private BlockSealed Seal(ChainTip parent, long time, string key, string value)
    {
        _stateDb.Tell(new SealBlock(parent, Draft(time, "tx" + time), Writes(key, value)), TestActor);
        return Next<BlockSealed>();
    }

    [Fact]
    public async Task A_record_the_store_cannot_read_fails_its_reader_and_the_actor_goes_on_with_its_blocks()
    {
        _db.CommitBlock(new BlockDraft(1, "test", [new StoredReceipt("bad", static _ => { }, ((TransactionForm)9, static (IBufferWriter<byte> output) => output.Write(new byte[] { 1 })))]));
        var sealedFirst = Seal(_db.Tip, 2, "a", "1");

        await Assert.ThrowsAsync<InvalidDataException>(() => _stateDb.Ask<StoredTransaction>(new ReadTransaction("bad"), Timeout));

        // Not restarted: the block sealed before the read is still its own to write and build on.
        var second = Seal(sealedFirst.Next.Tip, 3, "b", "2");
        Assert.Equal(sealedFirst.Block.Height + 1, second.Block.Height);
    }

    [Fact]
    public void A_block_sealed_on_one_not_yet_written_sees_its_writes_and_both_are_committed_in_order()
    {
        _stateDb.Tell(new GetBlockBase(), TestActor);
        var genesis = ExpectMsg<BlockBase>(Timeout);

        var first = Seal(genesis.Tip, 1, "a", "1");
        var second = Seal(first.Next.Tip, 2, "b", "2");

        Assert.Equal("1", first.Next.View.Get(StateKeys.Value("c", "a")));
        Assert.True(first.Next.View.Holds("tx1", 0));
        Assert.Equal(first.Block.Hash, second.Block.ParentHash);
        var committed = new[] { Next<BlockCommitted>(), Next<BlockCommitted>() };
        Assert.Equal([1L, 2L], committed.Select(c => c.Block.Height));
        Assert.Equal(2, _db.Height);
        Assert.Equal("2", _db.GetCommitted(StateKeys.Value("c", "b")));
    }

    [Fact]
    public void A_block_that_cannot_be_written_takes_the_block_sealed_on_it_along_and_the_tip_goes_back()
    {
        _stateDb.Tell(new GetBlockBase(), TestActor);
        var genesis = ExpectMsg<BlockBase>(Timeout);
        var release = new ManualResetEventSlim();
        // The first write waits, so that the second block is sealed on it, then fails.
        _db.WriteFault = block =>
        {
            if (block.Block.Height != 1) return null;
            release.Wait(Timeout);
            return new RocksDbException("disk failed");
        };

        var first = Seal(genesis.Tip, 1, "a", "1");
        Seal(first.Next.Tip, 2, "b", "2");
        release.Set();

        var dropped = new[] { Next<BlockNotCommitted>(), Next<BlockNotCommitted>() };
        Assert.Equal([1L, 2L], dropped.Select(d => d.Block.Height));
        Assert.Equal(0, _db.Height);
        _stateDb.Tell(new GetBlockBase(), TestActor);
        Assert.Equal(0, Next<BlockBase>().Tip.Height);
        _stateDb.Tell(new SealBlock(genesis.Tip, Draft(3, "tx3"), Writes("c", "3")), TestActor);
        Assert.True(Next<SealRefused>().StorageProblem);
    }

    [Fact]
    public void A_block_built_on_a_stale_tip_is_refused_and_changes_nothing()
    {
        _stateDb.Tell(new GetBlockBase(), TestActor);
        var genesis = ExpectMsg<BlockBase>(Timeout);
        Seal(genesis.Tip, 1, "a", "1");
        Next<BlockCommitted>();

        _stateDb.Tell(new SealBlock(genesis.Tip, Draft(2, "tx2"), Writes("a", "2")), TestActor);

        Assert.False(Next<SealRefused>().StorageProblem);
        Assert.Equal(1, _db.Height);
        Assert.Equal("1", _db.GetCommitted(StateKeys.Value("c", "a")));
    }
}
