using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The built-in <c>token721.iost</c> (non-fungible tokens), with go-iost's methods, errors and storage
/// layout (vm/native/token721.go): create(symbol, issuer, totalSupply), issue(symbol, to, metadata) →
/// the new token's id, transfer(symbol, from, to, tokenId), balanceOf(symbol, owner),
/// ownerOf(symbol, tokenId), tokenOfOwnerByIndex(symbol, owner, index), tokenMetadata(symbol, tokenId).
/// Ids count up from 0. An owner's tokens are the fields of the map that holds their metadata, in the
/// order they came.
/// </summary>
internal sealed class Token721Contract : ISystemContract
{
    public const string Name = Token721Storage.Contract;
    private const string Info = "T721I";
    private const string Balance = "T721B";
    private const string Metadata = "T721M";
    private const string IssuerField = "T721issuer";
    private const string SupplyField = "supply";
    private const string TotalSupplyField = "totalSupply";
    private const long CallGas = 300;

    public IReadOnlyList<string> Names => [Name];

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        try
        {
            var a = Args(action);
            var result = action.ActionName switch
            {
                "create" => Create(tx, frame, a.Text(0, 3), a.Text(1, 3), a.Integer(2, 3)),
                "issue" => Issue(tx, frame, a.Text(0, 3), a.Text(1, 3), a.Text(2, 3)),
                "transfer" => Transfer(tx, frame, a.Text(0, 4), a.Text(1, 4), a.Text(2, 4), a.Text(3, 4)),
                "balanceOf" => BalanceOf(tx, a.Text(0, 2), a.Text(1, 2)),
                "ownerOf" => Owner(tx, a.Text(0, 2), a.Text(1, 2)),
                "tokenOfOwnerByIndex" => ByIndex(tx, a.Text(0, 3), a.Text(1, 3), a.Integer(2, 3)),
                "tokenMetadata" => tx.World.MapGet(Name, Metadata + a.Text(0, 2) + "#" + Owner(tx, a.Text(0, 2), a.Text(1, 2)), a.Text(1, 2)) ?? "",
                _ => throw new HostException($"token721.iost has no method '{action.ActionName}'"),
            };
            return new(StatusCode.Success, "", result is null ? null : JsonSerializer.Serialize(result), Gas(action, result));
        }
        catch (HostException e)
        {
            return new(StatusCode.RuntimeError, e.Message, null, Gas(action, null));
        }
    }

    /// <summary>A call's gas: a base, and one unit per 4 characters it reads in and writes out (metadata can be long).</summary>
    private static long Gas(TxAction action, string? result) => CallGas + (action.Data.Length + (result?.Length ?? 0)) / 4;

    private static string? Create(TransactionContext tx, CallFrame frame, string symbol, string issuer, long totalSupply)
    {
        if (symbol.Length is < 2 or > 16 || !symbol.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new HostException($"token symbol '{symbol}' must be 2-16 characters of a-z, 0-9 and _");
        if (totalSupply <= 0) throw new HostException("totalSupply must be positive");
        if (!tx.RequireAuth(issuer, "active", frame)) throw new HostException("transaction has no permission");
        if (tx.World.MapGet(Name, Info + symbol, IssuerField) is not null) throw new HostException("token exists");
        tx.World.MapPut(Name, Info + symbol, IssuerField, issuer);
        tx.World.MapPut(Name, Info + symbol, SupplyField, "0");
        tx.World.MapPut(Name, Info + symbol, TotalSupplyField, totalSupply.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    private static string Issue(TransactionContext tx, CallFrame frame, string symbol, string to, string metadata)
    {
        var issuer = Existing(tx, symbol);
        var supply = Number(tx, symbol, SupplyField);
        if (Number(tx, symbol, TotalSupplyField) - supply <= 0) throw new HostException("supply too much");
        if (!tx.RequireAuth(issuer, "active", frame)) throw new HostException("transaction has no permission");
        if (!AccountStore.CanReceive(tx.World, tx.Rules, to)) throw new HostException($"invalid account: {to} is not an account (sign it up first)");
        var id = supply.ToString(CultureInfo.InvariantCulture);
        tx.World.MapPut(Name, Info + symbol, SupplyField, (supply + 1).ToString(CultureInfo.InvariantCulture));
        tx.World.MapPut(Name, Info + symbol, id, to);
        tx.World.MapPut(Name, Metadata + symbol + "#" + to, id, metadata);
        SetCount(tx, symbol, to, Count(tx, symbol, to) + 1);
        return id;
    }

    private static string? Transfer(TransactionContext tx, CallFrame frame, string symbol, string from, string to, string id)
    {
        if (from == to) return null;
        Existing(tx, symbol);
        if (!tx.RequireAuth(from, "transfer", frame)) throw new HostException("transaction has no permission");
        // Only a whole number below the supply names a token: the map also holds the token's own fields.
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= Number(tx, symbol, SupplyField))
            throw new HostException($"error tokenID not exists. {symbol} {id}");
        var owner = tx.World.MapGet(Name, Info + symbol, id) ?? throw new HostException($"error tokenID not exists. {symbol} {id}");
        if (owner != from) throw new HostException($"error token owner isn't from. owner: {owner}, from: {from}");
        if (!AccountStore.CanReceive(tx.World, tx.Rules, to)) throw new HostException($"invalid account: {to} is not an account (sign it up first)");
        var metadata = tx.World.MapGet(Name, Metadata + symbol + "#" + from, id) ?? "";
        tx.World.MapPut(Name, Info + symbol, id, to);
        tx.World.MapDelete(Name, Metadata + symbol + "#" + from, id);
        tx.World.MapPut(Name, Metadata + symbol + "#" + to, id, metadata);
        SetCount(tx, symbol, from, Count(tx, symbol, from) - 1);
        SetCount(tx, symbol, to, Count(tx, symbol, to) + 1);
        return null;
    }

    private static string BalanceOf(TransactionContext tx, string symbol, string owner)
    {
        Existing(tx, symbol);
        return Count(tx, symbol, owner).ToString(CultureInfo.InvariantCulture);
    }

    private static string Owner(TransactionContext tx, string symbol, string id)
    {
        Existing(tx, symbol);
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < Number(tx, symbol, SupplyField)
            && tx.World.MapGet(Name, Info + symbol, id) is { } owner ? owner : throw new HostException($"error tokenID not exists. {symbol} {id}");
    }

    private static string ByIndex(TransactionContext tx, string symbol, string owner, long index)
    {
        Existing(tx, symbol);
        var tokens = tx.World.MapKeys(Name, Metadata + symbol + "#" + owner);
        return index >= 0 && index < tokens.Count ? tokens[(int)index] : throw new HostException("out of range");
    }

    /// <summary>The token's issuer; throws when there is no such token.</summary>
    private static string Existing(TransactionContext tx, string symbol) =>
        tx.World.MapGet(Name, Info + symbol, IssuerField) ?? throw new HostException("token not exists");

    private static long Number(TransactionContext tx, string symbol, string field) =>
        long.Parse(tx.World.MapGet(Name, Info + symbol, field) ?? "0", CultureInfo.InvariantCulture);

    private static long Count(TransactionContext tx, string symbol, string owner) =>
        long.TryParse(tx.World.MapGet(Name, Balance + owner, symbol), CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static void SetCount(TransactionContext tx, string symbol, string owner, long count) =>
        tx.World.MapPut(Name, Balance + owner, symbol, count.ToString(CultureInfo.InvariantCulture));

    private readonly record struct Arguments(IReadOnlyList<JsonElement> Values, string Method)
    {
        public string Text(int i, int count) => Check(count) && Values[i].ValueKind == JsonValueKind.String
            ? Values[i].GetString()! : throw new HostException($"token721.iost.{Method}: argument {i + 1} must be a string");

        public long Integer(int i, int count) => Check(count) && Values[i].ValueKind == JsonValueKind.Number && Values[i].TryGetInt64(out var n)
            ? n : throw new HostException($"token721.iost.{Method}: argument {i + 1} must be an integer");

        private bool Check(int count) =>
            Values.Count == count ? true : throw new HostException($"token721.iost.{Method} takes {count} arguments, got {Values.Count}");
    }

    private static Arguments Args(TxAction action) =>
        new(action.Arguments ?? throw new HostException("data must be a JSON array of the arguments"), action.ActionName);
}

/// <summary>Where token721.iost keeps what it holds (go-iost's layout), for readers outside the contract.</summary>
public static class Token721Storage
{
    public const string Contract = "token721.iost";

    /// <summary>The map of a token's issuer, supply and total supply, and of each token id's owner.</summary>
    public static string InfoMap(string symbol) => "T721I" + symbol;

    /// <summary>The map of how many tokens of each symbol an owner holds.</summary>
    public static string BalanceMap(string owner) => "T721B" + owner;

    /// <summary>The map of an owner's tokens of a symbol (their ids, in the order they came) to their metadata.</summary>
    public static string MetadataMap(string symbol, string owner) => "T721M" + symbol + "#" + owner;
}
