using System.Collections.Concurrent;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The process's one compiler: an engine on a thread of its own with a large native stack. Compiling
/// is a pure function of the sources; a compiler whose code V8 has already optimised is several
/// times faster than one in each worker's fresh isolate; and on a stack this size no contract within
/// the code size limit can nest deeply enough to exhaust it, so whether code compiles never depends
/// on the thread that asked. Callers block until their compile is done, one compile at a time.
/// </summary>
internal sealed class ContractCompiler
{
    /// <summary>Native stack of the compiler thread (reserved address space; only what is used is committed).</summary>
    public const int StackBytes = 256 * 1024 * 1024;

    public static ContractCompiler Shared { get; } = new();

    private readonly BlockingCollection<(ContractSource Source, TaskCompletionSource<CompiledContract> Result)> _requests = new();

    private ContractCompiler()
    {
        var thread = new Thread(Serve, StackBytes) { IsBackground = true, Name = "contract-compiler" };
        thread.Start();
    }

    public CompiledContract Compile(ContractSource source)
    {
        var result = new TaskCompletionSource<CompiledContract>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((source, result));
        return result.Task.GetAwaiter().GetResult();
    }

    private void Serve()
    {
        ContractEngine? engine = null;
        foreach (var (source, result) in _requests.GetConsumingEnumerable())
        {
            try
            {
                if (engine is null || engine.IsPoisoned)
                {
                    engine?.Dispose();
                    engine = new ContractEngine(ExecutionLimits.Default);
                }
                result.SetResult(engine.CompileHere(source));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }
}
