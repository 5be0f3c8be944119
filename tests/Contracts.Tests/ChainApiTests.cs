using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class ChainApiTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private JsonElement RunJson(string body) => JsonDocument.Parse(_h.Run(body).Returns[0]).RootElement;

    [Fact]
    public void Block_and_tx_info_describe_the_block_and_the_transaction()
    {
        var info = RunJson("return [JSON.parse(blockchain.blockInfo()), JSON.parse(blockchain.txInfo()), block.number, tx.publisher, tx.authList];");

        Assert.Equal(7, info[0].GetProperty("number").GetInt64());
        Assert.Equal("witness", info[0].GetProperty("witness").GetString());
        Assert.Equal("alice", info[1].GetProperty("publisher").GetString());
        Assert.Equal(1_000_000, info[1].GetProperty("gasLimit").GetInt64());
        Assert.Equal(7, info[2].GetInt64());
        Assert.Equal("alice", info[3].GetString());
        Assert.Equal("""["alice","bobby@active"]""", info[4].GetRawText());
    }

    [Fact]
    public void Context_info_names_the_contract_method_and_caller()
    {
        var id = _h.DeployClass("f() { return [JSON.parse(blockchain.contextInfo()), blockchain.contractName(), blockchain.publisher(), blockchain.contractOwner()]; }", ("f", 0));

        var info = JsonDocument.Parse(_h.Call(id, "f", publisher: "carol").Returns[0]).RootElement;

        Assert.Equal(id, info[0].GetProperty("contract_name").GetString());
        Assert.Equal("f", info[0].GetProperty("abi_name").GetString());
        Assert.Equal("carol", info[0].GetProperty("caller").GetProperty("name").GetString());
        Assert.Equal(id, info[1].GetString());
        Assert.Equal("carol", info[2].GetString());
        Assert.Equal("alice", info[3].GetString());
    }

    [Fact]
    public void Require_auth_is_true_for_the_publisher_and_signers_only()
    {
        var auth = RunJson("return ['alice', 'bobby', 'mallory'].map(a => blockchain.requireAuth(a, 'active'));");

        Assert.Equal("[true,true,false]", auth.GetRawText());
    }

    [Fact]
    public void Receipts_and_events_end_up_in_the_transaction_receipt()
    {
        var receipt = _h.Run("blockchain.receipt('paid'); blockchain.event('{\"kind\":\"mint\"}');");

        Assert.Equal(["paid"], receipt.Receipts);
        Assert.Equal(["""{"kind":"mint"}"""], receipt.Events);
    }

    [Fact]
    public void A_failed_transaction_has_no_receipts_or_events()
    {
        var receipt = _h.Run("blockchain.receipt('paid'); throw new Error('no');");

        Assert.Empty(receipt.Receipts);
        Assert.Empty(receipt.Events);
    }

    [Fact]
    public void Console_output_goes_to_the_node_log()
    {
        _h.Run("console.log('hello', 42, {a: 1}); console.error('bad');");

        Assert.Contains(_h.Logs, l => l.StartsWith("info: ") && l.EndsWith("hello 42 {\"a\":1}"));
        Assert.Contains(_h.Logs, l => l.StartsWith("error: ") && l.EndsWith("bad"));
    }

    [Fact]
    public void Sha3_hashes_with_sha3_256()
    {
        var hashes = RunJson("return [IOSTCrypto.sha3Hex(''), IOSTCrypto.sha3('abc').length > 40];");

        Assert.Equal("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", hashes[0].GetString());
        Assert.True(hashes[1].GetBoolean());
    }
}
