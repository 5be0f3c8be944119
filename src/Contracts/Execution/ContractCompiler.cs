using System.Collections.Concurrent;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The process's one compiler: an engine on a thread of its own with a large native stack. Compiling
/// is a pure function of the sources; a compiler whose code V8 has already optimised is several
/// times faster than one in each worker's fresh isolate; and on a stack this size no contract within
/// the code size limit can nest deeply enough to exhaust it, so whether code compiles never depends
/// on the thread that asked. Its isolate is the only one started with the compiler's context (workers
/// start from the smaller snapshot without it). Callers block until their work is done, one at a time.
/// </summary>
internal sealed class ContractCompiler
{
    /// <summary>Native stack of the compiler thread (reserved address space; only what is used is committed).</summary>
    public const int StackBytes = 256 * 1024 * 1024;

    public static ContractCompiler Shared { get; } = new();

    /// <summary>Work for the compiler's engine, and how to fail it when no engine could be made.</summary>
    private sealed record Request(Action<ContractEngine> Run, Action<Exception> Fail);

    private readonly BlockingCollection<Request> _requests = new();

    private ContractCompiler()
    {
        var thread = new Thread(Serve, StackBytes) { IsBackground = true, Name = "contract-compiler" };
        thread.Start();
    }

    public CompiledContract Compile(ContractSource source) => OnCompiler(engine => engine.CompileHere(source));

    /// <summary>The ABI `iwallet compile` would write for a source (<see cref="ContractEngine.GenerateAbi"/>).</summary>
    public string GenerateAbi(string path, string source) => OnCompiler(engine => engine.GenerateAbiHere(path, source));

    private T OnCompiler<T>(Func<ContractEngine, T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(new Request(engine =>
        {
            try
            {
                result.SetResult(work(engine));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }, e => result.SetException(e)));
        return result.Task.GetAwaiter().GetResult();
    }

    private void Serve()
    {
        ContractEngine? engine = null;
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            try
            {
                if (engine is null || engine.IsPoisoned)
                {
                    engine?.Dispose();
                    // Null until a new one exists: a failed start is tried again by the next request.
                    engine = null;
                    engine = new ContractEngine(ExecutionLimits.Default, start: IsolateStart.WithCompiler);
                    engine.BindToThisThread();
                }
            }
            catch (Exception e)
            {
                request.Fail(e);
                continue;
            }
            request.Run(engine);
        }
    }
}
