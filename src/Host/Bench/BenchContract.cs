using System.Text;

namespace ActorVm.Host.Bench;

/// <summary>The contracts the benchmark runs; bench/ceiling/token.js runs the same token class on plain Node.js.</summary>
internal static class BenchContract
{
    public const string Token = """
        class Token {
          init() {}
          mint(to, amount) { storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount)); }
          transfer(from, to, amount) {
            if (!blockchain.requireAuth(from, 'transfer')) throw new Error('not authorised');
            const balance = Number(storage.get('b_' + from) || '0');
            if (balance < amount) throw new Error('balance not enough');
            storage.put('b_' + from, String(balance - amount));
            storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount));
          }
          balanceOf(who) { return storage.get('b_' + who) || '0'; }
          empty() {}
        }
        module.exports = Token;
        """;

    public const string TokenAbi = """
        {"lang":"javascript","version":"1.0.0","abi":[
          {"name":"mint","args":["string","number"]},{"name":"transfer","args":["string","string","number"]},
          {"name":"balanceOf","args":["string"]},{"name":"empty","args":[]}]}
        """;

    public static string Account(int i) => $"acct{i}";

    /// <summary>A 300-line token-like contract; the salt makes every deploy a cold one.</summary>
    public static (string Code, string Abi) ThreeHundredLines(int salt)
    {
        var code = new StringBuilder($"// build {salt}\nclass Big {{\n  first() {{ return 'first'; }}\n");
        var methods = new List<string> { """{"name":"first","args":[]}""" };
        for (var i = 0; code.ToString().Split('\n').Length < 294; i++)
        {
            code.Append($"  method{i}(to, amount) {{\n");
            code.Append("    const balance = new Int64(storage.get('b_' + to) || '0');\n");
            code.Append($"    if (amount <= 0) throw new Error('amount must be positive in method{i}');\n");
            code.Append("    storage.put('b_' + to, balance.plus(amount).toString());\n");
            code.Append($"    blockchain.event(JSON.stringify({{ method: {i}, to, amount }}));\n");
            code.Append("    return balance.toString();\n  }\n");
            methods.Add($$"""{"name":"method{{i}}","args":["string","number"]}""");
        }
        code.Append("}\nmodule.exports = Big;\n");
        return (code.ToString(), $$"""{"lang":"javascript","version":"1.0.0","abi":[{{string.Join(",", methods)}}]}""");
    }
}
