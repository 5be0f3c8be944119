using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class SealedBlockTests
{
    private static StoredReceipt Receipt(string hash, string replayKey) => new(hash, "{}") { ReplayKey = replayKey };

    [Fact]
    public void Its_replay_keys_are_those_of_its_receipts_also_in_a_copy_with_other_receipts()
    {
        var block = SealedBlock.On(new ChainTip(1, "parent", StateRoot.Genesis), new BlockDraft(1, "w", [Receipt("h1", "k1")]), WriteSet.Empty);

        var copy = block with { Receipts = [Receipt("h2", "k2"), Receipt("h3", "")] };

        Assert.Equal(["k1"], block.ReplayKeys);
        Assert.Equal(["h3", "k2"], copy.ReplayKeys.Order(StringComparer.Ordinal));
    }
}
