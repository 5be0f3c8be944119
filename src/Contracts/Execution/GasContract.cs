using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The built-in <c>gas.iost</c> (go-iost vm/native/gas.go): pledge(pledger, to, amount) moves IOST
/// from the pledger to gas.iost and gives <c>to</c> gas (<see cref="GasLedger"/>); unpledge(pledger,
/// from, amount) gives it back, frozen for three days. The pledger must authorise the transfer.
/// </summary>
internal sealed class GasContract : ISystemContract
{
    public const string Name = GasLedger.Contract;

    /// <summary>How long unpledged IOST stays frozen (go-iost's UnpledgeFreezeSeconds).</summary>
    public const long UnpledgeFreezeSeconds = 3 * 24 * 3600;

    private const long CallGas = 300;

    public IReadOnlyList<string> Names => [Name];

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        try
        {
            if (action.ActionName is not ("pledge" or "unpledge")) throw new HostException($"gas.iost has no method '{action.ActionName}'");
            var args = action.Arguments ?? throw new HostException("data must be a JSON array of the arguments");
            if (args.Count != 3 || args.Any(a => a.ValueKind != JsonValueKind.String)) throw new HostException($"gas.iost.{action.ActionName} takes 3 strings");
            var (pledger, account, amountText) = (args[0].GetString()!, args[1].GetString()!, args[2].GetString()!);
            if (!Exists(tx, pledger)) throw new HostException($"invalid user name {pledger}");
            if (!Exists(tx, account)) throw new HostException($"invalid user name {account}");
            if (!tx.RequireAuth(pledger, "transfer", frame)) throw new HostException("transaction has no permission");
            var amount = Amount(amountText);
            if (action.ActionName == "pledge") Pledge(tx, frame, pledger, account, amount, amountText);
            else Unpledge(tx, frame, pledger, account, amount);
            tx.AddReceipt(frame, JsonSerializer.Serialize(new[] { pledger, account, amountText }));
            return new(StatusCode.Success, "", null, CallGas + action.Data.Length / 4);
        }
        catch (HostException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null, CallGas);
        }
        catch (TransactionAbortException e)
        {
            return new(e.Code, e.Message, null, CallGas);
        }
    }

    private static void Pledge(TransactionContext tx, CallFrame frame, string pledger, string account, decimal amount, string amountText)
    {
        if (amount < GasLedger.MinPledgePerAction) throw new HostException($"min pledge num is {GasLedger.MinPledgePerAction}");
        GasLedger.Pledge(tx.World, pledger, account, amount, tx.Block.Time);
        // A plain call: the pledger's own authority moves its IOST.
        TokenCalls.Call(tx, frame, new HashSet<string>(), "transfer", NativeToken.Name, pledger, Name, amountText, "");
    }

    private static void Unpledge(TransactionContext tx, CallFrame frame, string pledger, string account, decimal amount)
    {
        if (amount < GasLedger.MinPledgePerAction) throw new HostException($"min unpledge num is {GasLedger.MinPledgePerAction}");
        if (GasLedger.PledgedBy(tx.World, pledger, account) == 0) throw new HostException($"{pledger} did not pledge for {account}");
        GasLedger.Pledge(tx.World, pledger, account, -amount, tx.Block.Time);
        var unfreeze = tx.Block.Time + UnpledgeFreezeSeconds * 1_000_000_000;
        // With gas.iost's authority (go-iost's CallWithAuth): the IOST it holds goes back, frozen.
        TokenCalls.CallWithAuth(tx, frame, "transferFreeze", NativeToken.Name, Name, pledger, GasLedger.Format(amount),
            unfreeze.ToString(CultureInfo.InvariantCulture), "");
    }

    /// <summary>IOST's IsValidAccount: a contract, a stored account, or any name in the genesis block.</summary>
    private static bool Exists(TransactionContext tx, string id) =>
        tx.Block.Number == 0 || AccountId.IsContract(id) || AccountStore.Read(tx.World, id) is not null;

    /// <summary>An IOST amount as go-iost reads it: a decimal string, digits past the eighth dropped, above zero.</summary>
    private static decimal Amount(string text)
    {
        if (text.Length == 0 || text.Length > 40 || !text.All(c => char.IsAsciiDigit(c) || c == '.') || text.Count(c => c == '.') > 1 || text[0] == '.' || text[^1] == '.'
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new HostException($"invalid amount {text}");
        // As an IOST amount in its smallest unit, it fits an int64.
        if (value > long.MaxValue / 100_000_000m) throw new HostException($"invalid amount {text}");
        value = decimal.Truncate(value * 100_000_000m) / 100_000_000m;
        return value > 0 ? value : throw new HostException($"invalid amount {text}");
    }
}
