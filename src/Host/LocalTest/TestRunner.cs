using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Host.LocalTest;

/// <summary>
/// Runs contract test files: Node.js runs the tests (harness.js: test, expect, chain), and every chain
/// request comes back here, where a <see cref="LocalChain"/> runs it in the node's own engine.
/// </summary>
internal static class TestRunner
{
    private const char Mark = '\u0001';

    /// <summary>The test files' exit code: 0 when every test passed (and there was one), else 1.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> files, TextWriter output, TextWriter errors)
    {
        var harness = Path.Combine(Directory.CreateTempSubdirectory("actorvm-test-").FullName, "harness.js");
        await using (var embedded = Assembly.GetExecutingAssembly().GetManifestResourceStream("ActorVm.Host.LocalTest.harness.js")!)
        await using (var file = File.Create(harness))
            await embedded.CopyToAsync(file);
        var info = new ProcessStartInfo("node", [harness, .. files]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        Process node;
        try
        {
            node = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            throw new Cli.CliException("actorvm test runs the test files with Node.js, and `node` is not on the PATH (apt-get install nodejs)");
        }
        using var chain = new LocalChain();
        using (node)
        {
            var forwardErrors = Task.Run(async () =>
            {
                while (await node.StandardError.ReadLineAsync() is { } line) errors.WriteLine(line);
            });
            while (await node.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Length == 0 || line[0] != Mark)
                {
                    output.WriteLine(line);
                    continue;
                }
                await node.StandardInput.WriteLineAsync(Answer(chain, line[1..]));
                await node.StandardInput.FlushAsync();
            }
            await node.WaitForExitAsync();
            await forwardErrors;
            Directory.Delete(Path.GetDirectoryName(harness)!, recursive: true);
            return node.ExitCode == 0 ? 0 : 1;
        }
    }

    /// <summary>One request's answer line: {"result": …} or {"error": "…"}.</summary>
    private static string Answer(LocalChain chain, string requestJson)
    {
        try
        {
            var request = JsonNode.Parse(requestJson)!.AsObject();
            return new JsonObject { ["result"] = Handle(chain, request) }.ToJsonString();
        }
        catch (Exception e) when (e is ContractCompileException or IOException or JsonException or InvalidOperationException or ArgumentException
            or UnauthorizedAccessException or Cli.CliException)
        {
            return new JsonObject { ["error"] = e.Message }.ToJsonString();
        }
    }

    private static JsonNode? Handle(LocalChain chain, JsonObject r)
    {
        string Text(string name) => r[name]?.GetValue<string>() ?? throw new ArgumentException($"{name} is required");
        long Gas() => r["gasLimit"]?.GetValue<long>() ?? LocalChain.DefaultGasLimit;
        switch (Text("op"))
        {
            case "reset":
                chain.Reset();
                return null;
            case "deploy":
                var (code, abi) = ContractFiles.Read(Text("path"), r["abi"]?.GetValue<string>(), r["entry"]?.GetValue<string>(), chain.GenerateAbi);
                return Json(chain.Deploy(Text("as"), code, abi, Gas()));
            case "call":
                var signers = r["signers"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];
                return Json(chain.Send(Text("as"), signers, Gas(), new TxAction(Text("contract"), Text("method"), Text("args"))));
            case "query":
                return Json(chain.Query(Text("as"), Gas(), new TxAction(Text("contract"), Text("method"), Text("args"))));
            case "storage":
                return chain.Storage(Text("contract"), Text("key"), r["field"]?.GetValue<string>());
            case "account":
                return chain.Account(Text("name"));
            case "balance":
                return chain.Balance(Text("token"), Text("account"));
            case "advance":
                chain.Advance(TimeSpan.FromSeconds(r["seconds"]?.GetValue<double>() ?? 0));
                return null;
            case "height":
                return chain.Height;
            case var other:
                throw new ArgumentException($"unknown request {other}");
        }
    }

    private static JsonNode Json(Receipt receipt) => JsonNode.Parse(ChainJson.Serialize(receipt))!;
}
