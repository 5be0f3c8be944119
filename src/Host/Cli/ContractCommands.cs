using System.CommandLine;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Host.Cli;

/// <summary>update (system.updateCode of a deployed contract) and abi (the ABI iwallet compile would write).</summary>
internal static class ContractCommands
{
    public static IEnumerable<Command> Create() => [Update(), Abi()];

    private static Command Update()
    {
        var contract = new Argument<string>("contract") { Description = "the deployed contract's id" };
        var path = new Argument<string>("path") { Description = "the new code: a .js file, or a folder holding a multi-file contract" };
        var abi = new Option<string>("--abi") { Description = "the new ABI file (JSON)", Required = true };
        var entry = new Option<string>("--entry") { Description = "for a folder: the entry file", DefaultValueFactory = _ => "index.js" };
        var data = new Option<string>("--data") { Description = "what the contract's can_update(data) is given", DefaultValueFactory = _ => "" };
        var publisher = new Option<string?>("--publisher") { Description = "the account that publishes the transaction (the contract's owner)" };
        var command = new Command("update", "Replace a deployed contract's code and ABI (allowed when its can_update(data) returns true)")
            { contract, path, abi, entry, data, publisher, Signing.Account, Signing.Keystore, ClientCommands.Url, ClientCommands.Json };
        command.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var abiText = ClientCommands.ReadFile(r.GetValue(abi)!);
            CheckJson(abiText, r.GetValue(abi)!);
            var action = new TxAction("system", "updateCode",
                JsonSerializer.Serialize(new[] { r.GetValue(contract)!, Code(r.GetValue(path)!, r.GetValue(entry)!), abiText, r.GetValue(data)! }));
            var receipt = r.GetValue(Signing.Account) is { } account
                ? await Signing.SignAndSend(r, client, account, [], null, action)
                : await Progress.While("updating: waiting for the block", client.Post("/v1/transactions?wait=true", new
                {
                    publisher = r.GetValue(publisher),
                    actions = new[] { new { contract = action.Contract, actionName = action.ActionName, data = action.Data } },
                }));
            return ClientCommands.CliOutput.ForReceipt(receipt, r.GetValue(ClientCommands.Json) ? receipt.ToJsonString() : Progress.Describe(receipt));
        }));
        return command;
    }

    private static Command Abi()
    {
        var path = new Argument<string>("file") { Description = "the contract's .js file (its exported class)" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the ABI (default: FILE.abi beside it; - prints it)" };
        var command = new Command("abi", "Generate a contract's ABI from its exported class and JSDoc @param types, as iwallet compile does") { path, output };
        command.SetAction(r =>
        {
            try
            {
                var file = r.GetValue(path)!;
                var abi = ContractEngine.GenerateAbi(Path.GetFileName(file), ClientCommands.ReadFile(file));
                var target = r.GetValue(output) ?? file + ".abi";
                if (target == "-") Console.WriteLine(abi);
                else
                {
                    File.WriteAllText(target, abi + "\n");
                    Console.WriteLine($"abi written to {target}");
                }
                return 0;
            }
            catch (Exception e) when (e is CliException or ContractCompileException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"actorvm: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>One file's source, or a folder's .js files bundled under their paths with the entry named.</summary>
    private static string Code(string path, string entry)
    {
        if (!Directory.Exists(path)) return ClientCommands.ReadFile(path);
        var sources = Directory.EnumerateFiles(path, "*.js", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(path, f).Replace('\\', '/'), File.ReadAllText);
        return ContractSource.Bundle(sources, entry);
    }

    private static void CheckJson(string text, string file)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"{file} is not valid JSON: {e.Message}");
        }
    }
}
