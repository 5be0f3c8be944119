using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>Each name the sandbox removes (docs/determinism.md) is absent or throws.</summary>
public sealed class SandboxTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("Date")]
    [InlineData("WeakRef")]
    [InlineData("FinalizationRegistry")]
    [InlineData("SharedArrayBuffer")]
    [InlineData("Atomics")]
    [InlineData("WebAssembly")]
    [InlineData("Intl")]
    [InlineData("eval")]
    [InlineData("Promise")]
    [InlineData("RegExp")]
    [InlineData("acorn")]
    [InlineData("__avm")]
    [InlineData("__avmCompiler")]
    public void A_removed_global_is_absent(string name)
    {
        Assert.Equal(["\"undefined\""], _h.Run($"return typeof globalThis['{name}'];").Returns);
    }

    [Fact]
    public void Math_random_is_absent()
    {
        Assert.Equal(["\"undefined\""], _h.Run("return typeof Math.random;").Returns);
    }

    [Theory]
    [InlineData("Function('return 1')()")]
    [InlineData("(function(){}).constructor('return 1')()")]
    [InlineData("(function*(){}).constructor('yield 1')")]
    public void Code_generation_from_strings_throws(string expression)
    {
        var receipt = _h.Run($"return {expression};");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("EvalError", receipt.Status.Message);
    }

    [Theory]
    [InlineData("'aaaa'.match('(a+)+b')")]
    [InlineData("'aaaa'.search('a')")]
    [InlineData("[...'aaaa'.matchAll('a')]")]
    public void String_methods_that_would_build_a_regular_expression_throw(string expression)
    {
        var receipt = _h.Run($"return {expression};");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("regular expressions are not allowed", receipt.Status.Message);
    }

    [Theory]
    [InlineData("'a'.localeCompare")]
    [InlineData("(1).toLocaleString")]
    [InlineData("Error.captureStackTrace")]
    public void Locale_dependent_and_stack_hooking_methods_are_absent(string expression)
    {
        Assert.Equal(["\"undefined\""], _h.Run($"return typeof {expression};").Returns);
    }

    [Theory]
    [InlineData("async function f() {}", "async functions are not allowed")]
    [InlineData("const f = async () => 1;", "async functions are not allowed")]
    [InlineData("const r = /a+/;", "regular expressions are not allowed")]
    [InlineData("import('x');", "import is not allowed")]
    [InlineData("const $gas = 1;", "the name '$gas' is reserved")]
    [InlineData("__avmAnything();", "is reserved")]
    public void Forbidden_syntax_refuses_the_deploy(string code, string reason)
    {
        var receipt = _h.DeployReceipt($"{code}\nclass C {{}}\nmodule.exports = C;", ContractHarness.AbiOf());

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains(reason, receipt.Status.Message);
    }

    [Fact]
    public void The_module_function_arguments_do_not_reach_the_meter()
    {
        var id = _h.Deploy("const n = arguments.length; const kinds = [...arguments].map(a => typeof a).join(); class C { f() { return [n, kinds]; } } module.exports = C;",
            ContractHarness.AbiOf(("f", 0)));

        Assert.Equal(["""[3,"object,object,function"]"""], _h.Call(id, "f").Returns);
    }

    [Fact]
    public void The_exposed_api_objects_are_frozen()
    {
        var receipt = _h.Run("'use strict'; storage.put = () => 'hijacked'; return 1;");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("read only", receipt.Status.Message);
    }
}
