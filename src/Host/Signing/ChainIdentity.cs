using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Config;
using ActorVm.Storage.State;

namespace ActorVm.Host.Signing;

/// <summary>
/// The settings that decide what a chain's blocks hold (chain id, mode with its dev key, configured
/// accounts, the gas cap), kept in the data directory when the chain starts: a node started on the
/// same data with other ones would compute other receipts, so it refuses to start and says which.
/// </summary>
public static class ChainIdentity
{
    private const string Key = "chain-identity";

    /// <param name="genesis">The genesis transaction's hash, or null for a chain without a genesis block.</param>
    public static void Check(StateDb db, ChainRules rules, long maxTxGas, string? genesis = null)
    {
        var identity = JsonSerializer.Serialize(new SortedDictionary<string, string>
        {
            ["chainId"] = rules.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mode"] = rules.IsDevelopment ? $"dev ({rules.DevKey})" : "production",
            ["accounts"] = string.Join(",", rules.GenesisKeys.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}:{a.Value}")),
            ["maxTxGas"] = maxTxGas.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["genesis"] = genesis ?? "none",
        });
        switch (db.ReadMeta(Key))
        {
            case null:
                db.WriteMeta(Key, identity);
                break;
            case var kept when kept != identity:
                var keptFields = JsonSerializer.Deserialize<SortedDictionary<string, string>>(kept)!;
                var given = JsonSerializer.Deserialize<SortedDictionary<string, string>>(identity)!;
                var differences = given.Where(g => keptFields.GetValueOrDefault(g.Key) != g.Value)
                    .Select(g => $"{g.Key} is {keptFields.GetValueOrDefault(g.Key) ?? "unset"} there, {g.Value} now");
                throw new ConfigurationException(
                    $"this data directory holds a chain made with other settings ({string.Join("; ", differences)}): start it with the same node:mode, chain:id, chain:accounts, chain:genesis and limits:maxTxGas");
        }
    }
}
