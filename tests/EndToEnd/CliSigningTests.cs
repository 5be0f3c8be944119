namespace ActorVm.EndToEnd;

/// <summary>The CLI's keys, keystore and signing, as iwallet users work: the node never sees a secret.</summary>
public sealed class CliSigningTests : CliTest
{
    protected override (string Name, string Value)[] CliEnvironment =>
        [("ACTORVM_KEYSTORE", Path.Combine(Work, "keystore")), ("ACTORVM_PASSPHRASE", Passphrase)];

    private string Passphrase { get; set; } = "correct horse";

    [Fact]
    public async Task An_account_made_by_the_cli_signs_its_calls_and_a_transaction_signed_offline_is_sent_once()
    {
        var (importCode, imported) = await Local("account", "import", "admin", IostSdkTests.IostAdminSecret);
        var (newCode, created) = await Cli("account", "new", "carol1");
        var (showCode, shown) = await Cli("account", "show", "carol1");
        var key = Directory.GetFiles(Path.Combine(Work, "keystore"), "carol1.json").Single();

        Assert.True(importCode == 0, imported);
        Assert.True(newCode == 0, created);
        Assert.True(showCode == 0, shown);
        Assert.Contains("active   threshold 100", shown);
        Assert.DoesNotContain("(implied", shown);
        Assert.DoesNotContain("secret", await File.ReadAllTextAsync(key));

        var code = Path.Combine(Work, "c.js");
        var abi = Path.Combine(Work, "c.abi");
        await File.WriteAllTextAsync(code, "class C { hi(n) { return 'hi ' + n + ' from ' + blockchain.publisher(); } } module.exports = C;");
        await File.WriteAllTextAsync(abi, """{"lang":"javascript","version":"1.0.0","abi":[{"name":"hi","args":["string"]}]}""");
        var (deployCode, deployed) = await Cli("deploy", code, "--abi", abi, "--account", "carol1");
        Assert.True(deployCode == 0, deployed);
        var id = deployed.Split('\n')[0].Split(' ')[1];
        var (callCode, called) = await Cli("call", id, "hi", """["x"]""", "--account", "carol1");
        Assert.True(callCode == 0, called);
        Assert.Contains("\"hi x from carol1\"", called);

        var unsigned = Path.Combine(Work, "tx.json");
        await File.WriteAllTextAsync(unsigned, $$"""{"actions":[{"contract":"{{id}}","actionName":"hi","data":"[\"offline\"]"}]}""");
        var (signCode, signed) = await Local("tx", "sign", unsigned, "--account", "carol1");
        Assert.True(signCode == 0, signed);
        Assert.Contains("publisher_sigs", signed);
        var signedFile = Path.Combine(Work, "signed.json");
        await File.WriteAllTextAsync(signedFile, signed);
        var (sendCode, sent) = await Cli("tx", "send", signedFile);
        var (againCode, again) = await Cli("tx", "send", signedFile);

        Assert.True(sendCode == 0, sent);
        Assert.Contains("\"hi offline from carol1\"", sent);
        Assert.Equal(1, againCode);
        Assert.Contains("already in a committed block", again);
    }

    [Fact]
    public async Task A_wrong_passphrase_opens_no_key()
    {
        await Local("account", "import", "admin", IostSdkTests.IostAdminSecret);
        Passphrase = "wrong";

        var (code, output) = await Cli("call", "Contractx", "f", "[]", "--account", "admin");

        Assert.Equal(1, code);
        Assert.Contains("wrong passphrase", output);
    }
}
