using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class ContractEngineTests : IDisposable
{
    private readonly ContractEngine _engine = new(ExecutionLimits.Default);
    private readonly InMemoryWorldState _world = new();

    private ExecutionOutcome Run(string source, string method, string args = "[]") =>
        _engine.Run(source, method, args, new ContractStorage(_world, "c1"));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void A_method_return_value_comes_back_as_json()
    {
        var outcome = Run("class C { add(a, b) { return {sum: a + b}; } } module.exports = C;", "add", "[2, 3]");

        Assert.Equal(StatusCode.Success, outcome.Code);
        Assert.Equal("""{"sum":5}""", outcome.Result);
    }

    [Fact]
    public void A_method_that_returns_undefined_has_no_result()
    {
        var outcome = Run("class C { noop() {} } module.exports = C;", "noop");

        Assert.Equal(StatusCode.Success, outcome.Code);
        Assert.Null(outcome.Result);
    }

    [Fact]
    public void Storage_put_from_js_reaches_the_csharp_state()
    {
        var outcome = Run("class C { set(v) { storage.put('k', v); } } module.exports = C;", "set", """["hello"]""");

        Assert.Equal(StatusCode.Success, outcome.Code);
        Assert.Equal("hello", _world.Values[("c1", "k")]);
    }

    [Fact]
    public void Storage_get_returns_the_stored_value_and_null_when_missing()
    {
        _world.Values[("c1", "k")] = "v";

        var outcome = Run("class C { read() { return [storage.get('k'), storage.get('missing')]; } } module.exports = C;", "read");

        Assert.Equal("""["v",null]""", outcome.Result);
    }

    [Fact]
    public void Storage_has_and_del_see_and_remove_a_key()
    {
        _world.Values[("c1", "k")] = "v";

        var outcome = Run("class C { f() { const had = storage.has('k'); storage.del('k'); return [had, storage.has('k')]; } } module.exports = C;", "f");

        Assert.Equal("[true,false]", outcome.Result);
        Assert.False(_world.Values.ContainsKey(("c1", "k")));
    }

    [Fact]
    public void A_non_string_value_passed_to_storage_put_is_a_runtime_error()
    {
        var outcome = Run("class C { f() { storage.put('k', 42); } } module.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Contains("storage.put: value must be a string", outcome.Message);
    }

    [Fact]
    public void A_host_error_can_be_caught_by_the_contract()
    {
        var outcome = Run("class C { f() { try { storage.put('a-b', 'x'); } catch (e) { return e.message; } } } module.exports = C;", "f");

        Assert.Equal(StatusCode.Success, outcome.Code);
        Assert.Contains("without '-' or '@'", outcome.Result);
    }

    [Fact]
    public void A_js_exception_reaches_csharp_as_a_status_with_its_message_and_position()
    {
        var outcome = Run("class C {\n  f() {\n    throw new Error('boom');\n  }\n}\nmodule.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Equal("Error: boom (line 3, column 5)", outcome.Message);
    }

    [Fact]
    public void Throwing_a_non_error_value_is_a_runtime_error()
    {
        var outcome = Run("class C { f() { throw { toString() { for(;;){} } }; } } module.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
    }

    [Fact]
    public void A_syntax_error_is_a_runtime_error_naming_it()
    {
        var outcome = Run("class C { f() { return ; ) } module.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Contains("SyntaxError", outcome.Message);
    }

    [Fact]
    public void A_contract_that_exports_no_class_is_refused()
    {
        var outcome = Run("module.exports = 42;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Contains("must export a class", outcome.Message);
    }

    [Fact]
    public void An_infinite_loop_ends_with_timeout_and_the_engine_serves_the_next_call()
    {
        var loop = Run("class C { f() { try { while (true) {} } finally { while (true) {} } } } module.exports = C;", "f");
        var next = Run("class C { f() { return 1; } } module.exports = C;", "f");

        Assert.Equal(StatusCode.Timeout, loop.Code);
        Assert.Equal(StatusCode.Success, next.Code);
        Assert.Equal("1", next.Result);
    }

    [Fact]
    public void Deep_recursion_is_a_runtime_error()
    {
        var outcome = Run("class C { f() { const r = (n) => r(n + 1) + 1; return r(0); } } module.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Contains("Maximum call stack size exceeded", outcome.Message);
    }

    [Fact]
    public void Nothing_a_call_leaves_on_globalThis_is_visible_to_the_next_call()
    {
        Run("class C { f() { globalThis.leak = 'x'; Array.prototype.evil = 1; } } module.exports = C;", "f");

        var outcome = Run("class C { f() { return [typeof leak, typeof [].evil]; } } module.exports = C;", "f");

        Assert.Equal("""["undefined","undefined"]""", outcome.Result);
    }

    [Fact]
    public void A_result_over_64_KiB_is_an_error()
    {
        var outcome = Run("class C { f() { return 'x'.repeat(70000); } } module.exports = C;", "f");

        Assert.Equal(StatusCode.RuntimeError, outcome.Code);
        Assert.Contains("larger than", outcome.Message);
    }
}
