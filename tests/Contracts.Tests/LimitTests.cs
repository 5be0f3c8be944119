using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class LimitTests : IDisposable
{
    private readonly ContractHarness _h = new(ExecutionLimits.Default with { TimeLimit = TimeSpan.FromMilliseconds(200) });

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Running_out_of_gas_ends_the_call_with_gas_run_out_and_charges_the_limit()
    {
        var receipt = _h.Run("for (;;) {}", gasLimit: 10_000);

        Assert.Equal(StatusCode.GasRunOut, receipt.Status.Code);
        Assert.Equal(10_000, receipt.GasUsed);
    }

    [Fact]
    public void Out_of_gas_cannot_be_caught_by_the_contract()
    {
        var receipt = _h.Run("try { for (;;) {} } catch (e) { storage.put('caught', 'yes'); return 'caught'; } finally { return 'finally'; }", gasLimit: 10_000);

        Assert.Equal(StatusCode.GasRunOut, receipt.Status.Code);
        Assert.DoesNotContain(_h.World.Values.Keys, k => k.Contains("caught"));
    }

    [Fact]
    public void A_loop_that_outlives_the_time_limit_ends_with_timeout_and_the_engine_serves_the_next_call()
    {
        var loop = _h.Run("try { for (;;) {} } finally { for (;;) {} }", gasLimit: long.MaxValue / 4);
        var next = _h.Run("return 1;");

        Assert.Equal(StatusCode.Timeout, loop.Status.Code);
        Assert.Equal(["1"], next.Returns);
    }

    [Fact]
    public void A_nested_call_cut_short_by_the_time_limit_is_a_timeout_and_never_enters_a_block()
    {
        var looper = _h.DeployClass("spin() { for (;;) {} }", ("spin", 0));

        var receipt = _h.Run($"blockchain.call('{looper}', 'spin', []);", gasLimit: long.MaxValue / 4);

        Assert.Equal(StatusCode.Timeout, receipt.Status.Code);
    }

    [Fact]
    public void A_result_over_64_KiB_is_an_error()
    {
        var receipt = _h.Run("return 'x'.repeat(70000);");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("larger than", receipt.Status.Message);
    }

    [Fact]
    public void A_host_input_over_64_KiB_is_an_error()
    {
        var receipt = _h.Run("storage.put('k', 'x'.repeat(70000));");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("longer than 65536 bytes", receipt.Status.Message);
    }

    [Fact]
    public void Reaching_the_heap_limit_is_out_of_memory_and_poisons_the_engine()
    {
        using var small = new ContractHarness(new ExecutionLimits(TimeSpan.FromSeconds(20), 32L * 1024 * 1024));

        var receipt = small.Run("const a = []; for (;;) a.push({x: a.length, y: [1, 2, 3]});", gasLimit: long.MaxValue / 4);

        Assert.Equal(StatusCode.OutOfMemory, receipt.Status.Code);
        Assert.True(small.Engine.IsPoisoned);
    }
}
