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

    private void Commit(string key, string value)
    {
        var journal = _db.BeginTransaction();
        journal.Put(key, value);
        _db.CommitTransaction(journal);
        _db.CommitBlock(new BlockDraft(1, "test", []));
    }

    /// <summary>
    /// Runs <paramref name="work"/> while a commit of key = value is held inside its write: whether it
    /// answered before the commit went on (a minute is far more than it needs), and its result.
    /// </summary>
    private async Task<(bool Answered, T Result)> DuringAWrite<T>(string key, string value, Func<T> work)
    {
        using var writing = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        _db.BeforeWrite = _ =>
        {
            writing.Set();
            finish.Wait();
        };
        var commit = Task.Run(() => Commit(key, value));
        writing.Wait();
        var running = Task.Run(work);
        var answered = await Task.WhenAny(running, Task.Delay(TimeSpan.FromMinutes(1))) == running;
        finish.Set();
        await commit;
        _db.BeforeWrite = null;
        return (answered, await running);
    }

    [Fact]
    public async Task A_read_that_misses_the_cache_does_not_wait_for_a_block_being_written()
    {
        var (answered, read) = await DuringAWrite("k", "v1", () => _db.GetCommitted("other"));

        Assert.True(answered, "the read waited for the block being written");
        Assert.Null(read);
        Assert.Equal("v1", _db.GetCommitted("k"));
    }

    [Fact]
    public async Task A_snapshot_taken_while_a_block_is_written_holds_the_block_before_it_without_waiting()
    {
        Commit("k", "v1");

        var (answered, taken) = await DuringAWrite("k", "v2", () => _db.Snapshot());

        Assert.True(answered, "the snapshot waited for the block being written");
        using var snapshot = taken;
        Assert.Equal((1L, "v1"), (snapshot.Height, snapshot.Get("k")));
        using var after = _db.Snapshot();
        Assert.Equal((2L, "v2"), (after.Height, after.Get("k")));
    }
}
