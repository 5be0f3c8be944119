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
        using var batch = new WriteBatch().Put(B("a"), B("1")).Put(B("b"), B("2")).Delete(B("old"));

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
}
