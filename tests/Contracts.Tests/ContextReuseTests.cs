using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// A worker reuses a contract's context between calls: built-ins and the global object are frozen,
/// the few writable built-in properties are put back after every call, and the modules run afresh.
/// </summary>
public sealed class ContextReuseTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("Array.prototype.evil = 1;")]
    [InlineData("Object.prototype.isAdmin = true;")]
    [InlineData("JSON.parse = null;")]
    [InlineData("globalThis.leak = 'x';")]
    [InlineData("Object.getPrototypeOf([][Symbol.iterator]()).next = null;")]
    [InlineData("Object.getPrototypeOf(function* () {}).extra = 1;")]
    [InlineData("storage.put.extra = 1;")]
    [InlineData("Array.prototype.map.extra = 1;")]
    [InlineData("String.prototype.slice.extra = 1;")]
    [InlineData("Object.keys.extra = 1;")]
    [InlineData("Error.captureStackTrace.extra = 1;")]
    [InlineData("Array.prototype.at.extra = 1;")]
    [InlineData("Object.hasOwn.extra = 1;")]
    public void Changing_a_built_in_or_the_global_object_is_a_type_error(string statement)
    {
        var receipt = _h.Run(statement);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.StartsWith("TypeError", receipt.Status.Message);
    }

    [Fact]
    public void A_subclass_of_error_can_set_its_own_name()
    {
        var receipt = _h.Run("""
            class E extends Error { constructor(m) { super(m); this.name = 'E'; } }
            try { throw new E('x'); } catch (e) { return [e.name, String(e), e instanceof Error]; }
            """);

        Assert.Equal(["""["E","E: x",true]"""], receipt.Returns);
    }

    [Fact]
    public void An_object_can_override_an_inherited_method_by_assignment()
    {
        Assert.Equal(["\"mine\""], _h.Run("const o = {}; o.toString = () => 'mine'; return String(o);").Returns);
    }

    [Fact]
    public void An_error_prototypes_name_changed_by_a_call_is_put_back_for_the_next_call()
    {
        var id = _h.DeployClass("""
            dirty() { Error.prototype.name = 'Hacked'; return String(new Error('m')); }
            look() { return String(new Error('m')); }
            """, ("dirty", 0), ("look", 0));

        Assert.Equal(["\"Hacked: m\""], _h.Call(id, "dirty").Returns);
        Assert.Equal(["\"Error: m\""], _h.Call(id, "look").Returns);
    }

    [Fact]
    public void A_context_whose_error_prototype_was_made_read_only_is_replaced()
    {
        var id = _h.DeployClass("""
            dirty() { Object.defineProperty(Error.prototype, 'name', { value: 'Stuck', writable: false }); }
            look() { return String(new Error('m')); }
            """, ("dirty", 0), ("look", 0));

        Assert.Equal(StatusCode.Success, _h.Call(id, "dirty").Status.Code);
        Assert.Equal(["\"Error: m\""], _h.Call(id, "look").Returns);
    }

    [Fact]
    public void BigNumber_settings_changed_by_a_call_do_not_reach_the_next_call_which_sees_go_iosts_settings()
    {
        var id = _h.DeployClass("""
            two() { BigNumber.config({ DECIMAL_PLACES: 2 }); return new BigNumber(1).div(3).toString(); }
            look() { return new BigNumber(1).div(3).toString(); }
            """, ("two", 0), ("look", 0));

        Assert.Equal(["\"0.33\""], _h.Call(id, "two").Returns);
        Assert.Equal(["\"0.33333333333333333333333333333333333333333333333333\""], _h.Call(id, "look").Returns);
    }

    [Fact]
    public void Each_call_sees_its_own_transaction()
    {
        var id = _h.DeployClass("hash() { return tx.hash; }", ("hash", 0));

        var first = _h.Call(id, "hash");
        var second = _h.Call(id, "hash");

        Assert.Equal($"\"{first.TxHash}\"", first.Returns[0]);
        Assert.Equal($"\"{second.TxHash}\"", second.Returns[0]);
    }

    [Theory]
    [InlineData("class C { m() { return exports.n = (exports.n || 0) + 1; } } module.exports = C;")]
    [InlineData("class C { static #n = 0; m() { return ++C.#n; } } module.exports = C;")]
    [InlineData("const inc = () => (this.n = (this.n | 0) + 1); class C { m() { return inc(); } } module.exports = C;")]
    [InlineData("function one() { return 1; } class C { m() { const r = one(); for (one of [() => r + 1]); return r; } } module.exports = C;")]
    [InlineData("class C { m() { const m = module; m.n = (m.n || 0) + 1; return m.n; } } module.exports = C;")]
    public void Nothing_a_call_leaves_in_its_module_reaches_the_next_call(string code)
    {
        var id = _h.Deploy(code, ContractHarness.AbiOf(("m", 0)));

        var first = _h.Call(id, "m");
        var later = _h.Call(id, "m");

        Assert.Equal(StatusCode.Success, later.Status.Code);
        Assert.Equal(first.Returns, later.Returns);
        Assert.Equal(first.GasUsed, later.GasUsed);
    }

    [Fact]
    public void A_contract_that_changes_its_own_class_at_run_time_gets_a_type_error()
    {
        var id = _h.Deploy("class C { m() { C.count = 1; return 1; } } module.exports = C;", ContractHarness.AbiOf(("m", 0)));

        var receipt = _h.Call(id, "m");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.StartsWith("TypeError", receipt.Status.Message);
    }

    /// <summary>A module that runs afresh on every call, and one that only declares and is loaded once.</summary>
    [Theory]
    [InlineData("const table = [1, 2, 3].map(x => x * 2); class C { f(n) { return table[n]; } } module.exports = C;", "4")]
    [InlineData("const K = 2; function twice(n) { return n * K; } class C { f(n) { return twice(n); } } module.exports = C;", "2")]
    public void A_later_call_uses_the_same_gas_as_the_first(string code, string result)
    {
        var id = _h.Deploy(code, ContractHarness.AbiOf(("f", 1)));

        var first = _h.Call(id, "f", "[1]");
        var later = _h.Call(id, "f", "[1]");

        Assert.Equal([result], later.Returns);
        Assert.Equal(first.GasUsed, later.GasUsed);
    }

    [Fact]
    public void A_contract_that_ran_out_of_gas_serves_its_next_call()
    {
        var id = _h.DeployClass("spin() { for (;;) {} } ok() { return 'ok'; }", ("spin", 0), ("ok", 0));

        Assert.Equal(StatusCode.GasRunOut, _h.Call(id, "spin").Status.Code);
        Assert.Equal(["\"ok\""], _h.Call(id, "ok").Returns);
    }
}
