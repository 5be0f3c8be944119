using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.Contracts.Genesis;

/// <summary>
/// The JavaScript contracts a genesis block deploys, by file name (issue.js, account.js, ...), each
/// with its ABI, as IOST's contract JSON {info, code} that system.iost's initSetCode takes.
/// </summary>
public sealed class GenesisContracts(IReadOnlyDictionary<string, (string Code, string Abi)> files)
{
    /// <summary>go-iost's genesis contracts, in the order its genesis deploys them, with the names they take.</summary>
    public static readonly IReadOnlyList<(string File, string Name)> Iost =
    [
        ("issue.js", "issue.iost"), ("account.js", "auth.iost"), ("bonus.js", "bonus.iost"), ("vote_common.js", "vote.iost"),
        ("vote_producer.js", "vote_producer.iost"), ("base.js", "base.iost"), ("exchange.js", "exchange.iost"), ("ram.js", "ram.iost"),
    ];

    /// <summary>
    /// The contracts of a genesis folder: its contract/ subfolder when it has one (go-iost's layout), else
    /// the folder itself. Every file the genesis deploys must be there with its .abi beside it.
    /// </summary>
    public static GenesisContracts Load(string directory)
    {
        var folder = Directory.Exists(Path.Combine(directory, "contract")) ? Path.Combine(directory, "contract") : directory;
        var files = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (file, _) in Iost)
        {
            var code = Path.Combine(folder, file);
            if (!File.Exists(code) || !File.Exists(code + ".abi"))
                throw new FileNotFoundException($"the genesis folder {folder} has no {file} with its {file}.abi", code);
            files[file] = (File.ReadAllText(code), File.ReadAllText(code + ".abi"));
        }
        return new GenesisContracts(files);
    }

    public bool Has(string file) => files.ContainsKey(file);

    /// <summary>The contract as initSetCode's second argument: {"info": its ABI, "code": its source}.</summary>
    public string ContractJson(string file)
    {
        var (code, abi) = files.TryGetValue(file, out var found) ? found : throw new KeyNotFoundException($"the genesis has no {file}");
        var info = JsonNode.Parse(abi) ?? throw new FormatException($"{file}.abi is not JSON");
        return new JsonObject { ["info"] = info, ["code"] = code }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
