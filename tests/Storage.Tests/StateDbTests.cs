using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class StateDbTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string?> Writes(params (string Key, string? Value)[] writes) =>
        writes.ToDictionary(w => w.Key, w => w.Value);

    [Fact]
    public void A_new_store_is_at_height_zero_with_the_genesis_root()
    {
        using var db = StateDb.Open(_dir.Path);

        Assert.Equal(0, db.Height);
        Assert.Equal(StateRoot.Genesis, db.StateRoot);
    }

    [Fact]
    public void A_committed_block_survives_reopen_with_its_height_and_root()
    {
        byte[] root;
        using (var db = StateDb.Open(_dir.Path))
        {
            db.CommitBlock(Writes(("v/c/k", "1")), [new("r/tx", "{}")]);
            db.CommitBlock(Writes(("v/c/k", "2"), ("v/c/j", "x")), []);
            root = db.StateRoot;
        }

        using var reopened = StateDb.Open(_dir.Path);

        Assert.Equal(2, reopened.Height);
        Assert.Equal(root, reopened.StateRoot);
        Assert.Equal("2", reopened.Get("v/c/k"));
        Assert.Equal("{}", reopened.Get("r/tx"));
    }

    [Fact]
    public void A_null_write_deletes_the_key()
    {
        using var db = StateDb.Open(_dir.Path);
        db.CommitBlock(Writes(("k", "v")), []);

        db.CommitBlock(Writes(("k", null)), []);

        Assert.Null(db.Get("k"));
    }

    [Fact]
    public void The_state_root_depends_on_the_writes_but_not_on_their_order()
    {
        var a = StateRoot.Next(StateRoot.Genesis, Writes(("x", "1"), ("y", "2")));
        var b = StateRoot.Next(StateRoot.Genesis, Writes(("y", "2"), ("x", "1")));
        var c = StateRoot.Next(StateRoot.Genesis, Writes(("x", "1"), ("y", "3")));
        var d = StateRoot.Next(StateRoot.Genesis, Writes(("x", "1"), ("y", null)));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
    }

    [Fact]
    public void The_state_root_chains_over_the_previous_root()
    {
        var writes = Writes(("x", "1"));

        var once = StateRoot.Next(StateRoot.Genesis, writes);
        var twice = StateRoot.Next(once, writes);

        Assert.NotEqual(once, twice);
    }
}
