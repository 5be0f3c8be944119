using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Genesis;
using ActorVm.Host.Config;

namespace ActorVm.Host.Node;

/// <summary>The genesis a node's configuration names (chain:genesis): its folder, its configuration and the transaction block 0 holds.</summary>
internal sealed record NodeGenesis(string Folder, GenesisConfig Config, Transaction Transaction)
{
    /// <summary>
    /// Reads the genesis folder: genesis.yml (or genesis.json) with IOST's keys, else IOST's local node
    /// configuration; the contracts from its contract/ folder, or the folder itself. Null when none is named.
    /// </summary>
    public static NodeGenesis? From(ChainOptions chain)
    {
        if (chain.Genesis.Length == 0) return null;
        var folder = Path.GetFullPath(chain.Genesis);
        if (!Directory.Exists(folder)) throw new ConfigurationException($"chain:genesis {folder} is not a folder");
        try
        {
            var config = GenesisConfig.Load(folder) ?? GenesisConfig.IostLocal;
            var contracts = GenesisContracts.Load(folder);
            return new NodeGenesis(folder, config, GenesisTransaction.Build(config, contracts, chain.Id));
        }
        catch (Exception e) when (e is FormatException or IOException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"chain:genesis {folder}: {e.Message}");
        }
    }
}
