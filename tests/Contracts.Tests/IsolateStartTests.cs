using ActorVm.Contracts.Engine;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>Workers' isolates start from the snapshot without the compiler; only the compiler's has it.</summary>
public sealed class IsolateStartTests
{
    private const int Compiler = -2;

    [Fact]
    public void An_isolate_started_for_calls_refuses_to_prepare_the_compiler()
    {
        using var isolate = new V8Isolate(ExecutionLimits.Default.HeapLimitBytes, IsolateStart.Calls);

        var e = Assert.Throws<InvalidOperationException>(() => isolate.Prepare(Compiler));

        Assert.Contains("without the compiler", e.Message);
    }

    [Fact]
    public void An_isolate_started_with_the_compiler_prepares_it()
    {
        using var isolate = new V8Isolate(ExecutionLimits.Default.HeapLimitBytes, IsolateStart.WithCompiler);

        isolate.Prepare(Compiler);
    }

    [Fact]
    public void A_contract_deployed_through_a_worker_engine_is_compiled_by_the_process_compiler_and_runs()
    {
        using var h = new ContractHarness();

        var id = h.DeployClass("hello() { return 'hi'; }", ("hello", 0));

        Assert.Equal(["\"hi\""], h.Call(id, "hello").Returns);
    }
}
