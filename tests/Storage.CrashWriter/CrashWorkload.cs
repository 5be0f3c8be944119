using ActorVm.Storage.State;

namespace ActorVm.Storage.CrashWriter;

/// <summary>The blocks the crash writer commits: a pure function of the height, so a test can replay them.</summary>
public static class CrashWorkload
{
    public const string Contract = "crash";

    /// <summary>Block h's writes in order (null deletes); later writes to a key win.</summary>
    public static IReadOnlyList<(string Key, string? Value)> WritesOf(long height)
    {
        var writes = new List<(string, string?)>();
        for (var i = 0; i < 10; i++) writes.Add((StateKeys.Value(Contract, $"k{(height * 7 + i) % 50}"), $"h{height}i{i}"));
        if (height % 5 == 0) writes.Add((StateKeys.Value(Contract, $"k{height * 3 % 50}"), null));
        return writes;
    }

    public static string TxHash(long height) => $"tx{height}";

    /// <summary>Commits block <paramref name="height"/> as one transaction, synced.</summary>
    public static BlockRecord Commit(StateDb db, long height)
    {
        var journal = db.BeginTransaction();
        foreach (var (key, value) in WritesOf(height))
        {
            if (value is null) journal.Delete(key);
            else journal.Put(key, value);
        }
        db.CommitTransaction(journal);
        return db.CommitBlock(new BlockDraft(height, "crash", [new StoredReceipt(TxHash(height), $$"""{"height":{{height}}}""")]));
    }
}
