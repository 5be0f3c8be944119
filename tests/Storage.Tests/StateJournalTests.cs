using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class StateJournalTests
{
    private sealed class FixedState(Dictionary<string, string> values) : IStateReader
    {
        public string? Get(string key) => values.GetValueOrDefault(key);
    }

    private readonly FixedState _committed = new(new() { ["a"] = "committed", ["b"] = "kept" });

    [Fact]
    public void Reads_see_the_journal_first_then_the_state_beneath()
    {
        var journal = new StateJournal(_committed);

        journal.Put("a", "mine");

        Assert.Equal("mine", journal.Get("a"));
        Assert.Equal("kept", journal.Get("b"));
    }

    [Fact]
    public void A_cleared_journal_reads_and_records_as_a_new_one()
    {
        var journal = new StateJournal(_committed, trackReads: true);
        journal.Get("b");
        journal.Put("a", "mine");
        var savepoint = journal.Savepoint();

        journal.Clear();

        Assert.Empty(journal.Writes);
        Assert.Empty(journal.Reads);
        Assert.Equal(0, journal.Savepoint());
        Assert.NotEqual(0, savepoint);
        Assert.Equal("committed", journal.Get("a"));
        Assert.Equal([new KeyValuePair<string, string?>("a", "committed")], journal.Reads);
    }

    [Fact]
    public void A_delete_hides_the_value_beneath()
    {
        var journal = new StateJournal(_committed);

        journal.Delete("b");

        Assert.Null(journal.Get("b"));
        Assert.Equal([new KeyValuePair<string, string?>("b", null)], journal.Writes);
    }

    [Fact]
    public void Its_writes_become_a_write_set_in_ordinal_key_order()
    {
        var journal = new StateJournal(_committed);

        journal.Put("b", "2");
        journal.Put("B", "1");
        journal.Put("a", "3");

        Assert.Equal(["B", "a", "b"], WriteSet.From(journal.Writes).Select(w => w.Key));
    }

    [Fact]
    public void Rolling_back_to_a_savepoint_undoes_only_the_later_writes()
    {
        var journal = new StateJournal(_committed);
        journal.Put("a", "outer");
        var savepoint = journal.Savepoint();

        journal.Put("a", "inner");
        journal.Put("c", "inner");
        journal.Delete("b");
        journal.RollbackTo(savepoint);

        Assert.Equal("outer", journal.Get("a"));
        Assert.Null(journal.Get("c"));
        Assert.Equal("kept", journal.Get("b"));
        Assert.Equal(["a"], journal.Writes.Keys);
    }

    [Fact]
    public void Nested_savepoints_roll_back_independently()
    {
        var journal = new StateJournal(_committed);
        var outer = journal.Savepoint();
        journal.Put("x", "1");
        var inner = journal.Savepoint();
        journal.Put("x", "2");

        journal.RollbackTo(inner);
        Assert.Equal("1", journal.Get("x"));
        journal.RollbackTo(outer);

        Assert.Null(journal.Get("x"));
    }
}
