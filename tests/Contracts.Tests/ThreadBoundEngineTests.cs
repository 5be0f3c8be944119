using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>An engine bound to its thread (as a worker's is) keeps its isolate's lock between calls.</summary>
public sealed class ThreadBoundEngineTests
{
    /// <summary>Runs the whole life of a harness on one thread of its own, as a worker's pinned thread runs its engine.</summary>
    private static T OnOwnThread<T>(Func<ContractHarness, T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var h = new ContractHarness(ExecutionLimits.Default with { TimeLimit = TimeSpan.FromMilliseconds(200) });
                h.Engine.BindToThisThread();
                result = work(h);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "the bound engine's thread did not finish");
        if (failure is not null) throw new Xunit.Sdk.XunitException($"the bound engine failed: {failure}");
        return result;
    }

    [Fact]
    public void A_bound_engine_runs_call_after_call_and_nested_calls()
    {
        var returns = OnOwnThread(h =>
        {
            var callee = h.DeployClass("twice(n) { return n * 2; }", ("twice", 1));
            return Enumerable.Range(1, 3)
                .Select(i => h.Run($"return JSON.parse(blockchain.call('{callee}', 'twice', [{i}])[0]);").Returns.Single())
                .ToList();
        });

        Assert.Equal(["2", "4", "6"], returns);
    }

    [Fact]
    public void A_bound_engine_is_still_stopped_by_its_time_limit_from_the_watchdog_thread()
    {
        var (loop, next) = OnOwnThread(h => (h.Run("for (;;) {}", gasLimit: long.MaxValue / 4).Status.Code, h.Run("return 1;").Returns));

        Assert.Equal(StatusCode.Timeout, loop);
        Assert.Equal(["1"], next);
    }
}
