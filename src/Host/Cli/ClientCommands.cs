using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.Host.Cli;

/// <summary>The commands that talk to a running node: status, deploy, call, query and receipt.</summary>
internal static class ClientCommands
{
    internal static readonly Option<string> Url = new("--url") { Description = "the node's address (default $ACTORVM_URL or http://127.0.0.1:30080)", DefaultValueFactory = _ => CliInput.UrlDefault() };
    internal static readonly Option<bool> Json = new("--json") { Description = "print the node's JSON answer as it is" };
    private static readonly Option<string?> Publisher = new("--publisher") { Description = "the account that publishes the transaction" };

    public static IEnumerable<Command> Create() =>
        [Status(), Deploy(), Call(), Query(), Receipt(), .. ContractCommands.Create(), .. ChainCommands.Create(), .. AccountCommands.Create(), TxCommands.Create()];

    private static Command Status()
    {
        var command = new Command("status", "Show a node's height, state root, worker pool and queue") { Url, Json };
        command.SetAction((r, _) => Run(r, async client =>
        {
            var s = await client.Get("/v1/status");
            return r.GetValue(Json) ? s.ToJsonString() :
                $"height     {s["height"]}\nstateRoot  {s["stateRoot"]}\npool       {s["pool"]?["size"]} workers ({s["pool"]?["busy"]} busy, bounds {s["pool"]?["lowerBound"]}..{s["pool"]?["upperBound"]})\nqueue      {s["queue"]}";
        }));
        return command;
    }

    private static Command Deploy()
    {
        var path = new Argument<string>("path") { Description = "a .js file, or a folder holding a multi-file contract" };
        var abi = new Option<string>("--abi") { Description = "the ABI file (JSON)", Required = true };
        var entry = new Option<string>("--entry") { Description = "for a folder: the entry file", DefaultValueFactory = _ => "index.js" };
        var command = new Command("deploy", "Deploy a contract and print its id") { path, abi, entry, Publisher, Signing.Account, Signing.Keystore, Url, Json };
        command.SetAction((r, _) => Run(r, async client =>
        {
            var body = new Dictionary<string, object?> { ["abi"] = JsonNode.Parse(ReadFile(r.GetValue(abi)!)), ["publisher"] = r.GetValue(Publisher) };
            var source = r.GetValue(path)!;
            if (Directory.Exists(source))
            {
                body["files"] = Directory.EnumerateFiles(source, "*.js", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(source, f).Replace('\\', '/'), File.ReadAllText);
                body["entry"] = r.GetValue(entry);
            }
            else body["code"] = ReadFile(source);
            if (r.GetValue(Signing.Account) is { } account)
            {
                var receipt = await Signing.SignAndSend(r, client, account, [], null, Api.ContractEndpoints.SetCodeAction(JsonSerializer.SerializeToElement(body)));
                if (r.GetValue(Json)) return CliOutput.ForReceipt(receipt, receipt.ToJsonString());
                if (receipt["status"]?["code"]?.GetValue<int>() != 0) return new CliOutput($"deploy failed\n{Progress.Describe(receipt)}", 2);
                return $"contract {JsonSerializer.Deserialize<string>(receipt["returns"]![0]!.GetValue<string>())}\n{Progress.Describe(receipt)}";
            }
            var answer = await Progress.While("deploying: waiting for the block", client.Post("/v1/contracts", body));
            // A refused deploy exits 2 in every mode, as a failed transaction does.
            var failed = answer["contractId"] is null;
            if (r.GetValue(Json)) return new CliOutput(answer.ToJsonString(), failed ? 2 : 0);
            if (failed) return new CliOutput($"deploy failed: {answer["detail"]}{(answer["receipt"] is { } receipt ? "\n" + Progress.Describe(receipt) : "")}", 2);
            return $"contract {answer["contractId"]}\n{Progress.Describe(answer["receipt"]!)}";
        }));
        return command;
    }

    private static Command Call()
    {
        var (contract, method, args) = CallArguments();
        var signers = new Option<string[]>("--signer") { Description = "an account that signs the transaction (repeatable)" };
        var gas = new Option<long?>("--gas") { Description = "the gas limit" };
        var noWait = new Option<bool>("--no-wait") { Description = "print the hash at once instead of waiting for the receipt" };
        var command = new Command("call", "Call a contract method in a transaction and print its receipt")
            { contract, method, args, Publisher, signers, gas, noWait, Signing.Account, Signing.Keystore, Url, Json };
        command.SetAction((r, _) => Run(r, async client =>
        {
            if (r.GetValue(Signing.Account) is { } account)
            {
                var action = new Contracts.Chain.TxAction(r.GetValue(contract)!, r.GetValue(method)!, CliInput.Arguments(r.GetValue(args)!));
                var signed = await Signing.SignAndSend(r, client, account, r.GetValue(signers) ?? [], r.GetValue(gas), action);
                return CliOutput.ForReceipt(signed, r.GetValue(Json) ? signed.ToJsonString() : Progress.Describe(signed));
            }
            var body = new
            {
                publisher = r.GetValue(Publisher), signers = r.GetValue(signers), gasLimit = r.GetValue(gas),
                actions = new[] { new { contract = r.GetValue(contract), actionName = r.GetValue(method), data = CliInput.Arguments(r.GetValue(args)!) } },
            };
            if (r.GetValue(noWait))
            {
                var accepted = await client.Post("/v1/transactions", body);
                return r.GetValue(Json) ? accepted.ToJsonString() : $"tx {accepted["txHash"]} accepted";
            }
            var receipt = await Progress.While("waiting for the block", client.Post("/v1/transactions?wait=true", body));
            return CliOutput.ForReceipt(receipt, r.GetValue(Json) ? receipt.ToJsonString() : Progress.Describe(receipt));
        }));
        return command;
    }

    private static Command Query()
    {
        var (contract, method, args) = CallArguments();
        var command = new Command("query", "Call a contract method read-only against the last block") { contract, method, args, Publisher, Url, Json };
        command.SetAction((r, _) => Run(r, async client =>
        {
            var answer = await client.Post("/v1/query", new { contract = r.GetValue(contract), actionName = r.GetValue(method), data = CliInput.Arguments(r.GetValue(args)!), publisher = r.GetValue(Publisher) });
            var logs = (answer["logs"]?.AsArray() ?? []).Select(l => $"log      [{l?["level"]}] {l?["contract"]}: {l?["message"]}");
            if (answer["returns"] is not JsonArray returns)
                return new CliOutput(r.GetValue(Json) ? answer.ToJsonString() : string.Join("\n", logs.Prepend($"query failed: {answer["detail"]}")), 2);
            if (r.GetValue(Json)) return answer.ToJsonString();
            return string.Join("\n", returns.Select(v => $"returns  {v}").Append($"gas      {answer["gasUsed"]}").Append($"height   {answer["height"]}").Concat(logs));
        }));
        return command;
    }

    private static Command Receipt()
    {
        var hash = new Argument<string>("hash") { Description = "the transaction hash" };
        var command = new Command("receipt", "Print a transaction's receipt") { hash, Url, Json };
        command.SetAction((r, _) => Run(r, async client =>
        {
            var receipt = await client.Get($"/v1/transactions/{Uri.EscapeDataString(r.GetValue(hash)!)}/receipt");
            return r.GetValue(Json) ? receipt.ToJsonString() : Progress.Describe(receipt);
        }));
        return command;
    }

    private static (Argument<string> Contract, Argument<string> Method, Argument<string> Args) CallArguments() =>
        (new Argument<string>("contract") { Description = "the contract id" },
         new Argument<string>("method") { Description = "the ABI method" },
         new Argument<string>("args") { Description = "the arguments as a JSON array; @FILE reads them from a file, - from standard input", DefaultValueFactory = _ => "[]" });

    /// <summary>What a command prints, and its exit code: 2 for a transaction or query that failed.</summary>
    internal readonly record struct CliOutput(string Text, int ExitCode = 0)
    {
        public static implicit operator CliOutput(string text) => new(text);

        public static CliOutput ForReceipt(JsonNode receipt, string text) => new(text, receipt["status"]?["code"]?.GetValue<int>() == 0 ? 0 : 2);
    }

    internal static async Task<int> Run(ParseResult result, Func<NodeClient, Task<CliOutput>> work)
    {
        try
        {
            using var client = new NodeClient(CliInput.NodeAddress(result.GetValue(Url)!));
            var output = await work(client);
            Console.WriteLine(output.Text);
            return output.ExitCode;
        }
        catch (Exception e) when (e is CliException or JsonException or IOException or UriFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"actorvm: {e.Message}");
            return 1;
        }
    }

    internal static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"{path} does not exist");
}
