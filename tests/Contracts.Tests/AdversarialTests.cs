using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>Contracts that try to escape, hang or crash the host. Each ends with the right status; the host lives on.</summary>
public sealed class AdversarialTests : IDisposable
{
    private readonly ContractHarness _h = new(new ExecutionLimits(TimeSpan.FromMilliseconds(300), 64L * 1024 * 1024));
    private const long Plenty = long.MaxValue / 4;

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) { try { throw 1; } catch (e) {} }")]
    [InlineData("try { while (true) {} } catch (e) {} finally { while (true) {} }")]
    [InlineData("do {} while (true);")]
    public void An_endless_loop_times_out(string body)
    {
        Assert.Equal(StatusCode.Timeout, _h.Run(body, gasLimit: Plenty).Status.Code);
    }

    [Fact]
    public void An_asm_js_module_runs_as_plain_metered_javascript()
    {
        const string body = "function M() { 'use asm'; function f(x) { x = x | 0; return (x + 1) | 0; } return { f: f }; } return M().f(41);";

        var once = _h.Run(body);
        var loop = _h.Run(body.Replace("return M().f(41);", "let r = 0; for (let i = 0; i < 100; i++) r = M().f(41); return r;"));

        Assert.Equal(["42"], once.Returns);
        Assert.Equal(["42"], loop.Returns);
        Assert.True(loop.GasUsed > once.GasUsed, "calls into the asm.js module are charged like any other code");
    }

    [Fact]
    public void Mutual_recursion_is_a_runtime_error()
    {
        var receipt = _h.Run("function a(n) { return b(n + 1); } function b(n) { return a(n + 1); } return a(0);", gasLimit: Plenty);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
    }

    [Theory]
    [InlineData("const a = []; for (;;) a.push(new Array(1000).fill(1));")]
    [InlineData("let s = 'x'; for (;;) s = s + s + 'y';")]
    [InlineData("const m = new Map(); for (let i = 0; ; i++) m.set(i, {i});")]
    public void Growing_memory_without_end_is_stopped_and_the_engine_is_replaced(string body)
    {
        using var h = new ContractHarness(new ExecutionLimits(TimeSpan.FromSeconds(20), 32L * 1024 * 1024));

        var receipt = h.Run(body, gasLimit: Plenty);

        Assert.Contains(receipt.Status.Code, new[] { StatusCode.OutOfMemory, StatusCode.RuntimeError });
    }

    [Fact]
    public void Traps_on_values_passed_to_host_functions_never_run()
    {
        var receipt = _h.Run("""
            let ran = false;
            const trap = { toString() { ran = true; return 'k'; }, valueOf() { ran = true; return 1; } };
            const getter = Object.defineProperty({}, 'length', { get() { ran = true; return 1; } });
            const results = [];
            for (const v of [trap, getter, new Proxy({}, { get() { ran = true; } })]) {
              try { storage.put('k', v); } catch (e) { results.push(e.message); }
              try { storage.put(v, 'v'); } catch (e) { results.push(e.message); }
            }
            return [ran, results.length];
            """);

        Assert.Equal(["[false,6]"], receipt.Returns);
    }

    [Fact]
    public void A_circular_return_value_is_a_runtime_error()
    {
        var receipt = _h.Run("const o = {}; o.self = o; return o;");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("circular", receipt.Status.Message);
    }

    [Fact]
    public void A_huge_return_value_is_an_error()
    {
        var receipt = _h.Run("return new Array(100000).fill('abcdefgh');", gasLimit: Plenty);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
    }

    [Fact]
    public void Prototype_pollution_is_refused_and_reaches_no_later_call()
    {
        var id = _h.DeployClass("""
            pollute() { Object.prototype.isAdmin = true; Array.prototype.map = () => 'hijacked'; Function.prototype.call = null; }
            check() { return [({}).isAdmin === undefined, [1].map(x => x + 1)]; }
            """, ("pollute", 0), ("check", 0));

        Assert.Equal(StatusCode.RuntimeError, _h.Call(id, "pollute").Status.Code);

        Assert.Equal(["[true,[2]]"], _h.Call(id, "check").Returns);
    }

    [Fact]
    public void Unicode_and_nul_characters_in_values_round_trip()
    {
        var receipt = _h.Run("storage.put('k', 'héllo\\u0000wörld 🚀'); return storage.get('k');");

        Assert.Equal(["\"héllo\\u0000wörld 🚀\""], receipt.Returns);
    }

    [Fact]
    public void Unicode_and_nul_characters_in_keys_are_refused()
    {
        var receipt = _h.Run("const r = []; for (const k of ['kéy', 'a\\u0000b']) { try { storage.put(k, 'v'); } catch (e) { r.push(e.message); } } return r.length;");

        Assert.Equal(["2"], receipt.Returns);
    }

    [Fact]
    public void Reaching_for_host_internals_finds_nothing()
    {
        var receipt = _h.Run("""
            const f = function () { return typeof f.caller; };
            return [typeof globalThis['__' + 'avm'], typeof globalThis.host, Object.getOwnPropertyNames(globalThis).filter(n => n.startsWith('__')).length,
                    (() => { try { return (function () {}).constructor('return this')(); } catch (e) { return 'blocked'; } })()];
            """);

        Assert.Equal(["""["undefined","undefined",0,"blocked"]"""], receipt.Returns);
    }

    [Fact]
    public void After_every_attack_the_same_engine_serves_a_normal_call()
    {
        _h.Run("while (true) {}", gasLimit: Plenty);
        _h.Run("throw { toString() { for (;;) {} } };");
        _h.Run("const r = (n) => r(n + 1); r(0);", gasLimit: Plenty);

        Assert.Equal(["\"fine\""], _h.Run("return 'fine';").Returns);
    }
}
