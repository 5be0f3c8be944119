using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ActorVm.EndToEnd;

/// <summary>A real node: the actorvm executable on a free loopback port, stopped with SIGTERM.</summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The IOST gateway's address, when it runs.</summary>
    public Uri? GatewayAddress { get; private set; }

    public IReadOnlyList<string> Output
    {
        get { lock (_output) return _output.ToList(); }
    }

    /// <summary>Starts a node; environment entries such as ACTORVM_LIMITS__TXTIMEMS configure it as a user would.</summary>
    public static async Task<NodeProcess> StartAsync(string dataDir, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(ActorVmCommand.Executable, ["node", "--port", "0", "--data", dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The IOST gateway on a free port too, unless a test chooses.
        info.Environment["ACTORVM_GATEWAY__PORT"] = "0";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var node = new NodeProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (node._output) node._output.Add(line);
            if (GatewayLine().Match(line) is { Success: true } g) node.GatewayAddress = new Uri(g.Groups[1].Value);
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
            // A cluster worker serves no HTTP: it has started once it serves the cluster.
            if (WorkerLine().IsMatch(line)) listening.TrySetResult(new Uri("http://worker.invalid/"));
        }
        node._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        var exited = node._process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited).WaitAsync(StartTimeout);
        if (first == exited)
            throw new InvalidOperationException("the node exited at start:\n" + string.Join("\n", node.Output));
        node.BaseAddress = await listening.Task;
        return node;
    }

    public int Pid => _process.Id;

    /// <summary>Kills the node as kill -9 does: no shutdown at all.</summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, 9);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops the node as SIGTERM does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited) return _process.ExitCode;
        _ = Kill(_process.Id, 15);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"^ActorVm node listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^ActorVm worker \S+ serving")]
    private static partial Regex WorkerLine();

    [GeneratedRegex(@"^IOST gateway listening on (http://\S+)")]
    private static partial Regex GatewayLine();
}
