using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using static ActorVm.Contracts.Tests.Genesis.IostChain;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// go-iost's test/integration/account_test.go on a chain started from go-iost's genesis: auth.iost
/// (account.js, unmodified) signing accounts up and changing their permissions and groups with the
/// account's owner permission among the signers.
/// </summary>
public sealed class IntegrationAccountTests : IDisposable
{
    private readonly IostChain _chain = IostGenesisFolder.Path is null ? null! : new IostChain();

    public void Dispose() => _chain?.Dispose();

    private const string Id = "myidid";

    private static readonly string[] Owner = [Id + "@owner"];

    /// <summary>The account as account.js stored it (auth.iost's map "auth").</summary>
    private string Stored() => _chain.MapGet("auth.iost", "auth", Id)!;

    private KeyPair SignUp() => _chain.NewAccount(Id, ram: 5000);

    /// <summary>An owner-permission call of auth.iost, published and signed by the account itself.</summary>
    private Receipt Auth(KeyPair key, string method, params object[] args) => _chain.Send(Id, key, Owner, Action("auth.iost", method, args));

    private void AuthOk(KeyPair key, string method, params object[] args)
    {
        var receipt = Auth(key, method, args);
        Assert.True(receipt.Status.Code == StatusCode.Success, $"{method}: {receipt.Status.Code}: {receipt.Status.Message}");
    }

    private static void Refused(Receipt receipt, string message)
    {
        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains(message, receipt.Status.Message);
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "signUp"
    [IostGenesisFact]
    public void SignUp_stores_the_account_under_its_id_with_the_publisher_as_referrer()
    {
        SignUp();
        Assert.StartsWith("{\"id\":\"myidid\",", Stored());
        Assert.Equal("admin", AccountStore.Read(_chain.World, Id)!.Referrer);
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "signUp invalid#id"
    [IostGenesisFact]
    public void SignUp_refuses_an_existing_id_and_an_id_with_an_invalid_character()
    {
        SignUp();
        var key = KeyPair.Generate().PublicKeyBase58;

        Refused(_chain.Send("admin", Admin, Action("auth.iost", "signUp", Id, key, key)), "id existed > myidid");
        Refused(_chain.Send("admin", Admin, Action("auth.iost", "signUp", "invalid#id", key, key)), "id contains invalid character");
        Assert.Null(_chain.MapGet("auth.iost", "auth", "invalid#id"));
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "addPermission", "dropPermission"
    [IostGenesisFact]
    public void AddPermission_adds_an_empty_permission_once_and_dropPermission_removes_it()
    {
        var key = SignUp();
        const string perm1 = "\"perm1\":{\"name\":\"perm1\",\"groups\":[],\"items\":[],\"threshold\":1}";

        AuthOk(key, "addPermission", Id, "perm1", 1);
        Assert.Contains(perm1, Stored());

        Refused(Auth(key, "addPermission", Id, "perm1", 1), "permission already exist");

        AuthOk(key, "dropPermission", Id, "perm1");
        Assert.DoesNotContain(perm1, Stored());
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "assignPermission"
    [IostGenesisFact]
    public void AssignPermission_adds_a_key_or_an_account_permission_and_refuses_an_item_starting_with_at()
    {
        var key = SignUp();

        Refused(Auth(key, "assignPermission", Id, "active", "@acc1", 1), "unexpected item");

        AuthOk(key, "assignPermission", Id, "active", "IOST1234", 1);
        Assert.Contains("{\"id\":\"IOST1234\",\"is_key_pair\":true,\"weight\":1}", Stored());

        AuthOk(key, "assignPermission", Id, "active", "acc1@active", 1);
        Assert.Contains("{\"id\":\"acc1\",\"permission\":\"active\",\"is_key_pair\":false,\"weight\":1}", Stored());
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "revokePermission"
    [IostGenesisFact]
    public void RevokePermission_removes_an_item_and_refuses_one_the_permission_does_not_hold()
    {
        var key = SignUp();
        AuthOk(key, "assignPermission", Id, "active", "IOST1234", 1);
        AuthOk(key, "assignPermission", Id, "active", "acc1@active", 1);

        AuthOk(key, "revokePermission", Id, "active", "acc1@active");
        Assert.DoesNotContain("{\"id\":\"acc1\",\"permission\":\"active\",\"is_key_pair\":false,\"weight\":1}", Stored());

        Refused(Auth(key, "revokePermission", Id, "active", "acc2"), "item not found");

        AuthOk(key, "revokePermission", Id, "active", "IOST1234");
        Assert.DoesNotContain("{\"id\":\"IOST1234\",\"is_key_pair\":true,\"weight\":1}", Stored());
    }

    // go-iost test/integration/account_test.go: TestAccountInfo "addGroup" … "dropGroup"
    [IostGenesisFact]
    public void A_group_can_be_added_once_filled_attached_to_a_permission_and_dropped()
    {
        var key = SignUp();
        const string emptyGroup = "\"groups\":{\"grp0\":{\"name\":\"grp0\",\"items\":[]}}";
        const string filledGroup = "\"groups\":{\"grp0\":{\"name\":\"grp0\",\"items\":[{\"id\":\"acc1\",\"permission\":\"active\",\"is_key_pair\":false,\"weight\":1}]}";

        AuthOk(key, "addGroup", Id, "grp0");
        Assert.Contains(emptyGroup, Stored());
        Refused(Auth(key, "addGroup", Id, "grp0"), "group already exist");

        AuthOk(key, "assignGroup", Id, "grp0", "acc1@active", 1);
        Assert.Contains(filledGroup, Stored());
        AuthOk(key, "revokeGroup", Id, "grp0", "acc1@active");
        Assert.DoesNotContain(filledGroup, Stored());

        AuthOk(key, "assignPermissionToGroup", Id, "active", "grp0");
        Assert.Contains("\"groups\":[\"grp0\"]", Stored());
        AuthOk(key, "revokePermissionInGroup", Id, "active", "grp0");
        Assert.DoesNotContain("\"groups\":[\"grp0\"]", Stored());

        AuthOk(key, "dropGroup", Id, "grp0");
        Assert.DoesNotContain(emptyGroup, Stored());
    }
}
