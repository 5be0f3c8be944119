using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorVm.Host.Bench;

/// <summary>A private RabbitMQ cluster on loopback, started with the repository's scripts/rabbitmq.sh and set up for ActorVm.</summary>
internal sealed class LocalBrokers : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-brokers-").FullName;
    private readonly string _script;

    private LocalBrokers(string script) => _script = script;

    public List<string> Uris { get; } = [];

    public static async Task<LocalBrokers> StartAsync(int size)
    {
        var brokers = new LocalBrokers(Script());
        // Node names are unique on this machine: one epmd serves every Erlang node.
        var prefix = $"b{Guid.NewGuid():N}"[..9];
        for (var i = 1; i <= size; i++)
        {
            var line = await brokers.Run("start", brokers._dir, $"{prefix}r{i}", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            brokers.Uris.Add(line.Split(' ')[2]);
            if (i > 1) await brokers.Run("join", brokers._dir, $"{prefix}r{i}", $"{prefix}r1");
        }
        await using var connection = await Cluster.ClusterTopology.ConnectAsync(brokers.Uris, "actorvm-bench");
        await using var channel = await connection.CreateChannelAsync();
        await Cluster.ClusterTopology.DeclareAsync(channel);
        return brokers;
    }

    /// <summary>scripts/rabbitmq.sh of the repository this executable was built in.</summary>
    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "scripts", "rabbitmq.sh");
            if (File.Exists(script)) return script;
        }
        throw new InvalidOperationException("scripts/rabbitmq.sh not found above this executable: run the bench from the repository's build");
    }

    private async Task<string> Run(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [_script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? (await output).Trim() : throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', args)}: {await errors}");
    }

    /// <summary>A free AMQP port whose distribution port (100 above) is free too, clear of the Erlang CLI's ports.</summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(41000, 45000);
            if (Free(port) && Free(port + 100)) return port;
        }
        throw new InvalidOperationException("no free port pair for RabbitMQ");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Run("stop", _dir);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
