using System.Diagnostics;

namespace ActorVm.EndToEnd;

/// <summary>The actorvm CLI's client commands against a real node, as a user runs them.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("actorvm-e2e-").FullName;
    private readonly string _work = Directory.CreateTempSubdirectory("actorvm-cli-").FullName;
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> Cli(params string[] args)
    {
        var executable = ActorVmCommand.Executable;
        var info = new ProcessStartInfo(executable, [.. args, "--url", _node.BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task A_folder_is_deployed_then_called_queried_and_its_receipt_and_status_shown()
    {
        Directory.CreateDirectory(Path.Combine(_work, "contract", "lib"));
        await File.WriteAllTextAsync(Path.Combine(_work, "contract", "index.js"),
            "const util = require('./lib/util'); class G { greet(n) { return util.hello(n); } } module.exports = G;");
        await File.WriteAllTextAsync(Path.Combine(_work, "contract", "lib", "util.js"), "exports.hello = (n) => 'hello, ' + n;");
        var abi = Path.Combine(_work, "abi.json");
        await File.WriteAllTextAsync(abi, """{"lang":"javascript","version":"1.0.0","abi":[{"name":"greet","args":["string"]}]}""");

        var (deployCode, deployed) = await Cli("deploy", Path.Combine(_work, "contract"), "--abi", abi);
        var id = deployed.Split('\n')[0].Split(' ')[1];
        var (callCode, called) = await Cli("call", id, "greet", """["cli"]""");
        var hash = called.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var (queryCode, queried) = await Cli("query", id, "greet", """["query"]""");
        var (receiptCode, receipt) = await Cli("receipt", hash);
        var (statusCode, status) = await Cli("status");

        Assert.Equal(0, deployCode);
        Assert.StartsWith("Contract", id);
        Assert.Equal(0, callCode);
        Assert.Contains("returns  \"hello, cli\"", called);
        Assert.Equal(0, queryCode);
        Assert.Contains("\"hello, query\"", queried);
        Assert.Equal(0, receiptCode);
        Assert.Contains("status   0 SUCCESS", receipt);
        Assert.Equal(0, statusCode);
        Assert.Contains("height", status);
    }

    [Fact]
    public async Task A_failed_transaction_exits_with_code_2_and_says_why()
    {
        var (code, output) = await Cli("call", "ContractMissing", "f", "[]");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", output);
    }
}
