using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class NestedCallTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Callee() => _h.DeployClass("""
        double(n) { storage.put('last', String(n)); return n * 2; }
        fail() { storage.put('last', 'failed'); blockchain.receipt('callee'); throw new Error('callee says no'); }
        whoCanPay() { return blockchain.requireAuth(JSON.parse(blockchain.contextInfo()).caller.name, 'active'); }
        spin() { for (;;) {} }
        """, ("double", 1), ("fail", 0), ("whoCanPay", 0), ("spin", 0));

    [Fact]
    public void Call_returns_the_callees_result_as_text_in_an_array_as_iost_does()
    {
        var callee = Callee();

        var receipt = _h.Run($"return blockchain.call('{callee}', 'double', [21]);");

        Assert.Equal(["[\"42\"]"], receipt.Returns);
        Assert.Equal("21", _h.World.GetValue(callee, "last"));
    }

    [Fact]
    public void A_failed_callee_is_rolled_back_and_the_caller_can_continue()
    {
        var callee = Callee();
        _h.Call(_h.DeployClass($"f() {{ blockchain.call('{callee}', 'double', [1]); }}", ("f", 0)), "f");

        var receipt = _h.Run($"try {{ blockchain.call('{callee}', 'fail', []); }} catch (e) {{ return e.message; }}");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Contains("callee says no", receipt.Returns[0]);
        Assert.Equal("1", _h.World.GetValue(callee, "last"));
        Assert.Empty(receipt.Receipts);
    }

    [Fact]
    public void Call_with_auth_lends_the_callers_authority()
    {
        var callee = Callee();
        var caller = _h.DeployClass($"plain() {{ return blockchain.call('{callee}', 'whoCanPay', []); }} lent() {{ return blockchain.callWithAuth('{callee}', 'whoCanPay', []); }}",
            ("plain", 0), ("lent", 0));

        Assert.Equal(["[\"false\"]"], _h.Call(caller, "plain").Returns);
        Assert.Equal(["[\"true\"]"], _h.Call(caller, "lent").Returns);
    }

    [Fact]
    public void Calls_nest_at_most_five_deep()
    {
        var id = _h.Deploy("""
            class C {
              down(self, n) { return n === 0 ? 'bottom' : blockchain.call(self, 'down' + (n - 1), [self, n - 1])[0]; }
              down0(s, n) { return this.down(s, n); } down1(s, n) { return this.down(s, n); } down2(s, n) { return this.down(s, n); }
              down3(s, n) { return this.down(s, n); } down4(s, n) { return this.down(s, n); } down5(s, n) { return this.down(s, n); }
            }
            module.exports = C;
            """, ContractHarness.AbiOf(("down", 2), ("down0", 2), ("down1", 2), ("down2", 2), ("down3", 2), ("down4", 2), ("down5", 2)));

        var four = _h.Call(id, "down", $"[\"{id}\", 4]");
        var five = _h.Call(id, "down", $"[\"{id}\", 5]");

        Assert.Equal(["\"bottom\""], four.Returns);
        Assert.Equal(StatusCode.RuntimeError, five.Status.Code);
        Assert.Contains("stack height exceed", five.Status.Message);
    }

    [Fact]
    public void Re_entering_a_method_already_on_the_stack_fails()
    {
        var id = _h.DeployClass("again(self) { return blockchain.call(self, 'again', [self]); }", ("again", 1));

        var receipt = _h.Call(id, "again", $"[\"{id}\"]");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("reentrant call", receipt.Status.Message);
    }

    [Fact]
    public void A_callee_gets_only_the_callers_remaining_gas_and_exhausting_it_ends_the_transaction()
    {
        var callee = Callee();

        var receipt = _h.Run($"try {{ blockchain.call('{callee}', 'spin', []); }} catch (e) {{ return 'caught'; }}", gasLimit: 50_000);

        Assert.Equal(StatusCode.GasRunOut, receipt.Status.Code);
        Assert.Equal(50_000, receipt.GasUsed);
    }

    [Fact]
    public void Calling_an_unknown_contract_or_with_wrong_arguments_throws_in_the_caller()
    {
        var callee = Callee();

        var receipt = _h.Run($"const r = []; for (const [c, m, a] of [['Nope', 'x', []], ['{callee}', 'double', []], ['{callee}', 'nothing', []]]) {{ try {{ blockchain.call(c, m, a); }} catch (e) {{ r.push(e.message); }} }} return r;");

        Assert.Contains("does not exist", receipt.Returns[0]);
        Assert.Contains("takes 1 arguments, got 0", receipt.Returns[0]);
        Assert.Contains("not in the contract's abi", receipt.Returns[0]);
    }

    [Theory]
    [InlineData("'text'", "text")]
    [InlineData("7", "7")]
    [InlineData("({ a: [1, 'b'] })", "{\"a\":[1,\"b\"]}")]
    [InlineData("null", "null")]
    public void A_callees_result_comes_back_as_go_iost_gives_it(string value, string text)
    {
        var callee = _h.DeployClass($"give() {{ return {value}; }}", ("give", 0));

        var receipt = _h.Run($"return blockchain.call('{callee}', 'give', [])[0];");

        Assert.Equal(text, JsonSerializer.Deserialize<string>(receipt.Returns[0]));
    }
}
