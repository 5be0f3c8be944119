using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class ExecutionTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void A_method_return_value_comes_back_as_json()
    {
        var id = _h.DeployClass("add(a, b) { return {sum: a + b}; }", ("add", 2));

        var receipt = _h.Call(id, "add", "[2, 3]");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(["""{"sum":5}"""], receipt.Returns);
    }

    [Fact]
    public void A_method_that_returns_undefined_returns_an_empty_string()
    {
        var receipt = _h.Run("");

        Assert.Equal([""], receipt.Returns);
    }

    [Fact]
    public void A_js_exception_carries_its_message_and_the_contracts_own_line_and_column()
    {
        var id = _h.Deploy("class C {\n  f() {\n    if (1) foo(); throw new Error('boom');\n  }\n}\nmodule.exports = C;", ContractHarness.AbiOf(("f", 0)));

        var receipt = _h.Call(id, "f");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Equal("ReferenceError: foo is not defined (index.js:3:12)", receipt.Status.Message);
    }

    [Fact]
    public void Throwing_a_non_error_value_is_a_runtime_error()
    {
        Assert.Equal(StatusCode.RuntimeError, _h.Run("throw 42;").Status.Code);
        Assert.Equal(StatusCode.RuntimeError, _h.Run("throw null;").Status.Code);
        Assert.Equal(StatusCode.RuntimeError, _h.Run("throw { toString() { for (;;) {} } };").Status.Code);
    }

    [Fact]
    public void A_syntax_error_refuses_the_deploy_naming_file_and_line()
    {
        var receipt = _h.DeployReceipt("class C {\n  f() { return ; ) }\n}\nmodule.exports = C;", ContractHarness.AbiOf(("f", 0)));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.StartsWith("index.js:2:", receipt.Status.Message);
        Assert.Contains("SyntaxError", receipt.Status.Message);
    }

    [Fact]
    public void A_contract_that_exports_no_class_is_refused_at_deploy()
    {
        var receipt = _h.DeployReceipt("module.exports = 42;", ContractHarness.AbiOf());

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("must export a class", receipt.Status.Message);
    }

    [Fact]
    public void Init_runs_once_at_deploy()
    {
        var id = _h.Deploy("class C { init() { storage.put('n', 'set'); } get() { return storage.get('n'); } } module.exports = C;",
            ContractHarness.AbiOf(("get", 0)));

        Assert.Equal(["\"set\""], _h.Call(id, "get").Returns);
    }

    [Fact]
    public void Nothing_a_call_leaves_on_globalThis_or_builtin_prototypes_reaches_the_next_call()
    {
        var id = _h.DeployClass("""
            dirty() {
              const attempts = [() => { globalThis.leak = 'x'; }, () => { Array.prototype.evil = 1; }, () => { Object.prototype.polluted = true; }, () => { JSON.parse = null; }];
              for (const attempt of attempts) try { attempt(); } catch (e) {}
            }
            look() { return [typeof leak, typeof [].evil, typeof ({}).polluted, typeof JSON.parse]; }
            """, ("dirty", 0), ("look", 0));

        _h.Call(id, "dirty");
        var receipt = _h.Call(id, "look");

        Assert.Equal(["""["undefined","undefined","undefined","function"]"""], receipt.Returns);
    }

    [Fact]
    public void One_contract_does_not_see_what_another_left_behind()
    {
        var dirty = _h.DeployClass("f() { globalThis.secret = 'mine'; Object.prototype.x = 1; }", ("f", 0));
        var clean = _h.DeployClass("f() { return [typeof secret, typeof ({}).x]; }", ("f", 0));

        _h.Call(dirty, "f");

        Assert.Equal(["""["undefined","undefined"]"""], _h.Call(clean, "f").Returns);
    }

    [Fact]
    public void Module_level_state_does_not_survive_between_calls()
    {
        var id = _h.Deploy("let count = 0; class C { inc() { return ++count; } } module.exports = C;", ContractHarness.AbiOf(("inc", 0)));

        _h.Call(id, "inc");

        Assert.Equal(["1"], _h.Call(id, "inc").Returns);
    }
}
