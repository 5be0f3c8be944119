using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class StateDbTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private StateDb _db;

    public StateDbTests() => _db = StateDb.Open(_dir.Path);

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private static BlockDraft Draft(params string[] txHashes) =>
        new(1_000, "test", txHashes.Select(h => new StoredReceipt(h, $$"""{"txHash":"{{h}}"}""")).ToList());

    private void RunTx(params (string Key, string? Value)[] writes)
    {
        var journal = _db.BeginTransaction();
        foreach (var (key, value) in writes)
        {
            if (value is null) journal.Delete(key);
            else journal.Put(key, value);
        }
        _db.CommitTransaction(journal);
    }

    private void Reopen()
    {
        _db.Dispose();
        _db = StateDb.Open(_dir.Path);
    }

    [Fact]
    public void A_new_store_is_at_height_zero_with_the_genesis_root()
    {
        Assert.Equal(0, _db.Height);
        Assert.Equal(StateRoot.Genesis, _db.StateRoot);
    }

    [Fact]
    public void A_committed_transaction_is_visible_to_the_next_one_before_the_block_commits()
    {
        RunTx(("k", "1"));

        var next = _db.BeginTransaction();

        Assert.Equal("1", next.Get("k"));
        Assert.Null(_db.GetCommitted("k"));
    }

    [Fact]
    public void A_failed_transaction_between_successful_ones_leaves_nothing_in_the_block()
    {
        RunTx(("a", "1"));
        var failed = _db.BeginTransaction();
        failed.Put("a", "bad");
        failed.Put("b", "bad");
        RunTx(("c", "3"));

        _db.CommitBlock(Draft("t1", "t2", "t3"));

        Assert.Equal("1", _db.GetCommitted("a"));
        Assert.Null(_db.GetCommitted("b"));
        Assert.Equal("3", _db.GetCommitted("c"));
    }

    [Fact]
    public void Committing_a_block_writes_its_record_receipts_height_and_root()
    {
        RunTx(("k", "v"));

        var block = _db.CommitBlock(Draft("t1"));

        Assert.Equal(1, block.Height);
        Assert.Equivalent(block, _db.GetBlock(1), strict: true);
        Assert.Equal("""{"txHash":"t1"}""", _db.GetReceipt("t1"));
        Assert.Equal(Convert.ToHexStringLower(_db.StateRoot), block.StateRoot);
        Assert.Empty(_db.PendingWrites);
    }

    [Fact]
    public void A_committed_transaction_is_found_with_its_receipt_and_its_block()
    {
        _db.CommitBlock(Draft("t0"));
        _db.CommitBlock(new BlockDraft(2_000, "test", [new StoredReceipt("t1", """{"txHash":"t1"}""", """{"publisher":"alice"}""")]));

        Assert.Equal("""{"txHash":"t1"}""", _db.GetReceipt("t1"));
        Assert.Equal("""{"publisher":"alice"}""", _db.GetTransaction("t1")?.Json);
        Assert.Equal(2, _db.BlockOfTransaction("t1"));
        Assert.Null(_db.GetTransaction("t0"));
        Assert.Equal(1, _db.BlockOfTransaction("t0"));
        Assert.Null(_db.BlockOfTransaction("t2"));
    }

    [Fact]
    public void A_directory_whose_chain_was_stored_in_an_earlier_layout_is_refused_with_a_reason()
    {
        _db.CommitBlock(Draft("t1"));
        _db.Dispose();
        using (var raw = ActorVm.Storage.RocksDb.RocksDatabase.Open(_dir.Path, columnFamilies: StateKeys.Families))
            raw.Delete(System.Text.Encoding.UTF8.GetBytes(StateKeys.MetaFormat), raw.Family(StateKeys.MetaFamily), sync: true);

        var refused = Assert.Throws<InvalidDataException>(() => StateDb.Open(_dir.Path));

        Assert.Contains("earlier version", refused.Message);
        using (var raw = ActorVm.Storage.RocksDb.RocksDatabase.Open(_dir.Path, columnFamilies: StateKeys.Families))
            raw.Put(System.Text.Encoding.UTF8.GetBytes(StateKeys.MetaFormat), System.Text.Encoding.UTF8.GetBytes(StateKeys.Format), raw.Family(StateKeys.MetaFamily), sync: true);
        _db = StateDb.Open(_dir.Path);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void A_directory_in_a_layout_this_version_reads_opens_and_takes_the_current_layout_with_its_next_block(string layout)
    {
        _db.CommitBlock(new BlockDraft(1_000, "test", [new StoredReceipt("t1", """{"txHash":"t1"}""", """{"publisher":"alice"}""")]));
        _db.Dispose();
        SetFormat(layout);

        _db = StateDb.Open(_dir.Path);
        _db.CommitBlock(Draft("t2"));

        Assert.Equal("""{"publisher":"alice"}""", _db.GetTransaction("t1")?.Json);
        _db.Dispose();
        using (var raw = ActorVm.Storage.RocksDb.RocksDatabase.Open(_dir.Path, columnFamilies: StateKeys.Families))
            Assert.Equal(StateKeys.Format, System.Text.Encoding.UTF8.GetString(raw.Get(System.Text.Encoding.UTF8.GetBytes(StateKeys.MetaFormat), raw.Family(StateKeys.MetaFamily))!));
        _db = StateDb.Open(_dir.Path);
    }

    [Fact]
    public void A_directory_stored_in_a_later_layout_is_refused_with_a_reason()
    {
        _db.CommitBlock(Draft("t1"));
        _db.Dispose();
        SetFormat("4");

        var refused = Assert.Throws<InvalidDataException>(() => StateDb.Open(_dir.Path));

        Assert.Contains("later version", refused.Message);
        SetFormat(StateKeys.Format);
        _db = StateDb.Open(_dir.Path);
    }

    private void SetFormat(string layout)
    {
        using var raw = ActorVm.Storage.RocksDb.RocksDatabase.Open(_dir.Path, columnFamilies: StateKeys.Families);
        raw.Put(System.Text.Encoding.UTF8.GetBytes(StateKeys.MetaFormat), System.Text.Encoding.UTF8.GetBytes(layout), raw.Family(StateKeys.MetaFamily), sync: true);
    }

    [Fact]
    public void Blocks_chain_by_parent_hash()
    {
        var first = _db.CommitBlock(Draft("t1"));

        var second = _db.CommitBlock(Draft("t2"));

        Assert.Equal(first.Hash, second.ParentHash);
        Assert.Equal(second.Hash, _db.HeadHash);
    }

    [Fact]
    public void Reopening_resumes_at_the_last_committed_height_with_its_root_and_head()
    {
        RunTx(("k", "1"));
        _db.CommitBlock(Draft("t1"));
        RunTx(("k", "2"), ("j", "x"));
        var last = _db.CommitBlock(Draft("t2"));
        var root = _db.StateRoot;

        Reopen();

        Assert.Equal(2, _db.Height);
        Assert.Equal(root, _db.StateRoot);
        Assert.Equal(last.Hash, _db.HeadHash);
        Assert.Equal("2", _db.GetCommitted("k"));
    }

    [Fact]
    public void A_block_being_built_is_lost_on_reopen()
    {
        RunTx(("k", "1"));

        Reopen();

        Assert.Null(_db.BeginTransaction().Get("k"));
        Assert.Equal(0, _db.Height);
    }

    [Fact]
    public void Discarding_a_block_drops_its_transactions()
    {
        RunTx(("k", "1"));

        _db.DiscardBlock();

        Assert.Null(_db.BeginTransaction().Get("k"));
    }

    [Fact]
    public void A_delete_in_a_block_removes_the_committed_value()
    {
        RunTx(("k", "v"));
        _db.CommitBlock(Draft("t1"));

        RunTx(("k", null));
        _db.CommitBlock(Draft("t2"));

        Assert.Null(_db.GetCommitted("k"));
        Assert.Null(_db.Snapshot().Get("k"));
    }

    [Fact]
    public void Committed_reads_fill_the_read_cache_and_block_commits_refresh_it()
    {
        RunTx(("k", "1"));
        _db.CommitBlock(Draft("t1"));
        Assert.Equal("1", _db.GetCommitted("k"));
        var hits = _db.ReadCache.Hits;

        RunTx(("k", "2"));
        _db.CommitBlock(Draft("t2"));

        Assert.Equal("2", _db.GetCommitted("k"));
        Assert.Equal(hits + 1, _db.ReadCache.Hits);
    }

    [Fact]
    public void The_state_root_depends_on_the_writes_but_not_on_their_order()
    {
        Dictionary<string, string?> W(params (string K, string? V)[] w) => w.ToDictionary(x => x.K, x => x.V);
        var a = StateRoot.Next(StateRoot.Genesis, W(("x", "1"), ("y", "2")));
        var b = StateRoot.Next(StateRoot.Genesis, W(("y", "2"), ("x", "1")));
        var c = StateRoot.Next(StateRoot.Genesis, W(("x", "1"), ("y", "3")));
        var d = StateRoot.Next(StateRoot.Genesis, W(("x", "1"), ("y", null)));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        Assert.NotEqual(a, StateRoot.Next(a, W(("x", "1"), ("y", "2"))));
    }
}
