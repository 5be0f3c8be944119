namespace ActorVm.EndToEnd;

/// <summary>A cluster node talks to its brokers over TLS (amqps://), trusting the CA it is given, and no other.</summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private RabbitCluster _rabbit = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-tls-").FullName;

    public async Task InitializeAsync() => _rabbit = await RabbitCluster.StartAsync(1, tls: true);

    [Fact]
    public async Task A_node_over_amqps_with_the_brokers_ca_commits_what_it_is_sent()
    {
        await using var node = await NodeProcess.StartAsync(Path.Combine(_dir, "node"),
            ("ACTORVM_CLUSTER__AMQP__0", _rabbit.TlsUris[0]), ("ACTORVM_CLUSTER__TLSCAFILE", _rabbit.CaFile!), ("ACTORVM_CLUSTER__NODEID", "tls1"));
        using var client = new NodeClient(node.BaseAddress);

        var id = await client.Deploy("class E { init() {} twice(n) { return n * 2; } }\nmodule.exports = E;",
            """{"lang":"javascript","version":"1.0.0","abi":[{"name":"twice","args":["number"]}]}""");
        var receipt = await client.Call(id, "twice", "[21]");

        Assert.Equal("42", receipt["returns"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_node_that_does_not_trust_the_brokers_certificate_says_so_in_one_line()
    {
        var (code, _, errors) = await ActorVmCommand.RunAsync(TimeSpan.FromMinutes(1), "cluster", "init", "--amqp", _rabbit.TlsUris[0]);

        Assert.Equal(1, code);
        Assert.StartsWith("actorvm: cannot set up the cluster:", errors.Trim());
        Assert.Single(errors.Trim().Split('\n'));
    }

    public async Task DisposeAsync()
    {
        await _rabbit.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
