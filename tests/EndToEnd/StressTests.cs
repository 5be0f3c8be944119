namespace ActorVm.EndToEnd;

/// <summary>A short `actorvm bench stress`: bursts of distinct deploys and first calls to distinct contracts leave the node alive.</summary>
public sealed class StressTests
{
    [Fact]
    public async Task Bursts_of_distinct_deploys_and_first_calls_leave_the_node_alive_with_everything_committed()
    {
        var (exitCode, output, errors) = await ActorVmCommand.RunAsync(TimeSpan.FromMinutes(10),
            "bench", "stress", "--bursts", "5", "--size", "40", "--calls", "150");

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("200 distinct deploys in 5 bursts, 150 first calls, 0 failed; node alive", output);
    }
}
