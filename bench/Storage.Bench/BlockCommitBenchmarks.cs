using System.Text;
using ActorVm.Storage.RocksDb;
using ActorVm.Storage.State;
using BenchmarkDotNet.Attributes;

namespace ActorVm.Storage.Bench;

/// <summary>
/// Block commit throughput through the StateDB (journal → block cache → one synced WriteBatch with
/// block, receipts, height and root) against raw synced RocksDB batch writes of the same keys and
/// values through the same binding: the ceiling. Figures are per key; keys/s = 1e9 / ns.
/// </summary>
[MemoryDiagnoser]
public class BlockCommitBenchmarks
{
    [Params(100, 1_000, 10_000)]
    public int KeysPerBlock { get; set; }

    private string _dir = null!;
    private StateDb _state = null!;
    private RocksDatabase _raw = null!;
    private ColumnFamily _rawFamily = null!;
    private long _round;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("actorvm-bench-").FullName;
        _state = StateDb.Open(Path.Combine(_dir, "state"));
        _raw = RocksDatabase.Open(Path.Combine(_dir, "raw"), columnFamilies: [StateKeys.StateFamily]);
        _rawFamily = _raw.Family(StateKeys.StateFamily);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _state.Dispose();
        _raw.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Key(int i) => StateKeys.Value("bench", $"account{i}");

    private string Value(long round, int i) => $"{round * 1_000_003 + i}";

    [Benchmark(Description = "StateDB block commit (synced)")]
    public BlockRecord StateDbBlock()
    {
        var round = ++_round;
        var journal = _state.BeginTransaction();
        for (var i = 0; i < KeysPerBlock; i++) journal.Put(Key(i), Value(round, i));
        _state.CommitTransaction(journal);
        return _state.CommitBlock(new BlockDraft(round, "bench", [new StoredReceipt($"tx{round}", "{}")]));
    }

    [Benchmark(Baseline = true, Description = "raw RocksDB batch (synced)")]
    public void RawBatch()
    {
        var round = ++_round;
        using var batch = new WriteBatch(_raw);
        for (var i = 0; i < KeysPerBlock; i++) batch.Put(Encoding.UTF8.GetBytes(Key(i)), Encoding.UTF8.GetBytes(Value(round, i)), _rawFamily);
        _raw.Write(batch, sync: true);
    }
}
