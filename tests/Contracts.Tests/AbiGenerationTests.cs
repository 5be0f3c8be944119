using System.Text.Json;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>`actorvm abi`: the ABI IOST's `iwallet compile` writes, from the exported class and its JSDoc.</summary>
public sealed class AbiGenerationTests
{
    private const string Token = """
        class Token {
          init() {}
          /**
           * Moves an amount.
           * @param {string} to
           * @param {number} amount
           * @param memo {json}
           */
          transfer(to, amount, memo) {}
          // no types given: strings
          hello(name) {}
          _internal(x) {}
          /** @param {bool} on */
          toggle(on) {}
        }
        module.exports = Token;
        """;

    [Fact]
    public void Public_methods_but_init_enter_the_abi_with_their_jsdoc_types()
    {
        var abi = Generate(Token);

        Assert.Equal(["transfer", "hello", "toggle"], abi.GetProperty("abi").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["string", "number", "json"], Args(abi, 0));
        Assert.Equal(["string"], Args(abi, 1));
        Assert.Equal(["bool"], Args(abi, 2));
        Assert.Equal("javascript", abi.GetProperty("lang").GetString());
    }

    [Fact]
    public void A_class_without_init_is_refused_as_iwallet_refuses_it()
    {
        var e = Assert.Throws<ContractCompileException>(() => Generate("class C { f() {} } module.exports = C;"));

        Assert.Contains("no init() method", e.Message);
    }

    [Fact]
    public void An_unknown_parameter_type_is_named()
    {
        var e = Assert.Throws<ContractCompileException>(() => Generate("class C { init() {} /** @param {int} n */ f(n) {} } module.exports = C;"));

        Assert.Contains("'int' is not an ABI type", e.Message);
    }

    [Fact]
    public void A_syntax_error_names_the_file()
    {
        var e = Assert.Throws<ContractCompileException>(() => Generate("class C { init() { } module.exports = C;"));

        Assert.StartsWith("token.js: SyntaxError", e.Message);
    }

    private JsonElement Generate(string source) => JsonDocument.Parse(ContractEngine.GenerateAbi("token.js", source)).RootElement;

    private static IEnumerable<string?> Args(JsonElement abi, int method) =>
        abi.GetProperty("abi")[method].GetProperty("args").EnumerateArray().Select(a => a.GetString());
}
