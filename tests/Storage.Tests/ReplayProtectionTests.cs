using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

/// <summary>What the store answers to "is a transaction with this replay key committed?", across reopening.</summary>
public sealed class ReplayProtectionTests : IDisposable
{
    private static readonly long Now = 1_700_000_000L * 1_000_000_000;
    private readonly TempDirectory _dir = new();
    private StateDb _db;

    public ReplayProtectionTests() => _db = StateDb.Open(_dir.Path);

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private void Commit(params StoredReceipt[] receipts) => _db.CommitBlock(new BlockDraft(Now, "test", receipts));

    private static StoredReceipt Timed(string hash, string replayKey, long time) => new(hash, "{}") { ReplayKey = replayKey, TxTime = time };

    private void Reopen()
    {
        _db.Dispose();
        _db = StateDb.Open(_dir.Path);
    }

    [Fact]
    public void A_committed_transaction_is_held_and_another_of_its_time_is_not()
    {
        Commit(Timed("h1", "r1", Now));

        Assert.True(_db.View().Holds("r1", Now));
        Assert.False(_db.View().Holds("r2", Now));
    }

    [Fact]
    public void A_committed_transaction_is_still_held_after_the_store_is_reopened()
    {
        Commit(Timed("h1", "r1", Now));

        Reopen();

        Assert.True(_db.View().Holds("r1", Now));
        Assert.False(_db.View().Holds("r2", Now));
        Assert.Equal(Now, _db.Replays.CompleteAfter);
    }

    [Fact]
    public void A_reopened_store_asks_itself_about_every_time_up_to_the_latest_it_committed()
    {
        Commit(Timed("h1", "r1", Now), Timed("h2", "r2", Now - 1_000));
        Commit(Timed("h3", "r3", Now - 5_000));

        Reopen();

        Assert.Equal(Now, _db.Replays.CompleteAfter);
        Assert.True(_db.View().Holds("r2", Now - 1_000));
        Assert.True(_db.View().Holds("r3", Now - 5_000));
    }

    [Fact]
    public void A_store_that_committed_a_transaction_of_unknown_time_asks_itself_about_every_replay_once_reopened()
    {
        Commit(Timed("h1", "r1", Now));
        Commit(new StoredReceipt("h2", "{}"));
        Commit(Timed("h3", "r3", Now + 1_000));

        Reopen();

        Assert.Equal(long.MaxValue, _db.Replays.CompleteAfter);
        Assert.True(_db.View().Holds("h2", Now + 1_000_000));
        Assert.True(_db.View().Holds("r3", Now + 1_000));
    }

    [Fact]
    public void A_transaction_whose_block_failed_to_be_written_is_not_held()
    {
        _db.WriteFault = _ => new Storage.RocksDb.RocksDbException("disk full");

        Assert.Throws<Storage.RocksDb.RocksDbException>(() => Commit(Timed("h1", "r1", Now)));

        Assert.False(_db.View().Holds("r1", Now));
    }

    private static byte[] WatermarkKey => System.Text.Encoding.UTF8.GetBytes(StateKeys.MetaReplayWatermark);

    [Fact]
    public void A_store_without_a_watermark_asks_itself_about_every_replay_once_reopened()
    {
        Commit(Timed("h1", "r1", Now));
        _db.Database.Delete(WatermarkKey, _db.Database.Family(StateKeys.MetaFamily));

        Reopen();

        Assert.Equal(long.MaxValue, _db.Replays.CompleteAfter);
        Assert.True(_db.View().Holds("r1", Now));
    }

    [Fact]
    public void A_watermark_older_than_the_head_is_not_trusted()
    {
        var meta = _db.Database.Family(StateKeys.MetaFamily);
        Commit(Timed("h1", "r1", Now));
        var first = _db.Database.Get(WatermarkKey, meta)!;
        Commit(Timed("h2", "r2", Now + 1_000));
        // As a version that does not keep the watermark leaves it after writing the second block.
        _db.Database.Put(WatermarkKey, first, meta);

        Reopen();

        Assert.Equal(long.MaxValue, _db.Replays.CompleteAfter);
        Assert.True(_db.View().Holds("r2", Now + 1_000));
    }
}
