using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>The result of one method run: its JSON return value (null for undefined) or why it failed, and its gas.</summary>
public sealed record ExecutionOutcome(StatusCode Code, string Message, string? Result, long GasUsed = 0)
{
    public bool Succeeded => Code == StatusCode.Success;
}
