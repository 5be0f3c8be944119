using System.Net;
using System.Net.Sockets;

namespace ActorVm.EndToEnd;

/// <summary>What an operator gets wrong at start is said in one line, with no stack trace.</summary>
public sealed class NodeStartupErrorsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _data = Directory.CreateTempSubdirectory("actorvm-start-").FullName;

    [Fact]
    public async Task A_port_in_use_is_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, errors) = await ActorVmCommand.RunAsync(Patience, "node", "--port", port.ToString(), "--data", _data);

        Assert.Equal(1, code);
        Assert.Equal($"actorvm: cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use.", errors.Trim());
    }

    [Fact]
    public async Task A_bad_configuration_file_is_one_line_naming_the_file()
    {
        var config = Path.Combine(_data, "bad.json");
        await File.WriteAllTextAsync(config, "{ \"node\": ");

        var (code, _, errors) = await ActorVmCommand.RunAsync(Patience, "node", "--config", config, "--data", Path.Combine(_data, "d"));

        Assert.Equal(2, code);
        Assert.StartsWith($"actorvm: invalid configuration: {config}:1:", errors.Trim());
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_data_directory_in_use_by_another_node_is_one_line()
    {
        await using var first = await NodeProcess.StartAsync(_data);

        var (code, _, errors) = await ActorVmCommand.RunAsync(Patience, "node", "--port", "0", "--data", _data);

        Assert.Equal(1, code);
        Assert.Contains("(is another node using it?)", errors);
        Assert.Single(errors.Trim().Split('\n'));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
