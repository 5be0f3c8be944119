using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Engine;
using ActorVm.Contracts.Execution;
using BenchmarkDotNet.Attributes;

namespace ActorVm.Contracts.Bench;

/// <summary>
/// The contract engine's costs: a warm call of an empty method and of a storage-heavy one (through
/// the transaction executor, as a worker runs them), the compile of a 300-line contract never seen
/// before, and worker start (isolate, a contract loaded and its context prepared) from the startup
/// snapshot and without it.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private ContractEngine _engine = null!;
    private TransactionExecutor _executor = null!;
    private InMemoryWorldState _world = null!;
    private string _contract = null!;
    private long _clock;
    private int _fresh;

    private const string Contract = """
        class C {
          empty() {}
          heavy() { for (let i = 0; i < 50; i++) { storage.put('k' + i, 'value' + i); storage.get('k' + i); } }
        }
        module.exports = C;
        """;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ContractEngine(ExecutionLimits.Default);
        _executor = new TransactionExecutor(_engine);
        _world = new InMemoryWorldState();
        var abi = JsonSerializer.Serialize(new { abi = new[] { new { name = "empty", args = Array.Empty<string>() }, new { name = "heavy", args = Array.Empty<string>() } } });
        var deploy = Execute(new TxAction("system", "setCode", JsonSerializer.Serialize(new[] { Contract, abi })));
        _contract = JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    private Receipt Execute(TxAction action) =>
        _executor.Execute(new Transaction(++_clock, long.MaxValue, 1_000_000, "alice", [], [action]), _world);

    [Benchmark(Description = "warm call, empty method")]
    public Receipt WarmEmptyCall() => Execute(new TxAction(_contract, "empty", "[]"));

    [Benchmark(Description = "warm call, 50 puts + 50 gets")]
    public Receipt StorageHeavyCall() => Execute(new TxAction(_contract, "heavy", "[]"));

    [Benchmark(Description = "compile, 300-line contract never seen (the process's shared compiler)")]
    public CompiledContract ColdCompile() => ContractEngine.Compile(ContractSource.Parse(ThreeHundredLines(++_fresh)));

    [Benchmark(Description = "worker start from snapshot")]
    public void WorkerStartFromSnapshot() => StartWorker(IsolateStart.Calls);

    [Benchmark(Description = "worker start without snapshot")]
    public void WorkerStartWithoutSnapshot() => StartWorker(IsolateStart.WithoutSnapshot);

    private static void StartWorker(IsolateStart start)
    {
        using var engine = new ContractEngine(ExecutionLimits.Default, start: start);
        engine.Warm("module.exports = class {};");
    }

    /// <summary>A 300-line token-like contract; the salt makes every compile a cold one.</summary>
    public static string ThreeHundredLines(int salt)
    {
        var code = new StringBuilder($"// build {salt}\nclass Token {{\n  init() {{ storage.put('supply', '0'); }}\n");
        for (var i = 0; code.ToString().Split('\n').Length < 296; i++)
        {
            code.Append($"  method{i}(to, amount) {{\n");
            code.Append($"    const balance = new Int64(storage.mapGet('balances', to) || '0');\n");
            code.Append($"    if (amount <= 0) throw new Error('amount must be positive in method{i}');\n");
            code.Append($"    storage.mapPut('balances', to, balance.plus(amount).toString());\n");
            code.Append($"    blockchain.event(JSON.stringify({{ method: {i}, to, amount }}));\n");
            code.Append("    return balance.toString();\n  }\n");
        }
        return code.Append("}\nmodule.exports = Token;\n").ToString();
    }
}
