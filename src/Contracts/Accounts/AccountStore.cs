using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Accounts;

/// <summary>Where accounts live: auth.iost's map "auth", one field per account id, as IOST's account.js keeps them.</summary>
public static class AccountStore
{
    public const string Contract = "auth.iost";
    public const string Map = "auth";

    public static Account? Read(IWorldState world, string id) =>
        world.MapGet(Contract, Map, id) is { } json ? Account.Parse(json) : null;

    /// <summary>
    /// Whether tokens may be sent to this name: a contract, a stored account, or one the chain implies
    /// (declared, or dev-governed). Tokens sent to a name nobody holds would go to whoever signs it up first.
    /// </summary>
    public static bool CanReceive(IWorldState world, ChainRules rules, string id) =>
        AccountId.IsContract(id) || Read(world, id) is not null || rules.ImpliedAccount(id) is not null;

    public static void Write(IWorldState world, Account account) => world.MapPut(Contract, Map, account.Id, account.ToJson());
}
