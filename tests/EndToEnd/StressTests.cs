using System.Diagnostics;
using System.Reflection;

namespace ActorVm.EndToEnd;

/// <summary>A short `actorvm bench stress`: bursts of distinct deploys and first calls to distinct contracts leave the node alive.</summary>
public sealed class StressTests
{
    [Fact]
    public async Task Bursts_of_distinct_deploys_and_first_calls_leave_the_node_alive_with_everything_committed()
    {
        var executable = typeof(StressTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ActorVmExecutable").Value!;
        var info = new ProcessStartInfo(executable, ["bench", "stress", "--bursts", "5", "--size", "40", "--calls", "150"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));

        Assert.True(process.ExitCode == 0, await output + await errors);
        Assert.Contains("200 distinct deploys in 5 bursts, 150 first calls, 0 failed; node alive", await output);
    }
}
