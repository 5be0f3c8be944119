using System.Text;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Storage.Tests;

public sealed class RocksDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_value_written_survives_close_and_reopen()
    {
        using (var db = RocksDatabase.Open(_dir.Path))
            db.Put(B("key"), B("value"), sync: true);

        using var reopened = RocksDatabase.Open(_dir.Path);

        Assert.Equal(B("value"), reopened.Get(B("key")));
    }

    [Fact]
    public void Get_of_a_missing_key_is_null()
    {
        using var db = RocksDatabase.Open(_dir.Path);

        Assert.Null(db.Get(B("missing")));
    }

    [Fact]
    public void Delete_removes_a_key()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        db.Put(B("k"), B("v"));

        db.Delete(B("k"));

        Assert.Null(db.Get(B("k")));
    }

    [Fact]
    public void A_write_batch_applies_all_its_puts_and_deletes()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        db.Put(B("old"), B("x"));
        using var batch = new WriteBatch(db).Put(B("a"), B("1")).Put(B("b"), B("2")).Delete(B("old"));

        db.Write(batch, sync: true);

        Assert.Equal(3, batch.Count);
        Assert.Equal(B("1"), db.Get(B("a")));
        Assert.Equal(B("2"), db.Get(B("b")));
        Assert.Null(db.Get(B("old")));
    }

    [Fact]
    public void Binary_keys_and_values_with_nul_bytes_round_trip()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        byte[] key = [0, 1, 0, 2], value = [0, 0, 255];

        db.Put(key, value);

        Assert.Equal(value, db.Get(key));
    }

    [Fact]
    public void An_error_carries_the_message_of_rocksdb()
    {
        using var first = RocksDatabase.Open(_dir.Path);

        var error = Assert.Throws<RocksDbException>(() => RocksDatabase.Open(_dir.Path));

        Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Column_families_keep_their_keys_apart_and_survive_reopen()
    {
        using (var db = RocksDatabase.Open(_dir.Path, columnFamilies: ["one", "two"]))
        {
            db.Put(B("k"), B("in one"), db.Family("one"));
            db.Put(B("k"), B("in two"), db.Family("two"), sync: true);
        }

        using var reopened = RocksDatabase.Open(_dir.Path, columnFamilies: ["one", "two"]);

        Assert.Equal(B("in one"), reopened.Get(B("k"), reopened.Family("one")));
        Assert.Equal(B("in two"), reopened.Get(B("k"), reopened.Family("two")));
        Assert.Null(reopened.Get(B("k")));
    }

    [Fact]
    public void A_write_batch_spans_column_families()
    {
        using var db = RocksDatabase.Open(_dir.Path, columnFamilies: ["one", "two"]);
        using var batch = new WriteBatch(db).Put(B("a"), B("1"), db.Family("one")).Put(B("b"), B("2"), db.Family("two"));

        db.Write(batch, sync: true);

        Assert.Equal(B("1"), db.Get(B("a"), db.Family("one")));
        Assert.Equal(B("2"), db.Get(B("b"), db.Family("two")));
    }

    [Fact]
    public void Multi_get_answers_each_key_with_its_value_or_null()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        db.Put(B("a"), B("1"));
        db.Put(B("c"), B("3"));

        var values = db.MultiGet([B("a"), B("b"), B("c")]);

        Assert.Equal([B("1"), null, B("3")], values);
    }

    [Fact]
    public void A_prefix_scan_returns_exactly_the_keys_with_the_prefix_in_order()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        foreach (var key in new[] { "p-2", "p-1", "o-9", "p-3", "q-0", "p" }) db.Put(B(key), B(key.ToUpperInvariant()));

        var keys = db.ScanPrefix(B("p-")).Select(e => Encoding.UTF8.GetString(e.Key)).ToList();

        Assert.Equal(["p-1", "p-2", "p-3"], keys);
    }

    [Fact]
    public void A_snapshot_does_not_see_later_writes()
    {
        using var db = RocksDatabase.Open(_dir.Path);
        db.Put(B("k"), B("before"));
        using var snapshot = db.CreateSnapshot();

        db.Put(B("k"), B("after"));
        db.Put(B("new"), B("x"));

        Assert.Equal(B("before"), db.Get(B("k"), snapshot: snapshot));
        Assert.Null(db.Get(B("new"), snapshot: snapshot));
        Assert.Equal(B("after"), db.Get(B("k")));
    }

    [Fact]
    public void Options_with_another_compression_and_cache_size_open_and_work()
    {
        using var db = RocksDatabase.Open(_dir.Path, new RocksDbOptions { Compression = Compression.Zstd, BlockCacheBytes = 1 << 20 });

        db.Put(B("k"), B(new string('x', 10_000)), sync: true);

        Assert.Equal(10_000, db.Get(B("k"))!.Length);
    }
}
