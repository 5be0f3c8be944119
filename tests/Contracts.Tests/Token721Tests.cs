using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>token721.iost: non-fungible tokens with go-iost's methods, ids counting from 0, and its errors.</summary>
public sealed class Token721Tests : IDisposable
{
    private readonly ContractHarness _h = new();

    public Token721Tests() => Assert.Equal(StatusCode.Success, Call("alice", "create", "art", "alice", 2).Status.Code);

    public void Dispose() => _h.Dispose();

    private Receipt Call(string publisher, string method, params object[] args) =>
        _h.Submit(publisher, 100_000, new TxAction("token721.iost", method, JsonSerializer.Serialize(args)));

    private string Answer(string method, params object[] args) => JsonSerializer.Deserialize<string>(Call("anyone", method, args).Returns[0])!;

    [Fact]
    public void Issued_tokens_are_numbered_from_zero_and_held_with_their_metadata()
    {
        Assert.Equal("\"0\"", Call("alice", "issue", "art", "bobby", """{"title":"one"}""").Returns[0]);
        Assert.Equal("\"1\"", Call("alice", "issue", "art", "bobby", """{"title":"two"}""").Returns[0]);

        Assert.Equal("2", Answer("balanceOf", "art", "bobby"));
        Assert.Equal("bobby", Answer("ownerOf", "art", "1"));
        Assert.Equal("1", Answer("tokenOfOwnerByIndex", "art", "bobby", 1));
        Assert.Equal("""{"title":"two"}""", Answer("tokenMetadata", "art", "1"));
    }

    [Fact]
    public void No_more_than_the_total_supply_is_issued()
    {
        Call("alice", "issue", "art", "bobby", "{}");
        Call("alice", "issue", "art", "bobby", "{}");

        Assert.Equal("supply too much", Call("alice", "issue", "art", "bobby", "{}").Status.Message);
    }

    [Fact]
    public void The_owner_transfers_a_token_and_its_metadata_goes_with_it()
    {
        Call("alice", "issue", "art", "alice", """{"title":"one"}""");

        var receipt = Call("alice", "transfer", "art", "alice", "carol", "0");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("carol", Answer("ownerOf", "art", "0"));
        Assert.Equal("0", Answer("balanceOf", "art", "alice"));
        Assert.Equal("0", Answer("tokenOfOwnerByIndex", "art", "carol", 0));
        Assert.Equal("""{"title":"one"}""", Answer("tokenMetadata", "art", "0"));
    }

    [Fact]
    public void Only_the_owner_transfers_a_token()
    {
        Call("alice", "issue", "art", "alice", "{}");

        Assert.Equal("error token owner isn't from. owner: alice, from: mallory", Call("mallory", "transfer", "art", "mallory", "carol", "0").Status.Message);
        Assert.Equal("transaction has no permission", Call("mallory", "transfer", "art", "alice", "carol", "0").Status.Message);
    }

    [Fact]
    public void A_token_that_does_not_exist_is_named_so()
    {
        Assert.Equal("token not exists", Call("alice", "balanceOf", "nope", "alice").Status.Message);
        Assert.Equal("token exists", Call("alice", "create", "art", "alice", 5).Status.Message);
    }

    [Theory]
    [InlineData("T721issuer")]
    [InlineData("supply")]
    [InlineData("2")]
    public void Only_an_issued_tokens_id_can_be_transferred(string id)
    {
        Call("alice", "issue", "art", "alice", "{}");

        Assert.Equal($"error tokenID not exists. art {id}", Call("alice", "transfer", "art", "alice", "carol", id).Status.Message);
        Assert.Equal(StatusCode.Success, Call("alice", "issue", "art", "alice", "{}").Status.Code);
    }
}
