using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Compiles and runs contracts on one isolate under the limits. Owned by one worker; after a
/// heap-limit hit it reports <see cref="IsPoisoned"/> and its owner replaces it. Nested contract
/// calls run in the same isolate, each in a context of its own.
/// </summary>
public sealed class ContractEngine : IDisposable
{
    /// <summary>Largest JSON result a method may return (docs/contract-api.md).</summary>
    public const int MaxResultBytes = 64 * 1024;

    private const int LoadedContracts = 64;
    private static readonly TimeSpan CompileTimeLimit = TimeSpan.FromSeconds(5);

    private readonly ExecutionLimits _limits;
    private readonly ICompiledCodeStore _store;
    private readonly V8Isolate _isolate;
    private readonly ExecutionWatchdog _watchdog = new();
    private readonly CompiledContractCache _loaded;
    private readonly DeployedCodeCache _deployed = new(LoadedContracts * 4);
    private int _depth;

    public ExecutionLimits Limits => _limits;

    /// <summary>A deployed contract's parsed ABI, kept with its loaded code.</summary>
    public ContractAbi AbiOf(DeployedContract contract) => _deployed.Abi(contract.Id, contract.AbiJson);

    public ContractEngine(ExecutionLimits limits, ICompiledCodeStore? store = null, IsolateStart start = IsolateStart.Calls)
    {
        _limits = limits;
        TimeLimit = limits.TimeLimit;
        _store = store ?? NoCompiledCodeStore.Instance;
        _isolate = new V8Isolate(limits.HeapLimitBytes, start);
        _loaded = new CompiledContractCache(LoadedContracts, c => _isolate.ReleaseModules(c.Handle));
    }

    public bool IsPoisoned => _isolate.IsPoisoned;

    /// <summary>
    /// Binds this engine to the calling thread: its isolate's lock stays taken between calls. For an
    /// owner on a thread of its own (a worker) that also disposes the engine there; any other thread's
    /// call would wait forever.
    /// </summary>
    public void BindToThisThread() => _isolate.HoldOnThisThread();

    /// <summary>The time limit of the calls that follow: the limits' own, or the longer one for validating a block.</summary>
    public TimeSpan TimeLimit { get; set; }

    /// <summary>How many compiled contracts this engine keeps loaded.</summary>
    public int LoadedCount => _loaded.Count;

    /// <summary>
    /// The compile phase: checks the sources and injects gas metering (acorn inside V8), on the
    /// process's one compiler (<see cref="ContractCompiler"/>).
    /// </summary>
    public static CompiledContract Compile(ContractSource source)
    {
        if (source.TotalBytes > ContractSource.MaxCodeBytes)
            throw new ContractCompileException($"contract code is larger than {ContractSource.MaxCodeBytes} bytes");
        return ContractCompiler.Shared.Compile(source);
    }

    /// <summary>Compiles on this engine; only the compiler's own thread calls it.</summary>
    internal CompiledContract CompileHere(ContractSource source)
    {
        var request = JsonSerializer.Serialize(new { files = source.Files, entry = source.Entry });
        // The compile phase touches no state: an empty world that is dropped afterwards.
        var tx = new TransactionContext(new Transaction(0, 0, 0, "system", [], []), BlockContext.Genesis, new InMemoryWorldState());
        var frame = new CallFrame("system", "compile", "system", "system", true, CallFrame.NoExtraAuth);
        const long compileGas = long.MaxValue / 2;
        var raw = RunRaw(tx, frame, V8Native.CompilerHandle, [request], CompileTimeLimit, 0, compileGas, out var timedOut);
        if (raw.Status != V8Native.StatusOk)
        {
            // A compile that hit a limit says nothing about the code: it is left out, not refused.
            var status = timedOut ? StatusCode.Timeout
                : raw.Status == V8Native.StatusOutOfMemory ? StatusCode.OutOfMemory
                : raw.Status == V8Native.StatusStackOverflow || raw.Text.Contains("Maximum call stack size exceeded") ? StatusCode.StackOverflow
                : StatusCode.WrongParameter;
            throw new ContractCompileException($"the compiler failed: {raw.Text}", status);
        }
        using var doc = JsonDocument.Parse(raw.Text);
        var root = doc.RootElement;
        if (!root.GetProperty("ok").GetBoolean()) throw new ContractCompileException(root.GetProperty("error").GetString()!);
        var modules = root.GetProperty("modules").EnumerateObject().Select(m => new CompiledModule(m.Name,
            m.Value.GetProperty("code").GetString()!,
            m.Value.GetProperty("columns").EnumerateArray().Select(c => c.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToList())).ToList();
        return new CompiledContract(source.Hash(), source.Entry, modules);
    }

    /// <summary>
    /// The ABI `iwallet compile` would write for a contract's source (its exported class's public
    /// methods, argument types from their JSDoc @param tags), as JSON; a source it cannot read throws.
    /// Generated on the process's compiler.
    /// </summary>
    public static string GenerateAbi(string path, string source) => ContractCompiler.Shared.GenerateAbi(path, source);

    /// <summary>Generates an ABI on this engine; only the compiler's own thread calls it.</summary>
    internal string GenerateAbiHere(string path, string source)
    {
        var request = JsonSerializer.Serialize(new { files = new Dictionary<string, string> { [path] = source }, entry = path, abi = true });
        var tx = new TransactionContext(new Transaction(0, 0, 0, "system", [], []), BlockContext.Genesis, new InMemoryWorldState());
        var frame = new CallFrame("system", "abi", "system", "system", true, CallFrame.NoExtraAuth);
        var raw = RunRaw(tx, frame, V8Native.CompilerHandle, [request], CompileTimeLimit, 0, long.MaxValue / 2, out _);
        if (raw.Status != V8Native.StatusOk) throw new ContractCompileException($"the ABI could not be generated: {raw.Text}");
        using var doc = JsonDocument.Parse(raw.Text);
        if (!doc.RootElement.GetProperty("ok").GetBoolean()) throw new ContractCompileException(doc.RootElement.GetProperty("error").GetString()!);
        return JsonSerializer.Serialize(doc.RootElement.GetProperty("abi"), new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Compiles (or finds) the contract and loads it into this isolate; compile errors throw.</summary>
    public void Prepare(ContractSource source) => Load(source);

    /// <summary>
    /// Loads a deployed contract and prepares a context for it, so that its first call here is as
    /// fast as any other; runs none of its code. Compile errors throw.
    /// </summary>
    public void Warm(string storedCode) => _isolate.Prepare(Load(ContractSource.Parse(storedCode)).Handle);

    /// <summary>The exported class's methods and their parameter counts; running the modules' top level is metered.</summary>
    public (ExecutionOutcome Outcome, IReadOnlyDictionary<string, int> Methods) Describe(TransactionContext tx, CallFrame frame,
        ContractSource source, long gasLimit)
    {
        var outcome = Run(tx, frame, source, "describe", "", "[]", gasLimit);
        if (!outcome.Succeeded) return (outcome, new Dictionary<string, int>());
        using var doc = JsonDocument.Parse(outcome.Result!);
        return (outcome, doc.RootElement.GetProperty("methods").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetInt32()));
    }

    /// <summary>Runs a method of a contract as the outermost call of an action (or as a nested one).</summary>
    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, ContractSource source, string mode, string method,
        string argsJson, long gasLimit, bool optional = false, long gasBase = 0)
    {
        LoadedContract contract;
        try
        {
            contract = Load(source);
        }
        catch (ContractCompileException e)
        {
            return new(e.Status == StatusCode.WrongParameter ? StatusCode.RuntimeError : e.Status, e.Message, null);
        }
        var inputs = CallInputs.For(mode, tx, frame, contract.Compiled.Entry, method, argsJson, gasLimit, optional);
        tx.Stack.Add(frame);
        try
        {
            var raw = RunRaw(tx, frame, contract.Handle, inputs, TimeLimit, gasBase, gasLimit, out var timedOut);
            return ToOutcome(raw, timedOut, tx, contract.Compiled, gasLimit);
        }
        finally
        {
            tx.Stack.RemoveAt(tx.Stack.Count - 1);
        }
    }

    /// <summary>
    /// Runs a method of a deployed contract after checking the call against its ABI; a call the ABI
    /// refuses is WRONG_PARAMETER and runs nothing.
    /// </summary>
    public ExecutionOutcome RunDeployed(TransactionContext tx, CallFrame frame, DeployedContract contract, string method, string argsJson,
        long gasLimit, long gasBase = 0, IReadOnlyList<JsonElement>? parsedArgs = null)
    {
        try
        {
            var abi = _deployed.Abi(contract.Id, contract.AbiJson);
            if (parsedArgs is not null) abi.CheckCall(method, parsedArgs);
            else abi.CheckCall(method, argsJson);
        }
        catch (AbiException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }
        return Run(tx, frame, _deployed.Source(contract.Id, contract.Code), "call", method, argsJson, gasLimit, gasBase: gasBase);
    }

    /// <summary>
    /// blockchain.call from a running contract: the callee runs in its own context with at most the
    /// caller's remaining gas; a callee that throws has its writes, receipts and events undone and the
    /// caller gets the error; anything that ends the transaction ends it for the caller too.
    /// </summary>
    internal string CallNested(HostCallContext caller, string contractId, string api, string argsJson, long gas, bool withAuth)
    {
        var tx = caller.Transaction;
        string Failure(string error) => JsonSerializer.Serialize(new { ok = false, gas = 0, error });
        if (tx.Stack.Count >= TransactionContext.MaxDepth) return Failure("stack height exceed");
        // callWithAuth lends the caller's authority, and what it held, to the callee.
        IReadOnlySet<string> lent = withAuth ? new HashSet<string>(caller.Frame.ExtraAuth) { caller.Frame.Contract } : CallFrame.NoExtraAuth;
        if (SystemContracts.Resolve(contractId, tx.World) is { } system)
        {
            // By its own name, whichever of its names it was called by.
            if (tx.Stack.Any(f => f.Contract == system.Names[0] && f.Method == api)) return Failure($"reentrant call of {contractId}.{api}");
            return CallSystem(caller, system, contractId, api, argsJson, gas, lent);
        }
        if (TransactionExecutor.Deployed(tx.World, contractId) is not { } contract) return Failure($"contract '{contractId}' does not exist");
        // By its id, whatever name it was called by.
        if (tx.Stack.Any(f => f.Contract == contract.Id && f.Method == api)) return Failure($"reentrant call of {contractId}.{api}");

        var frame = new CallFrame(contract.Id, api, contract.Owner, caller.Frame.Contract, false, lent);
        var savepoint = tx.World.Savepoint();
        var (receipts, events, ram) = (tx.Receipts.Count, tx.Events.Count, tx.RamCharges);
        var gasBase = caller.GasBase + (caller.GasLimit - gas);
        var outcome = RunDeployed(tx, frame, contract, api, argsJson, gas, gasBase);
        if (tx.Abort is { } abort) throw new TransactionAbortException(abort.Code, abort.Message);
        switch (outcome.Code)
        {
            case StatusCode.WrongParameter:
                return Failure(outcome.Message);
            case StatusCode.Success:
                return JsonSerializer.Serialize(new { ok = true, gas = outcome.GasUsed, result = outcome.Result });
            case StatusCode.RuntimeError:
                tx.World.RollbackTo(savepoint);
                tx.Receipts.RemoveRange(receipts, tx.Receipts.Count - receipts);
                tx.Events.RemoveRange(events, tx.Events.Count - events);
                tx.DropRamCharges(ram);
                return JsonSerializer.Serialize(new { ok = false, gas = outcome.GasUsed, error = $"{contractId}.{api}: {outcome.Message}" });
            default:
                throw new TransactionAbortException(outcome.Code, outcome.Message);
        }
    }

    /// <summary>
    /// A system contract called from a contract (token.iost's transfer through callWithAuth, as
    /// blockchain.transfer does in IOST): under the caller's frame and gas; a refusal undoes its writes
    /// and is the caller's error, a balance not enough ends the transaction.
    /// </summary>
    private static string CallSystem(HostCallContext caller, ISystemContract system, string contractId, string api, string argsJson, long gas,
        IReadOnlySet<string> lent)
    {
        var tx = caller.Transaction;
        var frame = new CallFrame(system.Names[0], api, "", caller.Frame.Contract, false, lent);
        var savepoint = tx.World.Savepoint();
        var (receipts, events, ram) = (tx.Receipts.Count, tx.Events.Count, tx.RamCharges);
        tx.Stack.Add(frame);
        ExecutionOutcome outcome;
        try
        {
            outcome = system.Run(tx, frame, new TxAction(contractId, api, argsJson), caller.Engine, gas);
        }
        catch (Exception e) when (e is not (TransactionAbortException or OutOfMemoryException or InsufficientExecutionStackException))
        {
            // Input it could not process is the call's failure: its writes go, as any failed call's.
            outcome = new(StatusCode.RuntimeError, $"the arguments could not be processed ({e.GetType().Name})", null);
        }
        finally
        {
            tx.Stack.RemoveAt(tx.Stack.Count - 1);
        }
        if (outcome.Code is StatusCode.Success) return JsonSerializer.Serialize(new { ok = true, gas = outcome.GasUsed, result = outcome.Result });
        if (outcome.Code is not (StatusCode.WrongParameter or StatusCode.RuntimeError)) throw new TransactionAbortException(outcome.Code, outcome.Message);
        tx.World.RollbackTo(savepoint);
        tx.Receipts.RemoveRange(receipts, tx.Receipts.Count - receipts);
        tx.Events.RemoveRange(events, tx.Events.Count - events);
        tx.DropRamCharges(ram);
        return JsonSerializer.Serialize(new { ok = false, gas = outcome.GasUsed, error = $"{contractId}.{api}: {outcome.Message}" });
    }

    private RawOutcome RunRaw(TransactionContext tx, CallFrame frame, int handle, ReadOnlySpan<CallInput> inputs, TimeSpan timeLimit, long gasBase,
        long gasLimit, out bool timedOut)
    {
        using var context = new HostCallContext(tx, frame, this) { GasBase = gasBase, GasLimit = gasLimit };
        var outermost = _depth++ == 0;
        if (outermost) _watchdog.Arm(_isolate, timeLimit);
        try
        {
            return _isolate.Call(context, handle, inputs);
        }
        finally
        {
            _depth--;
            // A nested call cut short by the outermost call's time limit is a time-out too, never an
            // unknown failure: what a machine's limit decided must not enter a block.
            timedOut = outermost ? _watchdog.Disarm() : _watchdog.Fired;
            if (timedOut) _isolate.CancelTerminate();
        }
    }

    private LoadedContract Load(ContractSource source)
    {
        var codeHash = source.Hash();
        if (_loaded.Get(codeHash) is { } loaded) return loaded;
        var key = CompiledArtifact.KeyFor(codeHash, V8Isolate.EngineVersion);
        var artifact = _store.Get(key) is { } bytes ? CompiledArtifact.FromBytes(bytes) : null;
        CompiledContract compiled;
        if (artifact is null)
        {
            compiled = Compile(source);
            artifact = new CompiledArtifact(compiled.Entry, compiled.Modules.Select(m => new CompiledArtifact.Module(m.Path, m.Code, m.Insertions, null)).ToList());
        }
        else
        {
            compiled = new CompiledContract(codeHash, artifact.Entry, artifact.Modules.Select(m => new CompiledModule(m.Path, m.Code, m.Insertions)).ToList());
        }

        int handle;
        try
        {
            handle = _isolate.LoadModules(artifact.Modules.Select(m => new ModuleSource(m.Path, m.Code, m.CodeCache)).ToList());
        }
        catch (ModuleLoadException e)
        {
            throw new ContractCompileException(e.Message);
        }
        // A cache is made (V8 serializes the compiled code) only when the store lacks a usable one.
        if (artifact.Modules.Any(m => m.CodeCache is null) || artifact.Modules.Where((_, i) => _isolate.CodeCacheRejected(handle, i)).Any())
        {
            _store.Put(key, new CompiledArtifact(artifact.Entry,
                artifact.Modules.Select((m, i) => m with { CodeCache = _isolate.CodeCache(handle, i).Cache }).ToList()).ToBytes());
        }
        var result = new LoadedContract(compiled, handle);
        _loaded.Add(result);
        return result;
    }

    private ExecutionOutcome ToOutcome(RawOutcome raw, bool timedOut, TransactionContext tx, CompiledContract compiled, long gasLimit)
    {
        // Only a refused transfer knows its exact gas; whatever else ended the transaction used it all.
        if (tx.Abort is { } abort && raw.Status == V8Native.StatusTerminated)
            return new(abort.Code, abort.Message, null, abort.Code == StatusCode.BalanceNotEnough ? Math.Min(tx.AbortGas, gasLimit) : gasLimit);
        return raw.Status switch
        {
            V8Native.StatusOk when raw.HasResult && raw.Text.Length > MaxResultBytes =>
                new(StatusCode.RuntimeError, $"the result is larger than {MaxResultBytes} bytes", null, raw.GasUsed),
            V8Native.StatusOk => new(StatusCode.Success, "", raw.HasResult ? raw.Text : null, raw.GasUsed),
            V8Native.StatusStackOverflow => StackOverflow(gasLimit),
            V8Native.StatusException when raw.Text == "RangeError: " + V8StackOverflow => StackOverflow(gasLimit),
            V8Native.StatusException => new(StatusCode.RuntimeError, WithPosition(raw, compiled), null, raw.GasUsed),
            V8Native.StatusOutOfGas => new(StatusCode.GasRunOut, $"out of gas: the limit of {gasLimit} was reached", null, gasLimit),
            V8Native.StatusTerminated when timedOut => new(StatusCode.Timeout,
                $"execution exceeded the time limit of {TimeLimit.TotalMilliseconds} ms", null, gasLimit),
            V8Native.StatusOutOfMemory => new(StatusCode.OutOfMemory,
                $"out of memory: the heap limit of {_limits.HeapLimitBytes / (1024 * 1024)} MiB was reached", null, gasLimit),
            _ => new(StatusCode.Unknown, raw.Text, null, raw.GasUsed),
        };
    }

    /// <summary>V8's message for running out of native stack, which contracts never see as a result.</summary>
    private const string V8StackOverflow = "Maximum call stack size exceeded";

    private static ExecutionOutcome StackOverflow(long gasLimit) =>
        new(StatusCode.StackOverflow, "the native stack ran out before the call depth limit was reached", null, gasLimit);

    /// <summary>The message with the contract's own file, line and column (the instrumenter's insertions removed).</summary>
    private static string WithPosition(RawOutcome raw, CompiledContract compiled)
    {
        if (raw.Line <= 0 || compiled.Module(raw.Script) is not { } module) return raw.Text;
        return $"{raw.Text} ({raw.Script}:{raw.Line}:{module.OriginalColumn(raw.Line, raw.Column)})";
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        _isolate.Dispose();
    }
}
