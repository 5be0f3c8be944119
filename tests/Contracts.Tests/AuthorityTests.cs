using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>IOST's permission rules: weights to a threshold, groups, other accounts' permissions, and the owner over all.</summary>
public sealed class AuthorityTests
{
    private static readonly Dictionary<string, Account> Accounts = new()
    {
        ["multisig"] = new("multisig", "", new Dictionary<string, Permission>
        {
            ["owner"] = new("owner", [], [new("ownerkey", null, true, 100)], 100),
            ["active"] = new("active", ["pair"], [new("key1", null, true, 50)], 100),
            ["vote"] = new("vote", [], [new("friend", "active", false, 100)], 100),
        }, new Dictionary<string, PermissionGroup> { ["pair"] = new("pair", [new("key2", null, true, 50)]) }),
        ["friend"] = Account.WithKeys("friend", "", "friendowner", "friendkey"),
    };

    private static Authority With(IReadOnlyDictionary<string, int> keys, params string[] signers) =>
        new(World(Accounts.Values), keys, new SignedPermissions("publisher", signers), ChainRules.Production);

    private static InMemoryWorldState World(IEnumerable<Account> accounts)
    {
        var world = new InMemoryWorldState();
        foreach (var account in accounts) AccountStore.Write(world, account);
        return world;
    }

    private static Dictionary<string, int> Signed(int level, params string[] keys) => keys.ToDictionary(k => k, _ => level);

    [Fact]
    public void Weights_add_up_to_the_threshold_across_items_and_groups()
    {
        Assert.False(With(Signed(2, "key1")).Satisfied("multisig", "active", AuthKind.Publisher));
        Assert.True(With(Signed(2, "key1", "key2")).Satisfied("multisig", "active", AuthKind.Publisher));
    }

    [Fact]
    public void The_owner_satisfies_active_and_every_custom_permission()
    {
        var owner = With(Signed(2, "ownerkey"));
        Assert.True(owner.Satisfied("multisig", "active", AuthKind.Publisher));
        Assert.True(owner.Satisfied("multisig", "transfer", AuthKind.Publisher));
    }

    [Fact]
    public void A_permission_can_be_another_accounts_permission()
    {
        Assert.True(With(Signed(1, "friendkey")).Satisfied("multisig", "vote", AuthKind.Signer));
        Assert.False(With(Signed(1, "stranger")).Satisfied("multisig", "vote", AuthKind.Signer));
    }

    [Fact]
    public void A_publisher_counts_only_keys_that_signed_the_publish_hash()
    {
        Assert.False(With(Signed(1, "friendkey")).Satisfied("friend", "active", AuthKind.Publisher));
        Assert.True(With(Signed(2, "friendkey")).Satisfied("friend", "active", AuthKind.Publisher));
    }

    [Fact]
    public void A_contract_sees_the_signed_permissions_and_never_keys_directly()
    {
        Assert.False(With(Signed(2, "friendkey")).Satisfied("friend", "active", AuthKind.Contract));
        Assert.True(With(Signed(2, "friendkey"), "friend@active").Satisfied("friend", "active", AuthKind.Contract));
        Assert.True(With(Signed(2, "friendkey"), "friend@active").Satisfied("friend", "transfer", AuthKind.Contract));
        Assert.False(With(Signed(2, "friendkey"), "friend@active").Satisfied("friend", "owner", AuthKind.Contract));
    }

    [Fact]
    public void An_account_that_does_not_exist_is_satisfied_by_nothing_on_a_production_chain()
    {
        Assert.False(With(Signed(2, "anything")).Satisfied("nobody", "active", AuthKind.Publisher));
    }

    [Fact]
    public void On_a_development_chain_the_dev_key_governs_names_no_account_holds()
    {
        var dev = new Authority(World(Accounts.Values), Signed(2, "devkey"), new SignedPermissions("publisher", []), new ChainRules(1024, "devkey"));

        Assert.True(dev.Satisfied("nobody", "active", AuthKind.Publisher));
        Assert.False(dev.Satisfied("friend", "active", AuthKind.Publisher));
        Assert.False(dev.Satisfied("no", "active", AuthKind.Publisher));
    }

    [Fact]
    public void A_cycle_of_account_permissions_ends()
    {
        var cycle = new Dictionary<string, Account>
        {
            ["alpha"] = new("alpha", "", new Dictionary<string, Permission> { ["active"] = new("active", [], [new("bravo", "active", false, 100)], 100) },
                new Dictionary<string, PermissionGroup>()),
            ["bravo"] = new("bravo", "", new Dictionary<string, Permission> { ["active"] = new("active", [], [new("alpha", "active", false, 100)], 100) },
                new Dictionary<string, PermissionGroup>()),
        };
        var authority = new Authority(World(cycle.Values), Signed(1, "x"), new SignedPermissions("publisher", []), ChainRules.Production);

        Assert.False(authority.Satisfied("alpha", "active", AuthKind.Signer));
    }
}
