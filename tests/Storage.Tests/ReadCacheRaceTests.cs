using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

/// <summary>Reads of committed state racing with commits never leave an older value in the read cache.</summary>
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
    public async Task A_read_that_misses_the_cache_during_a_commit_does_not_cache_the_value_from_before_it()
    {
        const int Blocks = 300;
        const int KeysPerBlock = 20;
        using var stop = new CancellationTokenSource();
        // Readers keep missing the cache on keys that the next blocks write.
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested) _db.GetCommitted($"k{random.Next(Blocks * KeysPerBlock)}");
        })).ToList();

        for (var b = 0; b < Blocks; b++)
        {
            var journal = _db.BeginTransaction();
            for (var k = 0; k < KeysPerBlock; k++) journal.Put($"k{b * KeysPerBlock + k}", $"v{b}");
            _db.CommitTransaction(journal);
            _db.CommitBlock(new BlockDraft(b, "test", []));
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        for (var key = 0; key < Blocks * KeysPerBlock; key++)
            Assert.Equal($"v{key / KeysPerBlock}", _db.GetCommitted($"k{key}"));
    }
}
