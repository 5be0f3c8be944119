using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// Deploys and calls contracts the way a node does (transactions through system.setCode and the
/// executor), on one engine and an in-memory world. A failed transaction rolls its writes back.
/// </summary>
internal sealed class ContractHarness : IDisposable
{
    private static long _clock;

    /// <summary>A development chain's rules: an account name no account holds yet is governed by the dev key.</summary>
    public static readonly ChainRules DevRules = new(Transaction.DefaultChainId, "devkey");

    public ContractHarness(ExecutionLimits? limits = null, ICompiledCodeStore? store = null, InMemoryWorldState? world = null)
    {
        limits ??= ExecutionLimits.Default;
        Engine = new ContractEngine(limits.Chain == ChainRules.Production ? limits with { Chain = DevRules } : limits, store);
        World = world ?? new InMemoryWorldState();
        Executor = new TransactionExecutor(Engine, (level, message) => Logs.Add($"{level}: {message}"));
    }

    /// <summary>The amount_limit of the transactions submitted: any amount of any token unless a test says otherwise.</summary>
    public IReadOnlyList<AmountLimit> AmountLimit { get; set; } = [new("*", "unlimited")];

    public ContractEngine Engine { get; }
    public InMemoryWorldState World { get; }
    public TransactionExecutor Executor { get; }
    /// <summary>The node's errors and, as "level: [contract] text", the console lines of every receipt recorded.</summary>
    public List<string> Logs { get; } = [];

    public Receipt Record(Receipt receipt)
    {
        foreach (var line in receipt.Logs ?? []) Logs.Add($"{line.Level}: [{line.Contract}] {line.Message}");
        return receipt;
    }

    /// <summary>An ABI whose methods may move any amount of the caller's tokens (IOST's amountLimit "*": "unlimited").</summary>
    public static string Abi(params (string Name, string[] Args)[] methods) => JsonSerializer.Serialize(new
    {
        lang = "javascript", version = "1.0.0",
        abi = methods.Select(m => new { name = m.Name, args = m.Args, amountLimit = new[] { new { token = "*", val = "unlimited" } } }),
    });

    /// <summary>An ABI with every method taking the given number of json arguments.</summary>
    public static string AbiOf(params (string Name, int Args)[] methods) =>
        Abi(methods.Select(m => (m.Name, Enumerable.Repeat("json", m.Args).ToArray())).ToArray());

    public Receipt Submit(string publisher, long gasLimit, params TxAction[] actions)
    {
        var tx = new Transaction(Interlocked.Increment(ref _clock), long.MaxValue, gasLimit, publisher, ["bobby@active"], actions) { AmountLimit = AmountLimit };
        var savepoint = World.Savepoint();
        var receipt = Record(Executor.Execute(tx, World, new BlockContext(7, "parent", "witness", 1234)));
        if (receipt.Status.Code != StatusCode.Success) World.RollbackTo(savepoint);
        return receipt;
    }

    public Receipt DeployReceipt(string code, string abi, string publisher = "alice") =>
        Submit(publisher, 10_000_000, new TxAction("system", "setCode", JsonSerializer.Serialize(new[] { code, abi })));

    public string Deploy(string code, string abi, string publisher = "alice")
    {
        var receipt = DeployReceipt(code, abi, publisher);
        Assert.True(receipt.Status.Code == StatusCode.Success, receipt.Status.Message);
        return JsonSerializer.Deserialize<string>(receipt.Returns[0])!;
    }

    /// <summary>Deploys a class body as a single-file contract whose ABI takes json arguments.</summary>
    public string DeployClass(string body, params (string Name, int Args)[] methods) =>
        Deploy($"class C {{\n{body}\n}}\nmodule.exports = C;", AbiOf(methods));

    public Receipt Call(string contract, string method, string data = "[]", long gasLimit = 1_000_000, string publisher = "alice") =>
        Submit(publisher, gasLimit, new TxAction(contract, method, data));

    /// <summary>Deploys a class with one method f() and calls it.</summary>
    public Receipt Run(string methodBody, long gasLimit = 1_000_000)
    {
        var id = DeployClass($"f() {{ {methodBody} }}", ("f", 0));
        return Call(id, "f", "[]", gasLimit);
    }

    public void Dispose() => Engine.Dispose();
}
