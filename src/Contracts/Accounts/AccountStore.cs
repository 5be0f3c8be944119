using System.Collections.Concurrent;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Accounts;

/// <summary>Where accounts live: auth.iost's map "auth", one field per account id, as IOST's account.js keeps them.</summary>
public static class AccountStore
{
    public const string Contract = "auth.iost";
    public const string Map = "auth";

    public static Account? Read(IWorldState world, string id) =>
        world.MapGet(Contract, Map, id) is { } json ? Parsed(id, json) : null;

    // Accounts by id, with the text they were parsed from: an authorization reads the publisher's
    // account twice a transaction, and the same text for every transaction it publishes. An account is
    // an immutable record (a change makes a new one), so one parse serves every read of the same text,
    // which is compared by reference first (a committed value is one string however often it is read),
    // as DeployedCodeCache does for code. Bounded: emptied when full, as StateKeys' record keys are.
    private static readonly ConcurrentDictionary<string, (string Text, Account? Parsed)> ParsedAccounts = new(StringComparer.Ordinal);
    private const int ParsedAccountsKept = 4096;

    private static Account? Parsed(string id, string json)
    {
        if (ParsedAccounts.TryGetValue(id, out var known) && (ReferenceEquals(known.Text, json) || known.Text == json)) return known.Parsed;
        var account = Account.Parse(json);
        if (ParsedAccounts.Count >= ParsedAccountsKept) ParsedAccounts.Clear();
        ParsedAccounts[id] = (json, account);
        return account;
    }

    /// <summary>
    /// Whether tokens may be sent to this name: a contract, a stored account, or one the chain implies
    /// (declared, or dev-governed). Tokens sent to a name nobody holds would go to whoever signs it up first.
    /// </summary>
    public static bool CanReceive(IWorldState world, ChainRules rules, string id) =>
        AccountId.IsContract(id) || Read(world, id) is not null || rules.ImpliedAccount(id) is not null;

    public static void Write(IWorldState world, Account account) => world.MapPut(Contract, Map, account.Id, account.ToJson());
}
