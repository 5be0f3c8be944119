using ActorVm.Host.Config;

namespace ActorVm.Host.Tests;

public sealed class NodeConfigurationTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private static NodeSettings Load(string? file = null, params (string Key, string Value)[] flags) =>
        NodeConfiguration.Load(file, flags.ToDictionary(f => f.Key, f => (string?)f.Value));

    [Fact]
    public void With_nothing_given_the_embedded_defaults_apply()
    {
        var settings = Load();

        Assert.Equal("127.0.0.1", settings.Node.Host);
        Assert.Equal(30080, settings.Node.Port);
        Assert.Equal("./data", settings.Node.DataDir);
        Assert.Equal(200, settings.Limits.TxTimeMs);
        Assert.Equal(128, settings.Limits.HeapMiB);
    }

    [Fact]
    public void A_configuration_file_overrides_the_defaults_it_names()
    {
        File.WriteAllText(_file, """{"node": {"port": 31000}}""");

        var settings = Load(_file);

        Assert.Equal(31000, settings.Node.Port);
        Assert.Equal("./data", settings.Node.DataDir);
    }

    [Fact]
    public void Flags_override_the_configuration_file()
    {
        File.WriteAllText(_file, """{"node": {"port": 31000, "dataDir": "/x"}}""");

        var settings = Load(_file, ("node:port", "31001"));

        Assert.Equal(31001, settings.Node.Port);
        Assert.Equal("/x", settings.Node.DataDir);
    }

    [Fact]
    public void A_port_out_of_range_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(null, ("node:port", "70000")));

        Assert.Contains("node:port", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_setting()
    {
        File.WriteAllText(_file, """{"limits": {"heapMiB": "lots"}}""");

        var error = Assert.Throws<ConfigurationException>(() => Load(_file));

        Assert.Contains("heapMiB", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_pool_and_chain_defaults_are_embedded_and_an_upper_bound_below_the_lower_one_is_refused()
    {
        var settings = Load();

        Assert.Equal((2, 4, 10, 0.2), (settings.Pool.LowerBound, settings.Pool.UpperBound, settings.Pool.MessagesPerResize, settings.Pool.RampupRate));
        Assert.Equal((500, 10_000, 1_000), (settings.Chain.BlockIntervalMs, settings.Chain.MempoolSize, settings.Chain.MaxBlockTransactions));
        var error = Assert.Throws<ConfigurationException>(() => Load(null, ("pool:lowerBound", "3"), ("pool:upperBound", "2")));
        Assert.Contains("pool:upperBound", error.Message);
    }

    [Theory]
    [InlineData("chain:executionLanes", "-1")]
    [InlineData("chain:executionLanes", "65")]
    [InlineData("chain:maxUnwrittenBlocks", "0")]
    public void Execution_lanes_and_unwritten_blocks_out_of_range_are_refused_naming_the_setting(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(null, (key, value)));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void By_default_a_node_picks_its_lanes_by_cores_and_keeps_two_blocks_unwritten_at_most()
    {
        var settings = Load();

        Assert.Equal(0, settings.Chain.ExecutionLanes);
        Assert.Equal(2, settings.Chain.MaxUnwrittenBlocks);
    }

    [Fact]
    public void A_missing_configuration_file_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("/nonexistent/actorvm.json"));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void The_pool_is_read_from_akka_deployment_of_the_workers_in_hocon_actorvm_conf()
    {
        var settings = Load();

        Assert.Equal(("idle-first-pool", true, 1, 0.3, 0.1), (settings.Pool.Router, settings.Pool.ResizerEnabled, settings.Pool.PressureThreshold,
            settings.Pool.BackoffThreshold, settings.Pool.BackoffRate));
        Assert.Contains("\"/vm/workers\"", NodeConfiguration.DefaultsText());
    }

    [Fact]
    public void A_conf_file_sets_the_pool_as_akka_does_and_the_node_in_kebab_case()
    {
        File.WriteAllText(_file, """
            akka.actor.deployment."/vm/workers".resizer { upper-bound = 8, enabled = off }
            chain.block-interval-ms = 250  // kebab-case, as HOCON is written
            """);

        var settings = Load(_file);

        Assert.Equal((8, false, 250), (settings.Pool.UpperBound, settings.Pool.ResizerEnabled, settings.Chain.BlockIntervalMs));
    }

    [Fact]
    public void An_environment_variable_still_overrides_a_conf_file()
    {
        File.WriteAllText(_file, "limits.tx-time-ms = 300");
        Environment.SetEnvironmentVariable("ACTORVM_LIMITS__TXTIMEMS", "400");
        try
        {
            Assert.Equal(400, Load(_file).Limits.TxTimeMs);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ACTORVM_LIMITS__TXTIMEMS", null);
        }
    }

    [Fact]
    public void An_unknown_setting_is_warned_about_with_its_file_and_line()
    {
        File.WriteAllText(_file, "node.port = 31000\nchain.block-intervl-ms = 5\n");
        var warnings = new List<string>();

        NodeConfiguration.Load(_file, new Dictionary<string, string?>(), warnings.Add);

        Assert.Equal([$"{_file}:2: unknown setting 'chain.block-intervl-ms' is ignored"], warnings);
    }

    [Fact]
    public void A_router_the_node_does_not_have_is_refused()
    {
        File.WriteAllText(_file, """akka.actor.deployment."/vm/workers".router = round-robin-pool""");

        var error = Assert.Throws<ConfigurationException>(() => Load(_file));

        Assert.Contains("round-robin-pool", error.Message);
    }

    [Fact]
    public void A_hocon_syntax_error_names_the_file_line_and_column()
    {
        File.WriteAllText(_file, "node {\n  port = 1\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(_file));

        Assert.StartsWith($"{Path.GetFileName(_file)}:", Path.GetFileName(error.Message.Split(' ')[0]));
        Assert.Contains("expected '}'", error.Message);
    }

    [Fact]
    public void A_setting_written_twice_in_two_spellings_takes_the_later_value()
    {
        File.WriteAllText(_file, "chain.block-interval-ms = 250\nchain.blockIntervalMs = 300\n");

        Assert.Equal(300, Load(_file).Chain.BlockIntervalMs);
    }
}
