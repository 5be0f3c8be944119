namespace ActorVm.Contracts.Execution;

/// <summary>Per-call limits (SPEC §2.3 defaults).</summary>
public sealed record ExecutionLimits(TimeSpan TimeLimit, long HeapLimitBytes)
{
    public static readonly ExecutionLimits Default = new(TimeSpan.FromMilliseconds(200), 128L * 1024 * 1024);
}
