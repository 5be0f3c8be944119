using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class HeapLimitTests
{
    [Fact]
    public void Reaching_the_heap_limit_is_out_of_memory_and_poisons_the_engine()
    {
        using var engine = new ContractEngine(new ExecutionLimits(TimeSpan.FromSeconds(10), 16L * 1024 * 1024));

        var outcome = engine.Run("class C { f() { const a = []; for (;;) a.push({x: a.length, y: [1, 2, 3]}); } } module.exports = C;",
            "f", "[]", new ContractStorage(new InMemoryWorldState(), "c"));

        Assert.Equal(StatusCode.OutOfMemory, outcome.Code);
        Assert.True(engine.IsPoisoned);
    }
}
