using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

/// <summary>A read of committed state racing with a commit never leaves the older value in the read cache.</summary>
public sealed class ReadCacheRaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-race-").FullName;
    private readonly StateDb _db;

    public ReadCacheRaceTests() => _db = StateDb.Open(_dir);

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_read_that_missed_the_cache_before_a_commit_does_not_cache_the_value_from_before_it()
    {
        using var read = new ManualResetEventSlim();
        using var proceed = new ManualResetEventSlim();
        _db.AfterMissRead = () =>
        {
            read.Set();
            proceed.Wait();
        };
        // The reader misses the cache and reads the key before the block that writes it is committed.
        var reader = Task.Run(() => _db.GetCommitted("k"));
        read.Wait();
        _db.AfterMissRead = null;

        var journal = _db.BeginTransaction();
        journal.Put("k", "v1");
        _db.CommitTransaction(journal);
        _db.CommitBlock(new BlockDraft(1, "test", []));
        proceed.Set();

        Assert.Null(await reader);
        Assert.Equal("v1", _db.GetCommitted("k"));
    }

    [Fact]
    public async Task A_read_that_misses_the_cache_does_not_wait_for_a_block_being_written()
    {
        using var writing = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        _db.BeforeWrite = _ =>
        {
            writing.Set();
            finish.Wait();
        };
        var journal = _db.BeginTransaction();
        journal.Put("k", "v1");
        _db.CommitTransaction(journal);
        var commit = Task.Run(() => _db.CommitBlock(new BlockDraft(1, "test", [])));
        writing.Wait();

        var read = Task.Run(() => _db.GetCommitted("other"));
        var answered = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60))) == read;
        finish.Set();
        await commit;

        Assert.True(answered, "the read waited for the block being written");
        Assert.Null(await read);
        Assert.Equal("v1", _db.GetCommitted("k"));
    }

    [Fact]
    public async Task A_snapshot_taken_while_a_block_is_written_holds_the_block_before_it_without_waiting()
    {
        var first = _db.BeginTransaction();
        first.Put("k", "v1");
        _db.CommitTransaction(first);
        _db.CommitBlock(new BlockDraft(1, "test", []));
        using var writing = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        _db.BeforeWrite = _ =>
        {
            writing.Set();
            finish.Wait();
        };
        var second = _db.BeginTransaction();
        second.Put("k", "v2");
        _db.CommitTransaction(second);
        var commit = Task.Run(() => _db.CommitBlock(new BlockDraft(2, "test", [])));
        writing.Wait();

        var taken = Task.Run(() => _db.Snapshot());
        var answered = await Task.WhenAny(taken, Task.Delay(TimeSpan.FromSeconds(60))) == taken;
        finish.Set();
        await commit;

        Assert.True(answered, "the snapshot waited for the block being written");
        using var snapshot = await taken;
        Assert.Equal(1, snapshot.Height);
        Assert.Equal("v1", snapshot.Get("k"));
        using var after = _db.Snapshot();
        Assert.Equal((2L, "v2"), (after.Height, after.Get("k")));
    }
}
