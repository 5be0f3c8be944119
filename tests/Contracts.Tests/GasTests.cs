using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class GasTests
{
    private const string Token = """
        class Token {
          init() { storage.put('supply', '0'); }
          mint(to, n) {
            const balance = new Int64(storage.mapGet('balances', to) || '0').plus(n);
            storage.mapPut('balances', to, balance.toString());
            storage.put('supply', new Int64(storage.get('supply')).plus(n).toString());
            const squares = [];
            for (let i = 0; i < 50; i++) squares.push(i * i);
            return { balance: balance.toString(), sum: squares.reduce((a, b) => a + b, 0) };
          }
        }
        module.exports = Token;
        """;

    private static (Receipt Deploy, Receipt Call) DeployAndMint()
    {
        using var h = new ContractHarness();
        var deploy = h.DeployReceipt(Token, ContractHarness.Abi(("mint", ["string", "number"])));
        var id = System.Text.Json.JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
        return (deploy, h.Call(id, "mint", """["alice", 5]"""));
    }

    [Fact]
    public void The_same_call_on_two_fresh_engines_gives_identical_results_and_gas()
    {
        var first = DeployAndMint();
        var second = DeployAndMint();

        Assert.Equal(StatusCode.Success, first.Call.Status.Code);
        Assert.Equal(first.Call.Returns, second.Call.Returns);
        Assert.Equal(first.Call.GasUsed, second.Call.GasUsed);
        Assert.Equal(first.Deploy.GasUsed, second.Deploy.GasUsed);
        Assert.True(first.Call.GasUsed > 0);
    }

    [Fact]
    public void More_loop_iterations_cost_more_gas()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("loop(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }", ("loop", 1));

        var ten = h.Call(id, "loop", "[10]").GasUsed;
        var thousand = h.Call(id, "loop", "[1000]").GasUsed;

        Assert.True(thousand > ten * 5, $"1000 iterations cost {thousand}, 10 cost {ten}");
    }

    [Fact]
    public void Host_operations_cost_gas_by_size()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("put(v) { storage.put('k', v); }", ("put", 1));

        var small = h.Call(id, "put", "[\"x\"]").GasUsed;
        var large = h.Call(id, "put", $"[\"{new string('x', 5000)}\"]").GasUsed;

        Assert.True(large >= small + 4999);
    }

    [Fact]
    public void Adding_a_field_to_a_large_map_costs_more_than_to_a_small_one()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("fill(n) { for (let i = 0; i < n; i++) storage.mapPut('m', 'f' + i, '1'); } add() { storage.mapPut('m', 'new', '1'); }",
            ("fill", 1), ("add", 0));
        var empty = h.DeployClass("add() { storage.mapPut('m', 'new', '1'); }", ("add", 0));
        Assert.Equal(StatusCode.Success, h.Call(id, "fill", "[1000]", gasLimit: 100_000_000).Status.Code);

        var intoSmall = h.Call(empty, "add").GasUsed;
        var intoLarge = h.Call(id, "add").GasUsed;

        Assert.True(intoLarge > intoSmall + 1000, $"{intoSmall} gas into an empty map, {intoLarge} into one of 1,000 fields");
    }

    [Fact]
    public void Reading_a_large_value_costs_by_its_size()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("put(v) { storage.put('k', v); } get() { storage.get('k'); }", ("put", 1), ("get", 0));
        h.Call(id, "put", "[\"x\"]");
        var small = h.Call(id, "get").GasUsed;
        h.Call(id, "put", $"[\"{new string('x', 5000)}\"]");

        var large = h.Call(id, "get").GasUsed;

        Assert.True(large >= small + 4999, $"{small} then {large}");
    }

    [Fact]
    public void A_transaction_records_at_most_64_events_and_receipts()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("many(n) { for (let i = 0; i < n; i++) blockchain.event('e' + i); } big() { blockchain.event('x'.repeat(70000)); }",
            ("many", 1), ("big", 0));

        var many = h.Call(id, "many", "[65]", gasLimit: 10_000_000);
        var big = h.Call(id, "big", gasLimit: 10_000_000);
        var fine = h.Call(id, "many", "[64]", gasLimit: 10_000_000);

        Assert.Equal(StatusCode.RuntimeError, many.Status.Code);
        Assert.Contains("at most 64", many.Status.Message);
        Assert.Equal(StatusCode.RuntimeError, big.Status.Code);
        Assert.Equal(64, fine.Events.Count);
    }

    [Fact]
    public void A_failed_transaction_is_still_charged_its_gas()
    {
        using var h = new ContractHarness();

        var receipt = h.Run("for (let i = 0; i < 100; i++) {} throw new Error('late');");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.True(receipt.GasUsed > 100);
    }

    [Fact]
    public void The_actions_of_one_transaction_share_its_gas_limit()
    {
        using var h = new ContractHarness();
        var id = h.DeployClass("spend() { for (let i = 0; i < 300; i++) {} }", ("spend", 0));
        var one = h.Call(id, "spend").GasUsed;

        var receipt = h.Submit("alice", one * 2 - 1, new TxAction(id, "spend", "[]"), new TxAction(id, "spend", "[]"));

        Assert.Equal(StatusCode.GasRunOut, receipt.Status.Code);
        Assert.Equal(one * 2 - 1, receipt.GasUsed);
    }
}
