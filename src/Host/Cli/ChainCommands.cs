using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.Host.Cli;

/// <summary>Reading the chain: state (a stored value), block (a block's header or whole), events (follows the event stream).</summary>
internal static class ChainCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<Command> Create() => [State(), Block(), Events()];

    private static Command State()
    {
        var contract = new Argument<string>("contract") { Description = "the contract id" };
        var key = new Argument<string>("key") { Description = "the storage key (a map's name with --field)" };
        var field = new Option<string?>("--field") { Description = "a field of the map stored under the key" };
        var command = new Command("state", "Print a committed storage value of a contract (null when there is none)") { contract, key, field, ClientCommands.Url, ClientCommands.Json };
        command.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var path = $"/v1/state/{Uri.EscapeDataString(r.GetValue(contract)!)}/{Uri.EscapeDataString(r.GetValue(key)!)}";
            if (r.GetValue(field) is { } f) path += $"?field={Uri.EscapeDataString(f)}";
            var answer = await client.Get(path);
            return r.GetValue(ClientCommands.Json) ? answer.ToJsonString() : answer["value"]?.GetValue<string>() ?? "null";
        }));
        return command;
    }

    private static Command Block()
    {
        var height = new Argument<string>("height") { Description = "a block height, or latest", DefaultValueFactory = _ => "latest" };
        var full = new Option<bool>("--full") { Description = "with its transactions and receipts" };
        var command = new Command("block", "Print a committed block") { height, full, ClientCommands.Url, ClientCommands.Json };
        command.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var which = r.GetValue(height)!;
            if (which != "latest" && !long.TryParse(which, out long _)) throw new CliException($"'{which}' is not a block height or latest");
            var block = await client.Get($"/v1/blocks/{which}{(r.GetValue(full) ? "?full=true" : "")}");
            return r.GetValue(ClientCommands.Json) ? block.ToJsonString() : block.ToJsonString(Indented);
        }));
        return command;
    }

    private static Command Events()
    {
        var contracts = new Option<string[]>("--contract") { Description = "only this contract's events (repeatable)" };
        var topics = new Option<string[]>("--topic") { Description = "event (blockchain.event) or receipt (blockchain.receipt); repeatable" };
        var after = new Option<string?>("--after") { Description = "first the stored events after this event id (as printed), then the live ones" };
        var command = new Command("events", "Follow the node's contract events as their blocks are committed, until Ctrl-C")
            { contracts, topics, after, ClientCommands.Url, ClientCommands.Json };
        command.SetAction((r, stop) => ClientCommands.Run(r, async client =>
        {
            var query = string.Join("&", (r.GetValue(contracts) ?? []).Select(c => $"contract={Uri.EscapeDataString(c)}")
                .Concat((r.GetValue(topics) ?? []).Select(t => $"topic={Uri.EscapeDataString(t)}")));
            using var reader = await client.OpenStream("/v1/events" + (query.Length > 0 ? "?" + query : ""), r.GetValue(after));
            try
            {
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    var e = JsonNode.Parse(line[6..])!;
                    Console.WriteLine(r.GetValue(ClientCommands.Json) ? line[6..]
                        : $"{e["id"]}  {e["topic"],-7}  {e["contract"]}  {e["content"]}");
                }
            }
            catch (OperationCanceledException)
            {
                return "";
            }
            throw new CliException("the node closed the event stream (it stopped, or this client fell too far behind): resume with --after and the last id");
        }));
        return command;
    }
}
