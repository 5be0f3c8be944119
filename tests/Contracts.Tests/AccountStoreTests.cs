using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Execution;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>Accounts as auth.iost keeps them: what is written reads back, changes included, however often it is read.</summary>
public sealed class AccountStoreTests
{
    [Fact]
    public void A_stored_account_reads_back_as_written_every_time()
    {
        var world = new InMemoryWorldState();
        var account = Account.WithKeys("alice", "bob", "ownerkey", "activekey");
        AccountStore.Write(world, account);

        Assert.Equal(account.ToJson(), AccountStore.Read(world, "alice")!.ToJson());
        Assert.Equal(account.ToJson(), AccountStore.Read(world, "alice")!.ToJson());
    }

    [Fact]
    public void A_changed_account_reads_back_changed()
    {
        var world = new InMemoryWorldState();
        AccountStore.Write(world, Account.WithKeys("carol", "", "ownerkey", "activekey"));
        _ = AccountStore.Read(world, "carol");

        AccountStore.Write(world, Account.WithKeys("carol", "", "ownerkey", "newkey"));

        Assert.Equal("newkey", AccountStore.Read(world, "carol")!.Permissions["active"].Items![0].Id);
    }

    [Fact]
    public void Text_that_is_not_an_account_reads_as_none_every_time()
    {
        var world = new InMemoryWorldState();
        world.MapPut(AccountStore.Contract, AccountStore.Map, "dave", "not an account");

        Assert.Null(AccountStore.Read(world, "dave"));
        Assert.Null(AccountStore.Read(world, "dave"));
    }

    [Fact]
    public void Many_more_accounts_than_are_kept_parsed_all_read_back()
    {
        var world = new InMemoryWorldState();
        for (var i = 0; i < 10_000; i++) AccountStore.Write(world, Account.WithKeys($"user{i}", "", $"owner{i}", $"active{i}"));

        for (var i = 0; i < 10_000; i += 97)
            Assert.Equal($"active{i}", AccountStore.Read(world, $"user{i}")!.Permissions["active"].Items![0].Id);
    }
}
