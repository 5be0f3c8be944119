using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class UpdateCodeTests : IDisposable
{
    private readonly ContractHarness _h = new();
    private const string Abi = """{"abi":[{"name":"version","args":[]}]}""";

    public void Dispose() => _h.Dispose();

    private string Deploy(string canUpdate) => _h.Deploy(
        $"class C {{ init() {{ storage.put('inits', String(Number(storage.get('inits') || 0) + 1)); }} can_update(data) {{ {canUpdate} }} version() {{ return 1; }} }} module.exports = C;", Abi);

    private Receipt Update(string id, string code, string data = "go", string publisher = "alice") =>
        _h.Submit(publisher, 10_000_000, new TxAction("system", "updateCode", JsonSerializer.Serialize(new[] { id, code, Abi, data })));

    private const string Version2 = "class C { version() { return 2; } } module.exports = C;";

    [Fact]
    public void An_update_that_can_update_allows_replaces_the_code_without_running_init_again()
    {
        var id = Deploy("return blockchain.requireAuth(blockchain.contractOwner(), 'active') && data === 'go';");

        var receipt = Update(id, Version2);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(["2"], _h.Call(id, "version").Returns);
        Assert.Equal("1", _h.World.GetValue(id, "inits"));
    }

    [Fact]
    public void An_update_that_can_update_refuses_changes_nothing()
    {
        var id = Deploy("return blockchain.requireAuth(blockchain.contractOwner(), 'active');");

        var receipt = Update(id, Version2, publisher: "mallory");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("can_update did not return true", receipt.Status.Message);
        Assert.Equal(["1"], _h.Call(id, "version").Returns);
    }

    [Fact]
    public void A_contract_without_can_update_cannot_be_updated()
    {
        var id = _h.Deploy("class C { version() { return 1; } } module.exports = C;", Abi);

        var receipt = Update(id, Version2);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("no method 'can_update'", receipt.Status.Message);
    }

    [Fact]
    public void New_code_that_does_not_match_its_abi_is_refused()
    {
        var id = Deploy("return true;");

        var receipt = Update(id, "class C { other() {} } module.exports = C;");

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("'version' is not a method", receipt.Status.Message);
        Assert.Equal(["1"], _h.Call(id, "version").Returns);
    }
}
