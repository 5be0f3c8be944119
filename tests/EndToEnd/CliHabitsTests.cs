namespace ActorVm.EndToEnd;

/// <summary>The CLI as a user expects it: one-line errors, exit codes, arguments from files, and the update, state, block, events and abi commands.</summary>
public sealed class CliHabitsTests : CliTest
{
    private const string Counter = """
        class Counter {
          init() { storage.put('count', '0'); }
          /** @param {number} n */
          add(n) { const c = Number(storage.get('count')) + n; storage.put('count', String(c)); blockchain.event('added ' + n); return c; }
          can_update(data) { return data === 'yes'; }
        }
        module.exports = Counter;
        """;

    private async Task<string> DeployCounter()
    {
        var file = Path.Combine(Work, "counter.js");
        await File.WriteAllTextAsync(file, Counter);
        var (code, output) = await Local("abi", file);
        Assert.True(code == 0, output);
        var (deployCode, deployed) = await Cli("deploy", file, "--abi", file + ".abi");
        Assert.True(deployCode == 0, deployed);
        return deployed.Split('\n')[0].Split(' ')[1];
    }

    [Fact]
    public async Task The_abi_command_writes_the_abi_iwallet_compile_would()
    {
        var file = Path.Combine(Work, "counter.js");
        await File.WriteAllTextAsync(file, Counter);

        var (code, output) = await Local("abi", file, "-o", "-");

        Assert.Equal(0, code);
        Assert.Contains("\"name\": \"add\"", output);
        Assert.Contains("\"number\"", output);
    }

    [Fact]
    public async Task Arguments_come_from_a_file_and_state_reads_the_stored_value()
    {
        var id = await DeployCounter();
        var args = Path.Combine(Work, "args.json");
        await File.WriteAllTextAsync(args, "[41]");

        var (callCode, _) = await Cli("call", id, "add", "@" + args);
        var (stateCode, state) = await Cli("state", id, "count");

        Assert.Equal(0, callCode);
        Assert.Equal((0, "41"), (stateCode, state.Trim()));
    }

    [Fact]
    public async Task Malformed_arguments_are_refused_in_one_line_before_anything_is_sent()
    {
        var (code, output) = await Cli("call", "ContractX", "add", "[1,");

        Assert.Equal(1, code);
        Assert.StartsWith("actorvm: the arguments are not valid JSON", output);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_address_without_a_scheme_means_http()
    {
        var (code, output) = await Local("status", "--url", $"{Node.BaseAddress.Host}:{Node.BaseAddress.Port}");

        Assert.Equal(0, code);
        Assert.Contains("height", output);
    }

    [Fact]
    public async Task A_node_that_is_not_there_is_said_in_one_line()
    {
        var (code, output) = await Local("status", "--url", "127.0.0.1:1");

        Assert.Equal(1, code);
        Assert.StartsWith("actorvm: cannot reach the node at http://127.0.0.1:1/", output);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_deploy_exits_with_code_2_in_text_and_json_modes(bool json)
    {
        var file = Path.Combine(Work, "broken.js");
        await File.WriteAllTextAsync(file, "class C { init() { throw new Error('no deploy'); } } module.exports = C;");
        var abi = Path.Combine(Work, "broken.abi");
        await File.WriteAllTextAsync(abi, """{"lang":"javascript","version":"1.0.0","abi":[]}""");

        var (code, output) = json ? await Cli("deploy", file, "--abi", abi, "--json") : await Cli("deploy", file, "--abi", abi);

        Assert.Equal(2, code);
        Assert.Contains("no deploy", output);
    }

    [Fact]
    public async Task Update_replaces_the_code_when_can_update_agrees()
    {
        var id = await DeployCounter();
        var file = Path.Combine(Work, "counter2.js");
        await File.WriteAllTextAsync(file, Counter.Replace("return c;", "return c * 100;"));

        var (refusedCode, _) = await Cli("update", id, file, "--abi", Path.Combine(Work, "counter.js.abi"), "--data", "no");
        var (code, output) = await Cli("update", id, file, "--abi", Path.Combine(Work, "counter.js.abi"), "--data", "yes");
        var (_, called) = await Cli("call", id, "add", "[1]");

        Assert.Equal(2, refusedCode);
        Assert.True(code == 0, output);
        Assert.Contains("returns  100", called);
    }

    [Fact]
    public async Task Block_prints_the_latest_block()
    {
        await DeployCounter();

        var (code, output) = await Cli("block", "latest", "--json");

        Assert.Equal(0, code);
        Assert.Contains("\"stateRoot\"", output);
    }

    [Fact]
    public async Task Events_follows_a_contracts_events_from_an_id()
    {
        var id = await DeployCounter();
        await Cli("call", id, "add", "[2]");
        await Cli("call", id, "add", "[3]");

        var (_, output) = await RunUntil(line => line.Contains("added 3"), "events", "--contract", id, "--after", "0-0-0");

        Assert.Contains("added 2", output);
        Assert.Contains("added 3", output);
    }
}
