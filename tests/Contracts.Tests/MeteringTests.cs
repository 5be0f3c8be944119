using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// Built-ins pay for the work they do, before they do it: a call that asks for a lot of work with
/// little gas runs out of gas (never into the time limit), and the gas of a call grows with the size
/// of what its built-ins work on.
/// </summary>
public sealed class MeteringTests : IDisposable
{
    // A time limit no metered call comes near: reaching it would mean a built-in went unpaid.
    private readonly ContractHarness _h = new(new ExecutionLimits(TimeSpan.FromSeconds(30), 128L * 1024 * 1024));

    public void Dispose() => _h.Dispose();

    // Each statement's setup fits the gas limit; the work after it would take far longer than its
    // statements are charged (seconds, or more than the heap) if the built-in did not pay per element.
    [Theory]
    [InlineData("'x'.repeat(2 ** 28)")]
    [InlineData("'x'.padStart(2 ** 28)")]
    [InlineData("'x'.padEnd(2 ** 28, 'yz')")]
    [InlineData("new Array(10 ** 7).fill(1)")]
    [InlineData("new Array(10 ** 7).join('abc')")]
    [InlineData("Array.from({ length: 10 ** 8 })")]
    [InlineData("const a = new Array(20000).fill(3); for (;;) a.slice().sort((x, y) => x - y)")]
    [InlineData("const a = new Array(20000).fill('k'); for (;;) a.slice().sort()")]
    [InlineData("const a = new Array(20000).fill(1); for (;;) a.concat(a, a, a)")]
    [InlineData("const a = new Array(20000).fill(1); for (;;) a.splice(0, 1, 2)")]
    [InlineData("const a = new Array(20000).fill(1); for (;;) [...a, ...a]")]
    [InlineData("const a = new Array(20000).fill(1); for (;;) a.map((x) => x).filter(Boolean).reverse()")]
    [InlineData("const a = new Array(20000).fill('ab'); for (;;) a.join('-')")]
    [InlineData("'ab'.repeat(10 ** 5).split('')")]
    [InlineData("const s = '-'.repeat(10 ** 4); for (;;) s.replaceAll('-', 'xyz')")]
    [InlineData("const a = new Array(10000).fill('some text'); for (;;) JSON.stringify(a)")]
    [InlineData("const t = '[' + '1,'.repeat(10000) + '1]'; for (;;) JSON.parse(t)")]
    [InlineData("let a = [1]; for (let i = 0; i < 40; i++) a = [a, a]; JSON.stringify(a)")]
    [InlineData("const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = i; for (;;) Object.keys(o)")]
    [InlineData("const a = new Array(10000).fill(0).map((x, i) => i); for (;;) new Set(a)")]
    [InlineData("const a = 'x'.repeat(10 ** 5), b = 'x'.repeat(10 ** 5); for (;;) a === b")]
    [InlineData("const a = 'x'.repeat(10 ** 5), b = 'x'.repeat(10 ** 5) + 'y'; for (;;) { switch (a) { case b: break; default: } }")]
    [InlineData("new BigNumber('9'.repeat(20000)).times('9'.repeat(20000))")]
    [InlineData("BigNumber.config({ POW_PRECISION: 0 }); new BigNumber(3).pow(10 ** 6)")]
    [InlineData("BigNumber.config({ DECIMAL_PLACES: 10 ** 8 }); new BigNumber(1).div(3)")]
    [InlineData("new BigNumber('1e9999999').toFixed()")]
    public void A_large_built_in_call_runs_out_of_gas_before_doing_its_work(string statement)
    {
        var receipt = _h.Run($"{statement};", gasLimit: 400_000);

        Assert.True(receipt.Status.Code == StatusCode.GasRunOut, $"{receipt.Status.Code}: {receipt.Status.Message}");
    }

    [Theory]
    [InlineData("const a = new Array(SIZE).fill(7); a.sort();")]
    [InlineData("'x'.repeat(SIZE);")]
    [InlineData("new Array(SIZE).fill('ab').join(',');")]
    [InlineData("JSON.stringify(new Array(SIZE).fill({ a: 1 }));")]
    [InlineData("Object.keys(Object.fromEntries(new Array(SIZE).fill(0).map((x, i) => ['k' + i, i])));")]
    public void Gas_grows_with_the_size_of_the_input(string body)
    {
        var small = _h.Run(body.Replace("SIZE", "100"), gasLimit: 100_000_000);
        var large = _h.Run(body.Replace("SIZE", "100000"), gasLimit: 100_000_000);

        Assert.Equal(StatusCode.Success, small.Status.Code);
        Assert.Equal(StatusCode.Success, large.Status.Code);
        Assert.True(large.GasUsed > 50 * small.GasUsed, $"{small.GasUsed} gas for 100, {large.GasUsed} for 100000");
    }

    [Fact]
    public void Deep_recursion_ends_at_the_call_depth_limit_with_the_same_gas_every_time()
    {
        const string body = "const r = (n) => r(n + 1) + 1; return r(0);";

        var first = _h.Run(body, gasLimit: 10_000_000);
        var second = _h.Run(body, gasLimit: 10_000_000);

        Assert.Equal(StatusCode.RuntimeError, first.Status.Code);
        Assert.Contains("Maximum call depth exceeded", first.Status.Message);
        Assert.Equal(first.GasUsed, second.GasUsed);
    }

    [Fact]
    public void Exceeding_the_call_depth_ends_the_call_even_inside_a_try()
    {
        var receipt = _h.Run("const r = (n) => r(n + 1); try { r(1); } catch (e) { return 'caught'; } finally { return 'finally'; }",
            gasLimit: 10_000_000);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("Maximum call depth exceeded", receipt.Status.Message);
    }

    [Fact]
    public void A_context_whose_call_exceeded_the_depth_serves_the_next_call_normally()
    {
        var id = _h.DeployClass("deep() { const r = (n) => r(n + 1); r(0); } ok() { return [1, 2].map((x) => x * 2); }", ("deep", 0), ("ok", 0));

        var deep = _h.Call(id, "deep", gasLimit: 10_000_000);
        var ok = _h.Call(id, "ok");

        Assert.Equal(StatusCode.RuntimeError, deep.Status.Code);
        Assert.Equal(["[2,4]"], ok.Returns);
    }

    [Fact]
    public void Recursion_through_built_ins_counts_toward_the_depth_limit()
    {
        var receipt = _h.Run("let a = []; for (let i = 0; i < 100000; i++) a = [a]; return String(a).length;", gasLimit: 100_000_000);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("Maximum call depth exceeded", receipt.Status.Message);
    }

    [Fact]
    public void Spreading_too_many_arguments_is_refused_deterministically()
    {
        var receipt = _h.Run("return Math.max(...new Array(20000).fill(1));", gasLimit: 10_000_000);

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("too many arguments", receipt.Status.Message);
    }

    [Theory]
    [InlineData("new ArrayBuffer(8)")]
    [InlineData("new Uint8Array(8)")]
    [InlineData("new DataView(null)")]
    [InlineData("BigInt(1)")]
    public void Memory_outside_the_heap_and_big_integers_are_not_available(string expression)
    {
        var receipt = _h.Run($"return {expression};");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("is not defined", receipt.Status.Message);
    }

    [Fact]
    public void BigInt_literals_do_not_compile()
    {
        var receipt = _h.DeployReceipt("class C { f() { return 2n ** 64n; } } module.exports = C;", ContractHarness.AbiOf(("f", 0)));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("BigInt is not available", receipt.Status.Message);
    }

    [Fact]
    public void A_function_declaring_too_many_names_does_not_compile()
    {
        var names = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"v{i}"));
        var receipt = _h.DeployReceipt($"class C {{ f() {{ let {names}; }} }} module.exports = C;", ContractHarness.AbiOf(("f", 0)));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("at most 4096 names", receipt.Status.Message);
    }

    [Fact]
    public void Metered_built_ins_keep_their_results()
    {
        var receipt = _h.Run("""
            const m = new Map([[1, 'a']]);
            return [[3, 1, 2].sort(), 'ab'.repeat(2), [1, [2, [3]]].flat(2), JSON.stringify({ b: [1, 'x'], a: null }, null, 1),
              JSON.stringify({ a: 1, b: 2 }, ['b']), JSON.parse('{"x":[1]}', (k, v) => (k === 'x' ? v.length : v)),
              'a-b-c'.replaceAll('-', '+'), [...'héllo'].length, m.get(1), new Set([1, 1, 2]).size, Object.entries({ k: 1 }),
              Math.max.apply(null, [1, 5, 2]), new BigNumber('1.5').times(2).toFixed(), String([1, [2, 3]])];
            """);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("""[[1,2,3],"abab",[1,2,3],"{\n \"b\": [\n  1,\n  \"x\"\n ],\n \"a\": null\n}","{\"b\":2}",{"x":1},"a+b+c",5,"a",2,[["k",1]],5,"3","1,2,3"]""",
            receipt.Returns[0]);
    }
}
