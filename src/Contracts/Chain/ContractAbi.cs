using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorVm.Contracts.Chain;

public sealed record AbiMethod(string Name, IReadOnlyList<string> Args)
{
    /// <summary>What a top-level call of the method may take out of accounts, per token (IOST's amountLimit; "*" for any token).</summary>
    public IReadOnlyList<AmountLimit> AmountLimit { get; init; } = [];
}

/// <summary>Thrown for an ABI or call arguments that do not follow docs/contract-api.md; the message names the culprit.</summary>
public sealed class AbiException(string message) : Exception(message);

/// <summary>A contract's ABI: which methods may be called from outside, with which argument types.</summary>
public sealed partial class ContractAbi
{
    private static readonly HashSet<string> ArgTypes = ["string", "number", "bool", "json"];
    private readonly Dictionary<string, AbiMethod> _methods;

    private ContractAbi(Dictionary<string, AbiMethod> methods) => _methods = methods;

    public IReadOnlyCollection<AbiMethod> Methods => _methods.Values;

    public static ContractAbi Parse(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new AbiException($"abi is not valid JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("abi", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new AbiException("abi must be an object with an array \"abi\"");
        if (root.TryGetProperty("lang", out var lang) && (lang.ValueKind != JsonValueKind.String || lang.GetString() != "javascript"))
            throw new AbiException("abi lang must be \"javascript\"");

        var methods = new Dictionary<string, AbiMethod>();
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                throw new AbiException("every abi entry needs a string \"name\"");
            var name = n.GetString()!;
            if (!NamePattern().IsMatch(name))
                throw new AbiException($"abi name '{name}' must be 1-32 characters of [A-Za-z0-9_], not starting with '_'");
            if (name == "init")
                throw new AbiException("abi must not list 'init': it runs only at deploy");
            var args = new List<string>();
            if (entry.TryGetProperty("args", out var a))
            {
                if (a.ValueKind != JsonValueKind.Array)
                    throw new AbiException($"abi method '{name}': args must be an array");
                foreach (var t in a.EnumerateArray())
                {
                    var type = t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                    if (!ArgTypes.Contains(type))
                        throw new AbiException($"abi method '{name}': argument type '{t}' is not one of string, number, bool, json");
                    args.Add(type);
                }
            }
            if (!methods.TryAdd(name, new AbiMethod(name, args) { AmountLimit = AmountLimits(entry, name) }))
                throw new AbiException($"abi lists method '{name}' twice");
        }
        return new ContractAbi(methods);
    }

    /// <summary>The method's entry, or null when it is not in the ABI.</summary>
    public AbiMethod? Method(string name) => _methods.GetValueOrDefault(name);

    /// <summary>IOST's "amountLimit": [{"token", "val"}], each value a decimal or "unlimited".</summary>
    private static IReadOnlyList<AmountLimit> AmountLimits(JsonElement entry, string method)
    {
        if (!entry.TryGetProperty("amountLimit", out var list) || list.ValueKind == JsonValueKind.Null) return [];
        if (list.ValueKind != JsonValueKind.Array) throw new AbiException($"abi method '{method}': amountLimit must be an array of {{token, val}}");
        var limits = new List<AmountLimit>();
        foreach (var item in list.EnumerateArray())
        {
            string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text("token") is not { Length: > 0 } token || Text("val") is not { } value || Accounts.AmountLimits.Parse(value) is null)
                throw new AbiException($"abi method '{method}': each amountLimit needs a token and a val (a decimal or \"unlimited\")");
            limits.Add(new AmountLimit(token, value));
        }
        return limits;
    }

    /// <summary>Checks a call's JSON array of arguments against the method's ABI entry.</summary>
    public void CheckCall(string method, string dataJson)
    {
        if (!_methods.ContainsKey(method)) throw new AbiException($"method '{method}' is not in the contract's abi");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(dataJson);
        }
        catch (JsonException e)
        {
            throw new AbiException($"data is not valid JSON: {e.Message}");
        }
        using var owned = document;
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new AbiException("data must be a JSON array of the arguments");
        CheckCall(method, document.RootElement.EnumerateArray().ToList());
    }

    /// <summary>The same check on arguments parsed already (a transaction's action parses its data once).</summary>
    public void CheckCall(string method, IReadOnlyList<JsonElement> arguments)
    {
        if (!_methods.TryGetValue(method, out var entry))
            throw new AbiException($"method '{method}' is not in the contract's abi");
        if (arguments.Count != entry.Args.Count)
            throw new AbiException($"method '{method}' takes {entry.Args.Count} arguments, got {arguments.Count}");
        for (var i = 0; i < arguments.Count; i++)
        {
            var (value, type) = (arguments[i], entry.Args[i]);
            var ok = type switch
            {
                "string" => value.ValueKind == JsonValueKind.String,
                "number" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                _ => true,
            };
            if (!ok)
                throw new AbiException($"method '{method}': argument {i + 1} must be {(type == "number" ? "an integer in int64 range" : "a " + type)}, got {value.GetRawText()}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_]{0,31}$")]
    private static partial Regex NamePattern();
}
