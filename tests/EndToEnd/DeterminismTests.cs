using System.Diagnostics;
using System.Reflection;

namespace ActorVm.EndToEnd;

/// <summary>
/// The hostile corpus on a producing and a validating node (`actorvm bench determinism`): every block
/// is accepted by re-execution, the state roots match, and no transaction is left out for a limit.
/// </summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task The_hostile_corpus_gives_the_same_receipts_gas_and_state_root_on_a_validating_node()
    {
        var executable = typeof(DeterminismTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ActorVmExecutable").Value!;
        var info = new ProcessStartInfo(executable, ["bench", "determinism", "--runs", "1"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));

        Assert.True(process.ExitCode == 0, await output + await errors);
        Assert.Contains("1 of 1 runs identical", await output);
    }
}
