using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>The built-in <c>system</c> contract: deploys JS contracts (setCode).</summary>
internal static class SystemContract
{
    public const string Name = "system";

    /// <summary>Largest contract source (SPEC §2.3).</summary>
    public const int MaxCodeBytes = 256 * 1024;

    public static string ContractIdFor(Transaction tx) => "Contract" + tx.Hash;

    /// <summary>setCode(code, abi): stores the contract under an id derived from the tx and runs its init.</summary>
    public static ExecutionOutcome SetCode(Transaction tx, TxAction action, IWorldState state, ContractEngine engine)
    {
        if (!TryReadStrings(action.Data, 2, out var args))
            return new(StatusCode.WrongParameter, "system.setCode takes [code, abi], both strings", null);
        var (code, abiJson) = (args[0], args[1]);
        if (System.Text.Encoding.UTF8.GetByteCount(code) > MaxCodeBytes)
            return new(StatusCode.WrongParameter, $"contract code is larger than {MaxCodeBytes} bytes", null);
        try
        {
            ContractAbi.Parse(abiJson);
        }
        catch (AbiException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }

        var id = ContractIdFor(tx);
        if (state.GetContract(id) is not null)
            return new(StatusCode.DuplicateSetCode, $"contract {id} is already deployed: one setCode per transaction", null);
        state.PutContract(new DeployedContract(id, code, abiJson, tx.Publisher));
        var init = engine.Run(code, "init", "[]", new ContractStorage(state, id));
        return init.Succeeded ? new(StatusCode.Success, "", JsonSerializer.Serialize(id)) : init;
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
