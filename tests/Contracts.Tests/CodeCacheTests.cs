using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class CodeCacheTests
{
    private sealed class RecordingStore : ICompiledCodeStore
    {
        public Dictionary<string, byte[]> Entries { get; } = [];
        public int Puts { get; private set; }
        public int Hits { get; private set; }

        public byte[]? Get(string key)
        {
            if (!Entries.TryGetValue(key, out var value)) return null;
            Hits++;
            return value;
        }

        public void Put(string key, byte[] artifact)
        {
            Puts++;
            Entries[key] = artifact;
        }
    }

    [Fact]
    public void The_compiled_contract_and_its_code_cache_are_stored_and_reused_by_another_engine()
    {
        var store = new RecordingStore();
        var world = new InMemoryWorldState();
        string id;
        using (var first = new ContractHarness(store: store, world: world))
            id = first.DeployClass("f() { return 'cached'; }", ("f", 0));

        using var second = new ContractHarness(store: store, world: world);
        var receipt = second.Call(id, "f");

        Assert.Equal(["\"cached\""], receipt.Returns);
        Assert.Equal(1, store.Puts);
        Assert.True(store.Hits >= 1);
        Assert.Contains(store.Entries.Keys, k => k.EndsWith("-" + Engine.V8Isolate.EngineVersion));
    }

    [Fact]
    public void A_loaded_contract_is_kept_by_the_engine()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("f() { return 1; }", ("f", 0));

        h.Call(id, "f");
        h.Call(id, "f");

        Assert.Equal(1, h.Engine.LoadedCount);
    }
}
