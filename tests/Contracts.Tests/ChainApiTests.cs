using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class ChainApiTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private JsonElement RunJson(string body) => JsonDocument.Parse(_h.Run(body).Returns[0]).RootElement;

    [Fact]
    public void Block_and_tx_info_have_go_iosts_keys_and_the_tx_and_block_objects_its_sandboxs()
    {
        var info = RunJson("return [blockchain.blockInfo(), JSON.parse(blockchain.txInfo()), block, tx];");

        Assert.Equal("""{"number":7,"parent_hash":"parent","time":1234,"witness":"witness"}""", info[0].GetString());
        Assert.Equal("alice", info[1].GetProperty("publisher").GetString());
        Assert.Equal(1_000_000, info[1].GetProperty("gas_limit").GetInt64());
        Assert.Equal(100, info[1].GetProperty("gas_ratio").GetInt64());
        Assert.Equal("f", info[1].GetProperty("actions")[0].GetProperty("actionName").GetString());
        Assert.Equal("*", info[1].GetProperty("amount_limit")[0].GetProperty("token").GetString());
        Assert.Equal("""{"number":7,"parentHash":"parent","witness":"witness","time":1234}""", info[2].GetRawText());
        Assert.Equal(["time", "hash", "expiration", "gasLimit", "gasRatio", "authList", "publisher"], info[3].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, info[3].GetProperty("authList").ValueKind);
    }

    [Fact]
    public void The_auth_list_maps_each_key_that_signed_to_its_level()
    {
        var signer = Signing.KeyPair.Generate();
        var publisher = Signing.KeyPair.Generate();
        var id = _h.DeployClass("f() { return tx.authList; }", ("f", 0));
        var tx = new Transaction(1, long.MaxValue, 1_000_000, "alice", ["bobby@active"], [new TxAction(id, "f", "[]")]).SignedBy(signer).SignedAsPublisher(publisher);

        var receipt = _h.Executor.Execute(tx, _h.World);

        var list = JsonDocument.Parse(receipt.Returns[0]).RootElement;
        Assert.Equal(1, list.GetProperty(signer.PublicKeyBase58).GetInt32());
        Assert.Equal(2, list.GetProperty(publisher.PublicKeyBase58).GetInt32());
    }

    [Fact]
    public void Context_info_names_the_contract_method_and_caller()
    {
        var id = _h.DeployClass("f() { return [JSON.parse(blockchain.contextInfo()), blockchain.contractName(), blockchain.publisher(), blockchain.contractOwner()]; }", ("f", 0));

        var info = JsonDocument.Parse(_h.Call(id, "f", publisher: "carol").Returns[0]).RootElement;

        Assert.Equal(id, info[0].GetProperty("contract_name").GetString());
        Assert.Equal("f", info[0].GetProperty("abi_name").GetString());
        Assert.Equal("carol", info[0].GetProperty("caller").GetProperty("name").GetString());
        Assert.Equal("carol", info[0].GetProperty("publisher").GetString());
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
    public void Receipts_named_by_their_contract_and_method_and_events_end_up_in_the_transaction_receipt()
    {
        var receipt = _h.Run("blockchain.receipt('paid'); blockchain.event('{\"kind\":\"mint\"}');");

        Assert.Equal("paid", receipt.Receipts[0].Content);
        Assert.EndsWith("/f", receipt.Receipts[0].FuncName);
        Assert.StartsWith("Contract", receipt.Receipts[0].FuncName);
        Assert.Equal("""{"kind":"mint"}""", Assert.Single(receipt.Events).Content);
        Assert.StartsWith("Contract", receipt.Events[0].Contract);
    }

    [Fact]
    public void A_failed_transaction_has_no_receipts_or_events()
    {
        var receipt = _h.Run("blockchain.receipt('paid'); throw new Error('no');");

        Assert.Empty(receipt.Receipts);
        Assert.Empty(receipt.Events);
    }

    [Fact]
    public void Console_lines_travel_in_the_receipt_with_their_level_and_contract()
    {
        var receipt = _h.Run("console.log('hello', 42, {a: 1}); console.debug('x'); console.error('bad');");

        var contract = receipt.Logs![0].Contract;
        Assert.StartsWith("Contract", contract);
        Assert.Equal([new ContractLog("info", contract, "hello 42 {\"a\":1}"), new ContractLog("debug", contract, "x"), new ContractLog("error", contract, "bad")], receipt.Logs);
    }

    [Fact]
    public void A_failed_transaction_keeps_the_lines_written_before_it_failed()
    {
        var receipt = _h.Run("console.log('about to fail'); throw new Error('boom');");

        Assert.NotEqual(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("about to fail", Assert.Single(receipt.Logs!).Message);
    }

    [Fact]
    public void Console_lines_past_the_bound_are_dropped_with_one_line_saying_so()
    {
        var receipt = _h.Run($"for (let i = 0; i < {ContractLog.MaxLines + 50}; i++) console.log('line ' + i);", gasLimit: 10_000_000);

        Assert.Equal(ContractLog.MaxLines + 1, receipt.Logs!.Count);
        Assert.Equal("later console lines of this transaction were dropped", receipt.Logs[^1].Message);
    }

    [Fact]
    public void A_transaction_that_writes_nothing_has_no_logs()
    {
        Assert.Null(_h.Run("return 1;").Logs);
    }

    [Fact]
    public void Sha3_hashes_with_sha3_256()
    {
        var hashes = RunJson("return [IOSTCrypto.sha3Hex(''), IOSTCrypto.sha3('abc').length > 40];");

        Assert.Equal("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", hashes[0].GetString());
        Assert.True(hashes[1].GetBoolean());
    }
}
