using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>The built-in <c>system</c> contract: deploys JS contracts (setCode).</summary>
internal static class SystemContract
{
    public const string Name = "system";

    /// <summary>Gas per byte of deployed code, on top of running its top level and init.</summary>
    private const int BytesPerGas = 10;

    public static string ContractIdFor(Transaction tx) => "Contract" + tx.Hash;

    public static ExecutionOutcome Run(TransactionContext tx, TxAction action, ContractEngine engine, long gasLimit) => action.ActionName switch
    {
        "setCode" => SetCode(tx, action, engine, gasLimit),
        _ => new(StatusCode.WrongParameter, $"system has no method '{action.ActionName}'", null),
    };

    /// <summary>
    /// setCode(code-or-bundle, abi): compiles the contract, checks the ABI against the exported class,
    /// stores it under an id derived from the transaction and runs its init.
    /// </summary>
    private static ExecutionOutcome SetCode(TransactionContext tx, TxAction action, ContractEngine engine, long gasLimit)
    {
        if (!TryReadStrings(action.Data, 2, out var args))
            return new(StatusCode.WrongParameter, "system.setCode takes [code, abi], both strings", null);
        var (code, abiJson) = (args[0], args[1]);
        ContractSource source;
        ContractAbi abi;
        try
        {
            source = ContractSource.Parse(code);
            abi = ContractAbi.Parse(abiJson);
            engine.Prepare(source);
        }
        catch (Exception e) when (e is ContractCompileException or AbiException)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }

        var id = ContractIdFor(tx.Tx);
        if (tx.World.GetContract(id) is not null)
            return new(StatusCode.DuplicateSetCode, $"contract {id} is already deployed: one setCode per transaction", null);
        tx.World.PutContract(new DeployedContract(id, code, abiJson, tx.Tx.Publisher));

        long gas = source.TotalBytes / BytesPerGas;
        var frame = new CallFrame(id, "init", tx.Tx.Publisher, tx.Tx.Publisher, true, new HashSet<string>());
        var (described, methods) = engine.Describe(tx, frame, source, gasLimit - gas);
        gas += described.GasUsed;
        if (!described.Succeeded) return described with { GasUsed = gas };
        foreach (var method in abi.Methods)
        {
            if (!methods.TryGetValue(method.Name, out var count))
                return new(StatusCode.WrongParameter, $"abi method '{method.Name}' is not a method of the exported class", null, gas);
            if (count != method.Args.Count)
                return new(StatusCode.WrongParameter,
                    $"abi method '{method.Name}' has {method.Args.Count} arguments but the class method has {count}", null, gas);
        }

        var init = engine.Run(tx, frame, source, "call", "init", "[]", gasLimit - gas, optional: true);
        gas += init.GasUsed;
        return init.Succeeded ? new(StatusCode.Success, "", JsonSerializer.Serialize(id), gas) : init with { GasUsed = gas };
    }

    private static bool TryReadStrings(string json, int count, out string[] values)
    {
        values = [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != count) return false;
            if (root.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)) return false;
            values = root.EnumerateArray().Select(e => e.GetString()!).ToArray();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
