using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ActorVm.EndToEnd;

/// <summary>A private RabbitMQ cluster on loopback (scripts/rabbitmq.sh), set up for ActorVm with `actorvm cluster init`.</summary>
internal sealed class RabbitCluster : IAsyncDisposable
{
    private static readonly string Scripts = typeof(RabbitCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ScriptsFolder").Value!;

    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-rabbit-").FullName;
    private readonly Dictionary<string, (string Uri, int Pid)> _nodes = [];

    public IReadOnlyList<string> Uris => _nodes.Values.Select(n => n.Uri).ToList();

    public IReadOnlyList<string> Names => _nodes.Keys.ToList();

    /// <summary>With TLS: each node's amqps:// URI, and the CA (PEM) their certificates chain to.</summary>
    public IReadOnlyList<string> TlsUris { get; private set; } = [];
    public string? CaFile { get; private set; }

    public static async Task<RabbitCluster> StartAsync(int size, bool tls = false)
    {
        var cluster = new RabbitCluster();
        // Node names are unique on this machine (one epmd serves every Erlang node), even with clusters side by side.
        var prefix = $"t{Guid.NewGuid():N}"[..9];
        for (var i = 1; i <= size; i++)
        {
            var name = $"{prefix}r{i}";
            var lines = (await Script(["start", cluster._dir, name, FreePortPair().ToString(), .. tls ? [FreePortPair().ToString()] : Array.Empty<string>()])).Split('\n');
            var parts = lines[0].Split(' ');
            cluster._nodes[name] = (parts[2], int.Parse(parts[3]));
            if (tls)
            {
                var secure = lines[1].Split(' ');
                cluster.TlsUris = [.. cluster.TlsUris, secure[2]];
                cluster.CaFile = secure[3];
            }
            if (i > 1) await Script("join", cluster._dir, name, $"{prefix}r1");
        }
        var (code, output, errors) = tls
            ? await ActorVmCommand.RunAsync(TimeSpan.FromMinutes(1), "cluster", "init", "--amqp", cluster.TlsUris[0], "--tls-ca", cluster.CaFile!)
            : await ActorVmCommand.RunAsync(TimeSpan.FromMinutes(1), "cluster", "init", "--amqp", cluster._nodes[$"{prefix}r1"].Uri);
        Assert.True(code == 0, output + errors);
        return cluster;
    }

    /// <summary>Kills one broker node as kill -9 does.</summary>
    public void Kill(string name)
    {
        using var process = Process.GetProcessById(_nodes[name].Pid);
        process.Kill();
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Script("stop", _dir);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<string> Script(params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(Scripts, "rabbitmq.sh"), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"rabbitmq.sh {string.Join(' ', args)} failed:\n{await output}\n{await errors}");
        return (await output).Trim();
    }

    /// <summary>A free AMQP port whose distribution port (100 above) is free too, clear of the ports the Erlang CLI tools use.</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(41000, 45000);
            if (Free(port) && Free(port + 100)) return port;
            if (attempt > 200) throw new InvalidOperationException("no free port pair for RabbitMQ");
        }
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
}
