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
        world.MapGet(Contract, Map, id) is { } json ? Parsed(json) : null;

    // Accounts by their stored text: an authorization reads the publisher's account twice a
    // transaction, and the same text for every transaction it publishes. An account is an immutable
    // record (a change makes a new one), so one parse serves every read of the same text. Bounded:
    // emptied when full, so that very many accounts cost a parse each, not memory.
    private static readonly ConcurrentDictionary<string, Account?> ParsedTexts = new(StringComparer.Ordinal);
    private const int ParsedTextsKept = 4096;
    private static int _parsedTextsCount;

    private static Account? Parsed(string json)
    {
        if (ParsedTexts.TryGetValue(json, out var account)) return account;
        account = Account.Parse(json);
        if (Interlocked.Increment(ref _parsedTextsCount) > ParsedTextsKept)
        {
            ParsedTexts.Clear();
            Interlocked.Exchange(ref _parsedTextsCount, 1);
        }
        ParsedTexts[json] = account;
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
