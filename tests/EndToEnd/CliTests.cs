namespace ActorVm.EndToEnd;

/// <summary>The actorvm CLI's client commands against a real node, as a user runs them.</summary>
public sealed class CliTests : CliTest
{
    [Fact]
    public async Task A_folder_is_deployed_then_called_queried_and_its_receipt_and_status_shown()
    {
        Directory.CreateDirectory(Path.Combine(Work, "contract", "lib"));
        await File.WriteAllTextAsync(Path.Combine(Work, "contract", "index.js"),
            "const util = require('./lib/util'); class G { greet(n) { return util.hello(n); } } module.exports = G;");
        await File.WriteAllTextAsync(Path.Combine(Work, "contract", "lib", "util.js"), "exports.hello = (n) => 'hello, ' + n;");
        var abi = Path.Combine(Work, "abi.json");
        await File.WriteAllTextAsync(abi, """{"lang":"javascript","version":"1.0.0","abi":[{"name":"greet","args":["string"]}]}""");

        var (deployCode, deployed) = await Cli("deploy", Path.Combine(Work, "contract"), "--abi", abi);
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

    [Fact]
    public async Task The_install_script_puts_a_working_actorvm_on_the_path()
    {
        var bin = Path.Combine(Work, "bin");
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ActorVmCommand.Executable)!, "../../../../.."));
        var install = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(root, "scripts", "install-cli.sh")]) { RedirectStandardOutput = true };
        install.Environment["ACTORVM_BIN_DIR"] = bin;
        using (var process = System.Diagnostics.Process.Start(install)!)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, process.ExitCode);
        }
        var status = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, "actorvm"), ["status"]) { RedirectStandardOutput = true };
        status.Environment["ACTORVM_URL"] = Node.BaseAddress.ToString();

        using var cli = System.Diagnostics.Process.Start(status)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("height", output);
    }
}
