using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Runs contract methods on one isolate under the limits. Owned by one worker; after a heap-limit
/// hit it reports <see cref="IsPoisoned"/> and its owner replaces it.
/// </summary>
public sealed class ContractEngine : IDisposable
{
    /// <summary>Largest JSON result a method may return (SPEC §2.3).</summary>
    public const int MaxResultBytes = 64 * 1024;

    private readonly ExecutionLimits _limits;
    private readonly V8Isolate _isolate;
    private readonly ExecutionWatchdog _watchdog = new();

    public ContractEngine(ExecutionLimits limits)
    {
        _limits = limits;
        _isolate = new V8Isolate(limits.HeapLimitBytes);
    }

    public bool IsPoisoned => _isolate.IsPoisoned;

    public ExecutionOutcome Run(string source, string method, string argsJson, IContractState storage)
    {
        using var context = new HostCallContext(storage);
        _watchdog.Arm(_isolate, _limits.TimeLimit);
        RawOutcome raw;
        bool timedOut;
        try
        {
            raw = _isolate.Call(context, source, method, argsJson);
        }
        finally
        {
            timedOut = _watchdog.Disarm();
        }
        if (timedOut && raw.Status != V8Native.StatusTerminated) _isolate.CancelTerminate();
        return ToOutcome(raw, timedOut);
    }

    private ExecutionOutcome ToOutcome(RawOutcome raw, bool timedOut) => raw.Status switch
    {
        V8Native.StatusOk when raw.HasResult && raw.Text.Length > MaxResultBytes =>
            new(StatusCode.RuntimeError, $"the result is larger than {MaxResultBytes} bytes", null),
        V8Native.StatusOk => new(StatusCode.Success, "", raw.HasResult ? raw.Text : null),
        V8Native.StatusException => new(StatusCode.RuntimeError,
            raw.Line > 0 ? $"{raw.Text} (line {raw.Line}, column {raw.Column})" : raw.Text, null),
        V8Native.StatusTerminated when timedOut => new(StatusCode.Timeout,
            $"execution exceeded the time limit of {_limits.TimeLimit.TotalMilliseconds} ms", null),
        V8Native.StatusOutOfMemory => new(StatusCode.OutOfMemory,
            $"out of memory: the heap limit of {_limits.HeapLimitBytes / (1024 * 1024)} MiB was reached", null),
        _ => new(StatusCode.Unknown, raw.Text, null),
    };

    public void Dispose()
    {
        _watchdog.Dispose();
        _isolate.Dispose();
    }
}
