using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Accounts;

/// <summary>Where accounts live: auth.iost's map "auth", one field per account id, as IOST's account.js keeps them.</summary>
public static class AccountStore
{
    public const string Contract = "auth.iost";
    public const string Map = "auth";

    public static Account? Read(IWorldState world, string id) =>
        world.MapGet(Contract, Map, id) is { } json ? Account.Parse(json) : null;

    public static void Write(IWorldState world, Account account) => world.MapPut(Contract, Map, account.Id, account.ToJson());
}
