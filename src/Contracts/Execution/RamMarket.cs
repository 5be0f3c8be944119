using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Our own <c>ram.iost</c> for a dev genesis, with the methods IOST's SDK and tools use: buy(payer,
/// account, bytes), sell(account, receiver, bytes) and lend(from, to, bytes), and issue(...) in the
/// genesis block. RAM is the "ram" token (whole bytes, moved only by ram.iost); its price follows
/// ram.js's curve with F = 1 (price = balance x bytes / (left - bytes)), in IOST's two decimals, plus
/// a 2% fee (at least 0.01), which is burned. It keeps ram.js's counters (leftSpace, usedSpace,
/// balance, SR and TR per account) under the same keys. go-iost's ram.js, deployed by a genesis
/// folder, takes its place.
/// </summary>
internal sealed class RamMarket : ISystemContract
{
    public const string Name = RamPayment.RamContract;
    private const decimal InitialPricePerByte = 0.005m;
    private const decimal FeeRate = 0.02m;
    private const long MinTrade = 10;
    private const long CallGas = 500;

    public IReadOnlyList<string> Names => [Name];

    public bool IsStandIn => true;

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        try
        {
            var args = action.Arguments ?? throw new HostException("data must be a JSON array of the arguments");
            var result = action.ActionName switch
            {
                "buy" => Buy(tx, frame, Text(args, 0, 3), Text(args, 1, 3), Bytes(args, 2)),
                "sell" => Sell(tx, frame, Text(args, 0, 3), Text(args, 1, 3), Bytes(args, 2)),
                "lend" => Lend(tx, frame, Text(args, 0, 3), Text(args, 1, 3), Bytes(args, 2)),
                "issue" => Issue(tx, frame, Bytes(args, 0, 4)),
                _ => throw new HostException($"ram.iost has no method '{action.ActionName}'"),
            };
            return new(StatusCode.Success, "", result, CallGas + action.Data.Length / 4);
        }
        catch (HostException e)
        {
            return new(StatusCode.RuntimeError, e.Message, null, CallGas);
        }
        catch (TransactionAbortException e)
        {
            return new(e.Code, e.Message, null, CallGas);
        }
    }

    /// <summary>issue(total, ...): in the genesis block, creates the ram token and puts <paramref name="total"/> bytes on sale.</summary>
    private static string? Issue(TransactionContext tx, CallFrame frame, long total)
    {
        if (tx.Block.Number != 0) throw new HostException("init out of genesis block");
        TokenCalls.CallWithAuth(tx, frame, "create", RamPayment.Token, Name, total.ToString(CultureInfo.InvariantCulture),
            """{"decimal":0,"fullName":"IOST system ram","onlyIssuerCanTransfer":true}""");
        TokenCalls.CallWithAuth(tx, frame, "issue", RamPayment.Token, Name, total.ToString(CultureInfo.InvariantCulture));
        Put(tx, "leftSpace", total);
        Put(tx, "usedSpace", 0);
        Put(tx, "balance", total * InitialPricePerByte);
        return null;
    }

    private static string Buy(TransactionContext tx, CallFrame frame, string payer, string account, long bytes)
    {
        Require(tx, frame, payer);
        var (left, balance) = (Get(tx, "leftSpace"), Get(tx, "balance"));
        if (left <= bytes) throw new HostException($"buy amount is too much. left space is not enough {left} is less than {bytes}");
        var raw = Round(balance * bytes / (left - bytes));
        var fee = Math.Max(0.01m, Round(FeeRate * raw));
        TokenCalls.CallWithAuth(tx, frame, "transfer", NativeToken.Name, payer, Name, Money(raw + fee), "");
        TokenCalls.CallWithAuth(tx, frame, "destroy", NativeToken.Name, Name, Money(fee));
        TokenCalls.CallWithAuth(tx, frame, "transfer", RamPayment.Token, Name, account, Whole(bytes), "");
        Put(tx, "leftSpace", left - bytes);
        Put(tx, "balance", balance + raw);
        Put(tx, "usedSpace", Get(tx, "usedSpace") + bytes);
        Put(tx, "SR" + account, Get(tx, "SR" + account) + bytes);
        Put(tx, "TR" + account, Get(tx, "TR" + account) + bytes);
        return JsonSerializer.Serialize(Money(raw + fee));
    }

    private static string Sell(TransactionContext tx, CallFrame frame, string account, string receiver, long bytes)
    {
        Require(tx, frame, account);
        var own = Get(tx, "SR" + account);
        if (own < bytes) throw new HostException($"self ram amount {own}, not enough for sell");
        var (left, balance) = (Get(tx, "leftSpace"), Get(tx, "balance"));
        var price = Round(balance * bytes / (left + bytes));
        TokenCalls.CallWithAuth(tx, frame, "transfer", RamPayment.Token, account, Name, Whole(bytes), "");
        if (price > 0) TokenCalls.CallWithAuth(tx, frame, "transfer", NativeToken.Name, Name, receiver, Money(price), "");
        Put(tx, "leftSpace", left + bytes);
        Put(tx, "balance", balance - price);
        Put(tx, "usedSpace", Get(tx, "usedSpace") - bytes);
        Put(tx, "SR" + account, own - bytes);
        Put(tx, "TR" + account, Get(tx, "TR" + account) - bytes);
        return JsonSerializer.Serialize(Money(price));
    }

    private static string? Lend(TransactionContext tx, CallFrame frame, string from, string to, long bytes)
    {
        Require(tx, frame, from);
        var own = Get(tx, "SR" + from);
        if (own < bytes) throw new HostException($"self ram amount {own}, not enough for lend");
        TokenCalls.CallWithAuth(tx, frame, "transfer", RamPayment.Token, from, to, Whole(bytes), "");
        Put(tx, "SR" + from, own - bytes);
        Put(tx, "TR" + from, Get(tx, "TR" + from) - bytes);
        Put(tx, "TR" + to, Get(tx, "TR" + to) + bytes);
        return null;
    }

    private static void Require(TransactionContext tx, CallFrame frame, string account)
    {
        if (!tx.RequireAuth(account, "transfer", frame)) throw new HostException("require auth failed. ret = false");
    }

    private static decimal Get(TransactionContext tx, string key) =>
        tx.World.GetValue(Name, key) is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : 0m;

    private static void Put(TransactionContext tx, string key, decimal value) =>
        tx.World.PutValue(Name, key, value.ToString("0.##################", CultureInfo.InvariantCulture));

    /// <summary>As ram.js rounds prices: to the cent, halves away from zero.</summary>
    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Whole(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    private static string Text(IReadOnlyList<JsonElement> args, int index, int count) =>
        args.Count == count && args[index].ValueKind == JsonValueKind.String ? args[index].GetString()! : throw new HostException($"ram.iost takes {count} arguments: account names, then bytes");

    /// <summary>A whole number of bytes, as a JSON number or a numeric string, at least the least trade.</summary>
    private static long Bytes(IReadOnlyList<JsonElement> args, int index, int count = 3)
    {
        if (args.Count != count) throw new HostException($"ram.iost takes {count} arguments");
        var arg = args[index];
        var ok = arg.ValueKind == JsonValueKind.Number ? arg.TryGetInt64(out var n)
            : long.TryParse(arg.ValueKind == JsonValueKind.String ? arg.GetString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out n);
        if (!ok || n < 0) throw new HostException($"bytes must be a whole number, not {arg.GetRawText()}");
        if (count == 3 && n < MinTrade) throw new HostException("minimum ram amount for trading is 10 byte");
        return n;
    }
}
