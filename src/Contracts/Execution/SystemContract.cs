using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>The built-in <c>system</c> contract: deploys JS contracts (setCode) and updates them (updateCode).</summary>
internal sealed class SystemContract : ISystemContract
{
    public const string Name = "system";

    /// <summary>The name IOST's tools call it by.</summary>
    public const string IostName = "system.iost";

    /// <summary>Gas per byte of deployed code, on top of running its top level and init.</summary>
    private const int BytesPerGas = 10;

    /// <summary>system.iost's map of contract ids to their owners (IOST's contract_owner).</summary>
    public const string OwnerMap = "contract_owner";

    public static string ContractIdFor(Transaction tx) => "Contract" + tx.Hash;

    public IReadOnlyList<string> Names => [Name, IostName];

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit) => action.ActionName switch
    {
        "setCode" => SetCode(tx, action, engine, gasLimit),
        "updateCode" => UpdateCode(tx, action, engine, gasLimit),
        "initSetCode" => InitSetCode(tx, action, engine, gasLimit),
        _ => new(StatusCode.WrongParameter, $"system has no method '{action.ActionName}'", null),
    };

    /// <summary>
    /// setCode(code-or-bundle, abi): compiles the contract, checks the ABI against the exported class,
    /// stores it under an id derived from the transaction and runs its init.
    /// </summary>
    private static ExecutionOutcome SetCode(TransactionContext tx, TxAction action, ContractEngine engine, long gasLimit)
    {
        string code, abiJson;
        if (TryReadStrings(action.Data, 2, out var args)) (code, abiJson) = (args[0], args[1]);
        else if (TryReadStrings(action.Data, 1, out args) && IostContract(args[0]) is { } iost) (code, abiJson) = (iost.Code, iost.Abi);
        else return new(StatusCode.WrongParameter, "system.setCode takes [code, abi], both strings, or IOST's [contract JSON {info, code}]", null);
        var id = ContractIdFor(tx.Tx);
        if (tx.World.GetContract(id) is not null)
            return new(StatusCode.DuplicateSetCode, $"contract {id} is already deployed: one setCode per transaction", null);
        return Deploy(tx, id, tx.Tx.Publisher, code, abiJson, engine, gasLimit);
    }

    /// <summary>The account genesis contracts belong to (go-iost's AdminAccount).</summary>
    public const string GenesisOwner = "admin";

    /// <summary>
    /// initSetCode(id, contract JSON): in the genesis block only, deploys a contract under a fixed name
    /// (auth.iost, ram.iost, ...), owned by admin. A built-in contract's name needs no code: it is
    /// already there, as a native contract is in go-iost.
    /// </summary>
    private static ExecutionOutcome InitSetCode(TransactionContext tx, TxAction action, ContractEngine engine, long gasLimit)
    {
        if (tx.Block.Number != 0) return new(StatusCode.RuntimeError, "initSetCode in normal block", null);
        if (!TryReadStrings(action.Data, 2, out var args))
            return new(StatusCode.WrongParameter, "system.initSetCode takes [contractId, contract JSON {info, code}], both strings", null);
        var id = args[0];
        if (!Accounts.AccountId.IsContract(id)) return new(StatusCode.WrongParameter, $"'{id}' is not a contract name", null);
        if (SystemContracts.Find(id) is { IsStandIn: false })
        {
            tx.World.MapPut(IostName, OwnerMap, id, GenesisOwner);
            return new(StatusCode.Success, "", JsonSerializer.Serialize(id));
        }
        if (IostContract(args[1]) is not { } contract)
            return new(StatusCode.WrongParameter, $"initSetCode of {id}: the contract must be IOST's contract JSON {{info, code}}", null);
        return Deploy(tx, id, GenesisOwner, contract.Code, contract.Abi, engine, gasLimit);
    }

    private static long CodeBytes(string code, string abi) => System.Text.Encoding.UTF8.GetByteCount(code) + System.Text.Encoding.UTF8.GetByteCount(abi);

    /// <summary>Compiles a contract, checks its ABI against the exported class, stores it under its id and runs its init.</summary>
    private static ExecutionOutcome Deploy(TransactionContext tx, string id, string owner, string code, string abiJson, ContractEngine engine, long gasLimit)
    {
        if (Compiled(code, abiJson, engine, out var source, out var abi) is { } invalid) return invalid;
        tx.World.PutContract(new DeployedContract(id, code, abiJson, owner));
        // Its code takes RAM, which its owner pays for (nothing in the genesis block).
        if (GasPayment.Applies(tx.Rules, tx.Block)) tx.ChargeRam(owner, CodeBytes(code, abiJson));
        // Where IOST keeps a contract's owner, for contracts that read it there.
        tx.World.MapPut(IostName, OwnerMap, id, owner);

        long gas = source.TotalBytes / BytesPerGas;
        var frame = new CallFrame(id, "init", owner, tx.Tx.Publisher, true, CallFrame.NoExtraAuth);
        if (CheckAgainstClass(tx, frame, source, abi, engine, gasLimit, ref gas) is { } refused) return refused;

        var init = engine.Run(tx, frame, source, "call", "init", "[]", gasLimit - gas, optional: true);
        gas += init.GasUsed;
        return init.Succeeded ? new(StatusCode.Success, "", JsonSerializer.Serialize(id), gas) : init with { GasUsed = gas };
    }

    /// <summary>
    /// updateCode(id, code, abi, data): allowed only when the deployed contract's can_update(data)
    /// returns true; the new code must match its ABI; init does not run again.
    /// </summary>
    private static ExecutionOutcome UpdateCode(TransactionContext tx, TxAction action, ContractEngine engine, long gasLimit)
    {
        string id, code, abiJson, data;
        if (TryReadStrings(action.Data, 4, out var args)) (id, code, abiJson, data) = (args[0], args[1], args[2], args[3]);
        else if (TryReadStrings(action.Data, 2, out args) && IostContract(args[0]) is { Id.Length: > 0 } iost) (id, code, abiJson, data) = (iost.Id, iost.Code, iost.Abi, args[1]);
        else return new(StatusCode.WrongParameter, "system.updateCode takes [contractId, code, abi, data], all strings, or IOST's [contract JSON {ID, info, code}, data]", null);
        if (tx.World.GetContract(id) is not { } existing) return new(StatusCode.WrongParameter, $"contract '{id}' does not exist", null);
        if (Compiled(code, abiJson, engine, out var source, out var abi) is { } invalid) return invalid;

        var frame = new CallFrame(id, "can_update", existing.Owner, tx.Tx.Publisher, true, CallFrame.NoExtraAuth);
        var asked = engine.Run(tx, frame, ContractSource.Parse(existing.Code), "call", "can_update", JsonSerializer.Serialize(new[] { data }), gasLimit);
        long gas = asked.GasUsed + source.TotalBytes / BytesPerGas;
        if (!asked.Succeeded) return asked with { GasUsed = gas };
        if (asked.Result != "true") return new(StatusCode.RuntimeError, $"update of {id} refused: can_update did not return true", null, gas);
        if (CheckAgainstClass(tx, frame with { Method = "describe" }, source, abi, engine, gasLimit, ref gas) is { } refused) return refused;
        tx.World.PutContract(existing with { Code = code, AbiJson = abiJson });
        if (GasPayment.Applies(tx.Rules, tx.Block)) tx.ChargeRam(tx.Tx.Publisher, CodeBytes(code, abiJson) - CodeBytes(existing.Code, existing.AbiJson));
        return new(StatusCode.Success, "", null, gas);
    }

    /// <summary>Runs the new code's top level and checks every ABI method against the exported class.</summary>
    private static ExecutionOutcome? CheckAgainstClass(TransactionContext tx, CallFrame frame, ContractSource source, ContractAbi abi,
        ContractEngine engine, long gasLimit, ref long gas)
    {
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
        return null;
    }

    /// <summary>Parses new code and its ABI and compiles the code; a refusal is WRONG_PARAMETER.</summary>
    private static ExecutionOutcome? Compiled(string code, string abiJson, ContractEngine engine, out ContractSource source, out ContractAbi abi)
    {
        source = null!;
        abi = null!;
        try
        {
            source = ContractSource.Parse(code);
            abi = ContractAbi.Parse(abiJson);
            engine.Prepare(source);
            return null;
        }
        catch (ContractCompileException e)
        {
            return new(e.Status, e.Message, null);
        }
        catch (AbiException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }
    }

    /// <summary>IOST's contract JSON as iwallet publishes it: {"ID": id, "info": {lang, version, abi}, "code": source}.</summary>
    private static (string Id, string Code, string Abi)? IostContract(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("info", out var info) || info.ValueKind != JsonValueKind.Object)
                return null;
            var id = root.TryGetProperty("ID", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
            return (id, code.GetString()!, info.GetRawText());
        }
        catch (JsonException)
        {
            return null;
        }
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
