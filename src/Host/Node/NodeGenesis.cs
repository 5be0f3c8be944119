using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Genesis;
using ActorVm.Host.Config;

namespace ActorVm.Host.Node;

/// <summary>The genesis a node's configuration names (chain:genesis): its folder, its configuration and the transaction block 0 holds.</summary>
internal sealed record NodeGenesis(string Folder, GenesisConfig Config, Transaction Transaction)
{
    /// <summary>
    /// The embedded dev genesis, none, or a genesis folder: genesis.yml (or genesis.json) with IOST's
    /// keys, else IOST's local node configuration, and the contracts from its contract/ folder or the folder itself.
    /// </summary>
    public static NodeGenesis? From(ChainOptions chain, bool development)
    {
        switch (chain.Genesis.Length == 0 ? (development ? ChainOptions.DevGenesis : ChainOptions.NoGenesis) : chain.Genesis)
        {
            case ChainOptions.NoGenesis:
                return null;
            case ChainOptions.DevGenesis when !development:
                throw new ConfigurationException("chain:genesis dev gives admin IOST's public dev key: it is for dev mode only");
            case ChainOptions.DevGenesis:
                return new NodeGenesis("the embedded dev genesis", GenesisConfig.IostLocal, DevGenesis.Build(GenesisConfig.IostLocal, chain.Id));
        }
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
