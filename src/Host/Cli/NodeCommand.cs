using System.CommandLine;
using ActorVm.Host.Config;
using ActorVm.Host.Node;

namespace ActorVm.Host.Cli;

/// <summary><c>actorvm node [--port N] [--data DIR] [--config FILE] [--genesis DIR]</c>: runs a node until SIGINT or SIGTERM.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "HTTP port on 127.0.0.1 (default 30080; 0 picks a free one)" };
        var data = new Option<string?>("--data") { Description = "data directory for RocksDB (default ./data)" };
        var config = new Option<string?>("--config") { Description = "configuration file (HOCON .conf, or JSON), over the embedded defaults (hocon/actorvm.conf)" };
        var genesis = new Option<string?>("--genesis") { Description = "block 0 of a new chain: dev (the default in dev mode), none, or a folder with genesis.yml and IOST's genesis contracts" };
        var command = new Command("node", "Run an ActorVm node") { port, data, config, genesis };
        command.SetAction(async (result, stop) =>
        {
            var flags = new Dictionary<string, string?>();
            if (result.GetValue(port) is { } p) flags["node:port"] = p.ToString();
            if (result.GetValue(data) is { } d) flags["node:dataDir"] = d;
            if (result.GetValue(genesis) is { } g) flags["chain:genesis"] = g;
            NodeSettings settings;
            try
            {
                settings = NodeConfiguration.Load(result.GetValue(config), flags, warning => Console.Error.WriteLine($"actorvm: warning: {warning}"));
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine($"actorvm: invalid configuration: {e.Message}");
                return 2;
            }
            return await ActorVmNode.RunAsync(settings, stop);
        });
        return command;
    }
}
