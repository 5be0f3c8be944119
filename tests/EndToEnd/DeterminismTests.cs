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
        var (exitCode, output, errors) = await ActorVmCommand.RunAsync(TimeSpan.FromMinutes(10), "bench", "determinism", "--runs", "1");

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("1 of 1 runs identical", output);
    }
}
