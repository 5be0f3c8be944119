using ActorVm.Contracts.Accounts;
using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The built-in <c>token</c> contract, with IOST's signatures: create(token, issuer, totalSupply, config),
/// issue(token, to, amount), transfer(token, from, to, amount, memo), destroy(token, from, amount),
/// balanceOf(token, account), supply(token), totalSupply(token).
/// Amounts are decimal strings with at most the token's decimals. Its balances are the ones the
/// native token (<see cref="NativeToken"/>) moves, so blockchain.transfer of iost and token.transfer
/// of iost are the same thing.
/// </summary>
internal sealed class TokenContract : ISystemContract
{
    public const string Name = "token";

    /// <summary>The name IOST's tools call it by.</summary>
    public const string IostName = "token.iost";

    /// <summary>A token as created, with IOST's config: whether it moves at all, and whether only with its issuer's consent.</summary>
    private sealed record Definition(string Issuer, string TotalSupply, int Decimal, string Supply)
    {
        public bool CanTransfer { get; init; } = true;
        public bool OnlyIssuerCanTransfer { get; init; }
        public string FullName { get; init; } = "";
    }

    public IReadOnlyList<string> Names => [Name, IostName];

    /// <summary>Gas of a call, plus one unit per 4 characters of its arguments: the ledger's reads and writes are few and small.</summary>
    private const long CallGas = 300;

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        var outcome = Run(tx, frame, action);
        return outcome with { GasUsed = outcome.GasUsed + CallGas + action.Data.Length / 4 };
    }

    public static ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action)
    {
        try
        {
            var args = Arguments(action.Data);
            return action.ActionName switch
            {
                "create" => Create(tx, frame, args, 4),
                "issue" => Issue(tx, frame, args, 3),
                "transfer" => Transfer(tx, frame, args, 5),
                "transferFreeze" => TransferFreeze(tx, frame, args),
                "balanceOf" => BalanceOf(tx, Arg(args, 0, 2), Arg(args, 1, 2)),
                "destroy" => Destroy(tx, frame, args, 3),
                "supply" => new(StatusCode.Success, "", JsonSerializer.Serialize(Token(tx, Arg(args, 0, 1)).Supply)),
                "totalSupply" => new(StatusCode.Success, "", JsonSerializer.Serialize(Token(tx, Arg(args, 0, 1)).TotalSupply)),
                _ => new(StatusCode.WrongParameter, $"token has no method '{action.ActionName}'", null),
            };
        }
        catch (HostException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }
        catch (TransactionAbortException e)
        {
            return new(e.Code, e.Message, null);
        }
    }

    private static ExecutionOutcome Create(TransactionContext tx, CallFrame frame, IReadOnlyList<string> args, int count)
    {
        var (token, issuer, total) = (Arg(args, 0, count), Arg(args, 1, count), Arg(args, 2, count));
        CheckName(token);
        if (tx.World.GetValue(Name, token) is not null) throw new HostException($"token {token} exists already");
        // Outside a genesis block, the native token is created only by an account the chain declares (or on a dev chain).
        if (token == NativeToken.Name && tx.Block.Number != 0 && !tx.Rules.IsDevelopment && !tx.Rules.GenesisKeys.ContainsKey(issuer))
            throw new HostException($"{NativeToken.Name} is the chain's native token: only an account in the chain's configuration (chain:accounts) may create it");
        var config = TokenConfig.Parse(Arg(args, 3, count), token);
        Require(tx, frame, issuer);
        Amount(total, config.Decimal, "totalSupply");
        var definition = new Definition(issuer, total, config.Decimal, "0")
        {
            CanTransfer = config.CanTransfer, OnlyIssuerCanTransfer = config.OnlyIssuerCanTransfer, FullName = config.FullName ?? token,
        };
        tx.World.PutValue(Name, token, JsonSerializer.Serialize(definition));
        return new(StatusCode.Success, "", null);
    }

    private static ExecutionOutcome Issue(TransactionContext tx, CallFrame frame, IReadOnlyList<string> args, int count)
    {
        var (name, to, amountText) = (Arg(args, 0, count), Arg(args, 1, count), Arg(args, 2, count));
        var token = Token(tx, name);
        Require(tx, frame, token.Issuer);
        var amount = Amount(amountText, token.Decimal, "amount");
        var supply = Parse(token.Supply) + amount;
        if (supply > Parse(token.TotalSupply)) throw new HostException($"issuing {amountText} {name} would pass the total supply of {token.TotalSupply}");
        tx.World.PutValue(Name, name, JsonSerializer.Serialize(token with { Supply = Format(supply) }));
        tx.World.SetBalance(name, to, Format(Parse(Balance(tx, name, to)) + amount));
        return new(StatusCode.Success, "", null);
    }

    /// <summary>destroy(token, from, amount): burns from an account that authorised it; the supply falls with it.</summary>
    private static ExecutionOutcome Destroy(TransactionContext tx, CallFrame frame, IReadOnlyList<string> args, int count)
    {
        var (name, from, amountText) = (Arg(args, 0, count), Arg(args, 1, count), Arg(args, 2, count));
        var token = Token(tx, name);
        Require(tx, frame, from, "transfer");
        var amount = Debit(tx, name, from, amountText, token.Decimal);
        tx.World.PutValue(Name, name, JsonSerializer.Serialize(token with { Supply = Format(Parse(token.Supply) - amount) }));
        tx.Amounts.Taken(name, from, amount);
        return new(StatusCode.Success, "", null);
    }

    /// <summary>
    /// transferFreeze(token, from, to, amount, unfreezeTime, memo): the amount leaves from's balance now
    /// and joins to's once a block's time reaches unfreezeTime (Unix ns), as IOST's frozen balances do.
    /// </summary>
    private static ExecutionOutcome TransferFreeze(TransactionContext tx, CallFrame frame, IReadOnlyList<string> args)
    {
        var (name, from, to, amountText, timeText, memo) = (Arg(args, 0, 6), Arg(args, 1, 6), Arg(args, 2, 6), Arg(args, 3, 6), Arg(args, 4, 6), Arg(args, 5, 6));
        if (System.Text.Encoding.UTF8.GetByteCount(memo) > MaxMemoBytes) throw new HostException($"memo too large: at most {MaxMemoBytes} bytes");
        var token = Token(tx, name);
        CheckMovable(tx, frame, name, token);
        Require(tx, frame, from, "transfer");
        if (!long.TryParse(timeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unfreeze))
            throw new HostException($"the unfreeze time must be an integer (Unix nanoseconds), not '{timeText}'");
        if (!AccountStore.CanReceive(tx.World, tx.Rules, to)) throw new HostException($"invalid account: {to} is not an account (sign it up first)");
        var amount = Debit(tx, name, from, amountText, token.Decimal);
        var frozen = Frozen(tx, name, to);
        // Every use of the receiver's balance reads the list: it is bounded.
        if (frozen.Count >= MaxFrozen) throw new HostException($"{to} holds {MaxFrozen} frozen amounts of {name} already: no more until some unfreeze");
        frozen.Add(new FrozenAmount(Format(amount), unfreeze));
        PutFrozen(tx, name, to, frozen.OrderBy(f => f.Ftime).ThenBy(f => Parse(f.Amount)).ToList());
        tx.Amounts.Taken(name, from, amount);
        return new(StatusCode.Success, "", null);
    }

    /// <summary>Takes an amount out of an account's settled balance; too little ends the transaction (BALANCE_NOT_ENOUGH).</summary>
    private static decimal Debit(TransactionContext tx, string name, string from, string amountText, int decimals)
    {
        var amount = Amount(amountText, decimals, "amount");
        var balance = Parse(Settled(tx, name, from));
        if (balance < amount)
            throw new TransactionAbortException(StatusCode.BalanceNotEnough, $"balance not enough: {from} has {Format(balance)} {name}, needs {amountText}");
        tx.World.SetBalance(name, from, Format(balance - amount));
        return amount;
    }

    /// <summary>An amount frozen until a time (IOST's FreezeItem).</summary>
    public sealed record FrozenAmount(
        [property: System.Text.Json.Serialization.JsonPropertyName("amount")] string Amount,
        [property: System.Text.Json.Serialization.JsonPropertyName("ftime")] long Ftime);


    private static List<FrozenAmount> Frozen(TransactionContext tx, string token, string account) =>
        tx.World.MapGet(Name, TokenStorage.FrozenMap(account), token) is { } json ? JsonSerializer.Deserialize<List<FrozenAmount>>(json) ?? [] : [];

    private static void PutFrozen(TransactionContext tx, string token, string account, List<FrozenAmount> frozen)
    {
        if (frozen.Count == 0) tx.World.MapDelete(Name, TokenStorage.FrozenMap(account), token);
        else tx.World.MapPut(Name, TokenStorage.FrozenMap(account), token, JsonSerializer.Serialize(frozen));
    }

    /// <summary>The balance once every frozen amount whose time the block has reached has joined it (written back).</summary>
    internal static string Settled(TransactionContext tx, string token, string account)
    {
        var frozen = Frozen(tx, token, account);
        var matured = frozen.TakeWhile(f => f.Ftime <= tx.Block.Time).ToList();
        if (matured.Count == 0) return Balance(tx, token, account);
        var balance = Parse(Balance(tx, token, account)) + matured.Sum(f => Parse(f.Amount));
        tx.World.SetBalance(token, account, Format(balance));
        PutFrozen(tx, token, account, frozen.Skip(matured.Count).ToList());
        return Format(balance);
    }

    private static ExecutionOutcome BalanceOf(TransactionContext tx, string name, string account)
    {
        Token(tx, name);
        Settled(tx, name, account);
        return new(StatusCode.Success, "", JsonSerializer.Serialize(Balance(tx, name, account)));
    }

    private static ExecutionOutcome Transfer(TransactionContext tx, CallFrame frame, IReadOnlyList<string> args, int count)
    {
        var (name, from, to, amountText, memo) = (Arg(args, 0, count), Arg(args, 1, count), Arg(args, 2, count), Arg(args, 3, count), Arg(args, 4, count));
        var token = Token(tx, name);
        CheckMovable(tx, frame, name, token);
        Require(tx, frame, from, "transfer");
        if (System.Text.Encoding.UTF8.GetByteCount(memo) > MaxMemoBytes) throw new HostException($"memo too large: at most {MaxMemoBytes} bytes");
        if (!AccountStore.CanReceive(tx.World, tx.Rules, to)) throw new HostException($"invalid account: {to} is not an account (sign it up first)");
        // A transfer to oneself is allowed, as IOST allows it: the balance is read again after it falls.
        var amount = Debit(tx, name, from, amountText, token.Decimal);
        tx.World.SetBalance(name, to, Format(Parse(Balance(tx, name, to)) + amount));
        tx.Amounts.Taken(name, from, amount);
        return new(StatusCode.Success, "", null);
    }

    /// <summary>A token created with canTransfer false never moves; one with onlyIssuerCanTransfer moves only with its issuer's consent.</summary>
    private static void CheckMovable(TransactionContext tx, CallFrame frame, string name, Definition token)
    {
        if (!token.CanTransfer) throw new HostException($"token {name} can't transfer");
        if (token.OnlyIssuerCanTransfer && !tx.RequireAuth(token.Issuer, "transfer", frame)) throw new HostException("transfer need issuer permission");
    }

    /// <summary>A token's definition; the native token exists before anyone creates it (whoever does becomes its issuer).</summary>
    private static Definition Token(TransactionContext tx, string name) =>
        tx.World.GetValue(Name, name) is { } json ? JsonSerializer.Deserialize<Definition>(json)!
        : name == NativeToken.Name ? new Definition("", "90000000000", NativeToken.Decimals, "0")
        : throw new HostException($"token {name} does not exist");

    private static string Balance(TransactionContext tx, string token, string account) => tx.World.GetBalance(token, account) ?? "0";

    /// <summary>Most frozen amounts of one token an account holds at once.</summary>
    public const int MaxFrozen = 64;

    /// <summary>IOST's limit on a transfer's memo.</summary>
    public const int MaxMemoBytes = 512;

    private static void Require(TransactionContext tx, CallFrame frame, string account, string permission = "active")
    {
        if (!tx.RequireAuth(account, permission, frame)) throw new HostException($"{account}@{permission} has not authorised this transaction");
    }

    private static decimal Amount(string text, int decimals, string what)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new HostException($"{what} '{text}' must be a positive decimal");
        if (decimal.Round(value, decimals) != value) throw new HostException($"{what} '{text}' has more than {decimals} decimals");
        // As in IOST, an amount in the token's smallest unit fits an int64 (so sums of balances cannot overflow here).
        if (value > long.MaxValue / (decimal)Math.Pow(10, decimals)) throw new HostException($"{what} '{text}' is too large for a {decimals}-decimal token");
        return value;
    }

    private static decimal Parse(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString("0.##################", CultureInfo.InvariantCulture);

    private static void CheckName(string token)
    {
        if (token.Length is 0 or > 16 || !token.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new HostException($"token name '{token}' must be 1-16 characters of a-z, 0-9 and '_'");
    }

    private static string Arg(IReadOnlyList<string> args, int index, int count) =>
        args.Count == count ? args[index] : throw new HostException($"token method takes {count} arguments, got {args.Count}");

    private static IReadOnlyList<string> Arguments(string data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            return doc.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new HostException("data must be a JSON array of the arguments");
        }
    }
}

/// <summary>Where the token contract keeps what it holds beside the balances, for readers outside it.</summary>
public static class TokenStorage
{
    public const string Contract = TokenContract.Name;

    /// <summary>The map of an account's frozen amounts ([{amount, ftime}]), one field per token.</summary>
    public static string FrozenMap(string account) => "TF" + account;
}
