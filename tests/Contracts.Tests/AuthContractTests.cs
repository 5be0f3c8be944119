using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>auth.iost: accounts as IOST's account.js stores them, changed only with the owner's authority.</summary>
public sealed class AuthContractTests : IDisposable
{
    private readonly ContractHarness _harness = new();
    private static readonly string Key = KeyPair.Generate().PublicKeyBase58;

    public void Dispose() => _harness.Dispose();

    private Receipt Auth(string method, params object[] args) =>
        _harness.Submit("alice", 100_000, new TxAction("auth.iost", method, JsonSerializer.Serialize(args)));

    [Fact]
    public void Sign_up_stores_the_account_as_account_js_does()
    {
        var receipt = Auth("signUp", "carol", Key, Key);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(
            $$$"""{"id":"carol","referrer":"alice","permissions":{"active":{"name":"active","groups":[],"items":[{"id":"{{{Key}}}","is_key_pair":true,"weight":100}],"threshold":100},"owner":{"name":"owner","groups":[],"items":[{"id":"{{{Key}}}","is_key_pair":true,"weight":100}],"threshold":100}},"groups":{}}""",
            _harness.World.MapGet("auth.iost", "auth", "carol"));
        Assert.Equal(new ReceiptEntry("auth.iost/signUp", JsonSerializer.Serialize(new[] { "carol", Key, Key })), receipt.Receipts[0]);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPERCASE")]
    [InlineData("Contractxyz")]
    public void Sign_up_refuses_a_name_that_is_not_an_account_name(string name)
    {
        var receipt = Auth("signUp", name, Key, Key);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("not an account name", receipt.Status.Message);
    }

    [Fact]
    public void Sign_up_refuses_a_name_taken_and_a_key_that_is_not_a_public_key()
    {
        Auth("signUp", "carol", Key, Key);

        Assert.Contains("id existed", Auth("signUp", "carol", Key, Key).Status.Message);
        Assert.Contains("not a base58 public key", Auth("signUp", "dave1", "not-a-key", Key).Status.Message);
    }

    [Fact]
    public void Changing_a_permission_needs_the_accounts_owner()
    {
        Auth("signUp", "carol", Key, Key);

        var receipt = Auth("assignPermission", "carol", "active", Key, 50);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Equal("require auth failed", receipt.Status.Message);
    }

    [Fact]
    public void A_name_the_chain_declares_cannot_be_signed_up_by_anyone_else()
    {
        var rules = ContractHarness.DevRules with { DevKey = null, GenesisKeys = new Dictionary<string, string> { ["admin"] = Key } };
        using var production = new ContractHarness(ExecutionLimits.Default with { Chain = rules });

        var receipt = production.Submit("alice", 100_000, new TxAction("auth.iost", "signUp", JsonSerializer.Serialize(new[] { "admin", Key, Key })));

        Assert.Contains("id existed", receipt.Status.Message);
    }

    [Fact]
    public void On_a_production_chain_only_a_declared_account_creates_the_native_token()
    {
        var rules = ContractHarness.DevRules with { DevKey = null, GenesisKeys = new Dictionary<string, string> { ["admin"] = Key } };
        using var production = new ContractHarness(ExecutionLimits.Default with { Chain = rules });
        TxAction Create(string issuer) => new("token.iost", "create", JsonSerializer.Serialize(new[] { "iost", issuer, "1000", "{}" }));

        var stolen = production.Submit("mallory", 100_000, Create("mallory"));

        Assert.Contains("native token", stolen.Status.Message);
    }

    [Fact]
    public void On_a_production_chain_tokens_go_only_to_accounts_that_exist()
    {
        var rules = ContractHarness.DevRules with { DevKey = null, GenesisKeys = new Dictionary<string, string> { ["admin"] = Key } };
        using var production = new ContractHarness(ExecutionLimits.Default with { Chain = rules });
        Receipt Token(string method, params string[] args) =>
            production.Submit("admin", 100_000, new TxAction("token.iost", method, JsonSerializer.Serialize(args)));
        Token("create", "gold", "admin", "1000", "{}");
        Token("issue", "gold", "admin", "100");

        var unclaimed = Token("transfer", "gold", "admin", "nobody1", "1", "");

        Assert.Contains("invalid account", unclaimed.Status.Message);
        Assert.Null(production.World.GetBalance("gold", "nobody1"));
    }
}
