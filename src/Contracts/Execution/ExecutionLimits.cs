using ActorVm.Contracts.Chain;
namespace ActorVm.Contracts.Execution;

/// <summary>
/// Per-call limits (docs/contract-api.md, Limits). The time limit is a safety net that correct metering never
/// reaches (see bench/results/calibration.md); a node validating another's block allows the longer
/// <see cref="ValidationTimeLimit"/>, so that a slower machine refuses a block only when it truly
/// cannot run it. <see cref="MaxTxGas"/> caps the gas limit a transaction may ask for.
/// </summary>
public sealed record ExecutionLimits(TimeSpan TimeLimit, long HeapLimitBytes)
{
    public const long DefaultMaxTxGas = 400_000;

    public static readonly ExecutionLimits Default = new(TimeSpan.FromMilliseconds(200), 128L * 1024 * 1024);

    public TimeSpan ValidationTimeLimit { get; init; } = TimeSpan.FromSeconds(2);

    public long MaxTxGas { get; init; } = DefaultMaxTxGas;

    /// <summary>The chain's rules (chain id, dev key), which decide which transactions are authorised.</summary>
    public ChainRules Chain { get; init; } = ChainRules.Production;
}
