using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class ConsistentReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_snapshot_sees_one_whole_committed_block_while_blocks_keep_committing()
    {
        using var db = StateDb.Open(_dir.Path);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var next = (db.Height + 1).ToString();
                var journal = db.BeginTransaction();
                foreach (var key in new[] { "a", "b", "c" }) journal.Put(key, next);
                db.CommitTransaction(journal);
                db.CommitBlock(new BlockDraft(0, "test", []));
            }
        });

        var checks = 0;
        while (checks < 300 || db.Height < 20)
        {
            using var snapshot = db.Snapshot();
            var values = new[] { "a", "b", "c" }.Select(snapshot.Get).ToList();
            var expected = snapshot.Height == 0 ? null : snapshot.Height.ToString();
            Assert.All(values, v => Assert.Equal(expected, v));
            checks++;
        }
        stop.Cancel();
        await writer;
    }

    [Fact]
    public void A_snapshot_keeps_its_height_after_later_commits()
    {
        using var db = StateDb.Open(_dir.Path);
        var journal = db.BeginTransaction();
        journal.Put("k", "1");
        db.CommitTransaction(journal);
        db.CommitBlock(new BlockDraft(0, "test", []));
        using var snapshot = db.Snapshot();

        journal = db.BeginTransaction();
        journal.Put("k", "2");
        db.CommitTransaction(journal);
        db.CommitBlock(new BlockDraft(0, "test", []));

        Assert.Equal(1, snapshot.Height);
        Assert.Equal("1", snapshot.Get("k"));
        Assert.Equal("2", db.GetCommitted("k"));
    }
}
