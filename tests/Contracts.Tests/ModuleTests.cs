using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

public sealed class ModuleTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string DeployBundle(Dictionary<string, string> files, string entry, params (string, int)[] abi) =>
        _h.Deploy(ContractSource.Bundle(files, entry), ContractHarness.AbiOf(abi));

    [Fact]
    public void A_bundle_resolves_relative_requires_with_and_without_extension()
    {
        var id = DeployBundle(new()
        {
            ["main.js"] = "const math = require('./lib/math'); const { greet } = require('./lib/greet.js'); class C { f() { return [math.twice(2), greet('x')]; } } module.exports = C;",
            ["lib/math.js"] = "exports.twice = (n) => n * 2;",
            ["lib/greet.js"] = "const math = require('./math'); module.exports = { greet: (s) => s + math.twice(1) };",
        }, "main.js", ("f", 0));

        Assert.Equal(["""[4,"x2"]"""], _h.Call(id, "f").Returns);
    }

    [Fact]
    public void A_directory_require_finds_its_index()
    {
        var id = DeployBundle(new()
        {
            ["main.js"] = "const util = require('./util'); class C { f() { return util.name; } } module.exports = C;",
            ["util/index.js"] = "exports.name = 'util';",
        }, "main.js", ("f", 0));

        Assert.Equal(["\"util\""], _h.Call(id, "f").Returns);
    }

    [Fact]
    public void A_module_is_evaluated_once_and_cached()
    {
        var id = DeployBundle(new()
        {
            ["main.js"] = "const a = require('./counter'); const b = require('./counter'); class C { f() { return [a === b, a.loads]; } } module.exports = C;",
            ["counter.js"] = "exports.loads = (exports.loads || 0) + 1;",
        }, "main.js", ("f", 0));

        Assert.Equal(["[true,1]"], _h.Call(id, "f").Returns);
    }

    [Fact]
    public void A_require_cycle_sees_the_partial_exports()
    {
        var id = DeployBundle(new()
        {
            ["main.js"] = "const a = require('./a'); class C { f() { return [a.seenFromB, a.done]; } } module.exports = C;",
            ["a.js"] = "exports.early = 1; const b = require('./b'); exports.seenFromB = b.sawA; exports.done = true;",
            ["b.js"] = "const a = require('./a'); exports.sawA = JSON.stringify(a);",
        }, "main.js", ("f", 0));

        Assert.Equal(["""["{\"early\":1}",true]"""], _h.Call(id, "f").Returns);
    }

    [Fact]
    public void Requiring_anything_outside_the_bundle_fails_clearly()
    {
        var receipt = _h.Run("try { require('fs'); } catch (e) { return e.message; }");

        Assert.Contains("cannot find module 'fs'", receipt.Returns[0]);
    }

    [Fact]
    public void An_error_in_a_module_names_that_module()
    {
        var id = DeployBundle(new()
        {
            ["main.js"] = "const lib = require('./lib'); class C { f() { return lib.boom(); } } module.exports = C;",
            ["lib.js"] = "exports.boom = () => {\n  throw new Error('from lib');\n};",
        }, "main.js", ("f", 0));

        Assert.Equal("Error: from lib (lib.js:2:3)", _h.Call(id, "f").Status.Message);
    }

    [Fact]
    public void A_bundle_whose_entry_is_missing_is_refused()
    {
        var receipt = _h.DeployReceipt(ContractSource.Bundle(new Dictionary<string, string> { ["a.js"] = "" }, "main.js"), ContractHarness.AbiOf());

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("'main.js' is not among the files", receipt.Status.Message);
    }
}
