using System.Text;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// RAM as IOST charges it for a contract's storage (go-iost vm/host/db_handler.go), where the chain
/// charges for resources: each value has a payer (the one given to put/mapPut, else the one it had,
/// else the contract, whose owner pays); a new value charges its bytes to its payer, an overwrite the
/// difference (or refunds the old payer and charges the new), a delete refunds. Bytes are counted as
/// IOST counts them (key, field and value with its payer). A payer other than the contract must have
/// authorised the transaction. The charges settle when the transaction ends (<see cref="RamPayment"/>).
/// </summary>
internal static class RamCharges
{
    /// <summary>Where a value's payer is kept when it is not the contract itself (no contract or account name holds an @: nothing can call it).</summary>
    private const string Payers = "ram@payers";

    public static void Put(HostCallContext c, string key, string value, string? payer)
    {
        var contract = c.Frame.Contract;
        if (!Applies(c)) { c.World.PutValue(contract, key, value); return; }
        var record = Record('v', contract, key, null);
        Charge(c, record, c.World.GetValue(contract, key), value, payer, key, null);
        c.World.PutValue(contract, key, value);
    }

    public static void Delete(HostCallContext c, string key)
    {
        var contract = c.Frame.Contract;
        if (Applies(c)) Charge(c, Record('v', contract, key, null), c.World.GetValue(contract, key), null, null, key, null);
        c.World.DeleteValue(contract, key);
    }

    public static int MapPut(HostCallContext c, string key, string field, string value, string? payer)
    {
        var contract = c.Frame.Contract;
        if (Applies(c)) Charge(c, Record('m', contract, key, field), c.World.MapGet(contract, key, field), value, payer, key, field);
        return c.World.MapPut(contract, key, field, value);
    }

    public static int MapDelete(HostCallContext c, string key, string field)
    {
        var contract = c.Frame.Contract;
        if (Applies(c)) Charge(c, Record('m', contract, key, field), c.World.MapGet(contract, key, field), null, null, key, field);
        return c.World.MapDelete(contract, key, field);
    }

    private static bool Applies(HostCallContext c) => GasPayment.Applies(c.Transaction.Rules, c.Transaction.Block);

    private static string Record(char kind, string contract, string key, string? field) => $"{kind}-{contract}-{key}-{field}";

    /// <summary>Moves a value from <paramref name="old"/> to <paramref name="value"/> (null: absent), charging and refunding its payers.</summary>
    private static void Charge(HostCallContext c, string record, string? old, string? value, string? given, string key, string? field)
    {
        var tx = c.Transaction;
        var contract = c.Frame.Contract;
        var oldPayer = old is null ? null : tx.World.GetValue(Payers, record) ?? contract;
        var payer = string.IsNullOrEmpty(given) ? oldPayer ?? contract : given;
        var freed = old is null ? 0 : Bytes(contract, key, field, old, oldPayer!);
        if (value is null)
        {
            if (old is null) return;
            tx.ChargeRam(oldPayer!, -freed);
            if (oldPayer != contract) tx.World.DeleteValue(Payers, record);
            return;
        }
        // The same payer pays the difference; a new payer pays it all and the old one gets its bytes back.
        var samePayer = old is not null && payer == oldPayer;
        if (old is not null && !samePayer) tx.ChargeRam(oldPayer!, -freed);
        var charge = Bytes(contract, key, field, value, payer) - (samePayer ? freed : 0);
        // Another contract pays only when it lent this call its authority (callWithAuth), as in go-iost.
        if (charge > 0 && payer != contract && !tx.RequireAuth(payer, "active", c.Frame))
            throw new HostException($"pay ram failed. no permission. need {payer}@active");
        tx.ChargeRam(payer, charge);
        if (payer != (oldPayer ?? contract))
        {
            if (payer == contract) tx.World.DeleteValue(Payers, record);
            else tx.World.PutValue(Payers, record, payer);
        }
    }

    /// <summary>IOST's count: "contract-key", twice the field, and the value as stored ("s" + text + "@" + payer).</summary>
    private static long Bytes(string contract, string key, string? field, string value, string payer) =>
        Encoding.UTF8.GetByteCount(contract) + 1 + Encoding.UTF8.GetByteCount(key)
        + (field is null ? 0 : 2 * Encoding.UTF8.GetByteCount(field))
        + 1 + Encoding.UTF8.GetByteCount(value) + 1 + Encoding.UTF8.GetByteCount(payer);
}
