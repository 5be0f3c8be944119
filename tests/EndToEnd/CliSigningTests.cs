using System.Diagnostics;

namespace ActorVm.EndToEnd;

/// <summary>The CLI's keys, keystore and signing, as iwallet users work: the node never sees a secret.</summary>
public sealed class CliSigningTests : IAsyncLifetime
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

    private async Task<(int ExitCode, string Output)> Cli(bool toNode, params string[] args)
    {
        var info = new ProcessStartInfo(ActorVmCommand.Executable, toNode ? [.. args, "--url", _node.BaseAddress.ToString()] : args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ACTORVM_KEYSTORE"] = Path.Combine(_work, "keystore");
        info.Environment["ACTORVM_PASSPHRASE"] = "correct horse";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task An_account_made_by_the_cli_signs_its_calls_and_a_transaction_signed_offline_is_sent_once()
    {
        var (importCode, imported) = await Cli(false, "account", "import", "admin", IostSdkTests.DevSecret);
        var (newCode, created) = await Cli(true, "account", "new", "carol1");
        var (showCode, shown) = await Cli(true, "account", "show", "carol1");
        var key = Directory.GetFiles(Path.Combine(_work, "keystore"), "carol1.json").Single();

        Assert.True(importCode == 0, imported);
        Assert.True(newCode == 0, created);
        Assert.True(showCode == 0, shown);
        Assert.Contains("active   threshold 100", shown);
        Assert.DoesNotContain("(implied", shown);
        Assert.DoesNotContain("secret", await File.ReadAllTextAsync(key));

        var code = Path.Combine(_work, "c.js");
        var abi = Path.Combine(_work, "c.abi");
        await File.WriteAllTextAsync(code, "class C { hi(n) { return 'hi ' + n + ' from ' + blockchain.publisher(); } } module.exports = C;");
        await File.WriteAllTextAsync(abi, """{"lang":"javascript","version":"1.0.0","abi":[{"name":"hi","args":["string"]}]}""");
        var (deployCode, deployed) = await Cli(true, "deploy", code, "--abi", abi, "--account", "carol1");
        Assert.True(deployCode == 0, deployed);
        var id = deployed.Split('\n')[0].Split(' ')[1];
        var (callCode, called) = await Cli(true, "call", id, "hi", """["x"]""", "--account", "carol1");
        Assert.True(callCode == 0, called);
        Assert.Contains("\"hi x from carol1\"", called);

        var unsigned = Path.Combine(_work, "tx.json");
        await File.WriteAllTextAsync(unsigned, $$"""{"actions":[{"contract":"{{id}}","actionName":"hi","data":"[\"offline\"]"}]}""");
        var (signCode, signed) = await Cli(false, "tx", "sign", unsigned, "--account", "carol1");
        Assert.True(signCode == 0, signed);
        Assert.Contains("publisher_sigs", signed);
        var signedFile = Path.Combine(_work, "signed.json");
        await File.WriteAllTextAsync(signedFile, signed);
        var (sendCode, sent) = await Cli(true, "tx", "send", signedFile);
        var (againCode, again) = await Cli(true, "tx", "send", signedFile);

        Assert.True(sendCode == 0, sent);
        Assert.Contains("\"hi offline from carol1\"", sent);
        Assert.Equal(1, againCode);
        Assert.Contains("already in a committed block", again);
    }

    [Fact]
    public async Task A_wrong_passphrase_opens_no_key()
    {
        await Cli(false, "account", "import", "admin", IostSdkTests.DevSecret);
        var info = new ProcessStartInfo(ActorVmCommand.Executable, ["call", "Contractx", "f", "[]", "--account", "admin", "--url", _node.BaseAddress.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["ACTORVM_KEYSTORE"] = Path.Combine(_work, "keystore");
        info.Environment["ACTORVM_PASSPHRASE"] = "wrong";
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("wrong passphrase", error);
    }
}
