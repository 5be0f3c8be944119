using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>domain.iost: a contract called by a name its owner links to it, as in IOST.</summary>
public sealed class DomainTests : IDisposable
{
    private readonly ContractHarness _h = new();
    private readonly string _greeter;

    public DomainTests() => _greeter = _h.DeployClass("hello(who) { return 'hello ' + who; }", ("hello", 1));

    public void Dispose() => _h.Dispose();

    private Receipt Domain(string publisher, string method, string url, string second) =>
        _h.Submit(publisher, 100_000, new TxAction("domain.iost", method, JsonSerializer.Serialize(new[] { url, second })));

    [Fact]
    public void A_linked_name_calls_the_contract_from_a_transaction_and_from_a_contract()
    {
        Assert.Equal(StatusCode.Success, Domain("alice", "link", "greet.me", _greeter).Status.Code);

        Assert.Equal("\"hello bob\"", _h.Call("greet.me", "hello", "[\"bob\"]").Returns[0]);
        Assert.Equal("\"hello ann\"", _h.Run("return blockchain.call('greet.me', 'hello', ['ann'])[0];").Returns[0]);
    }

    [Fact]
    public void Only_the_names_owner_links_it_again_or_transfers_it()
    {
        Domain("alice", "link", "greet.me", _greeter);

        Assert.Equal("no privilege of claimed url", Domain("mallory", "link", "greet.me", "Contractx").Status.Message);
        Assert.Equal("no privilege of claimed url", Domain("mallory", "transfer", "greet.me", "mallory").Status.Message);
        Assert.Equal(StatusCode.Success, Domain("alice", "transfer", "greet.me", "carol").Status.Code);
        Assert.Equal(StatusCode.Success, Domain("carol", "link", "greet.me", _greeter).Status.Code);
    }

    [Theory]
    [InlineData("ab.c", "url length should be between 5,16")]
    [InlineData("nodotname", "url must contain '.'")]
    [InlineData("Upper.case", "invalid character")]
    [InlineData("mine.iost", "only admin has permission")]
    public void A_name_that_is_not_a_domain_or_is_the_admins_is_refused(string url, string message)
    {
        Assert.Contains(message, Domain("alice", "link", url, _greeter).Status.Message);
    }
}
