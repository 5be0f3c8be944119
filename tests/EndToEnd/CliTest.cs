using System.Diagnostics;

namespace ActorVm.EndToEnd;

/// <summary>A real node and a scratch folder for running the actorvm CLI against it, as a user does.</summary>
public abstract class CliTest : IAsyncLifetime
{
    protected string Work { get; } = Directory.CreateTempSubdirectory("actorvm-cli-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("actorvm-e2e-").FullName;
    private protected NodeProcess Node { get; private set; } = null!;

    /// <summary>Environment the CLI runs with (a keystore, a passphrase), as a user would set it.</summary>
    protected virtual (string Name, string Value)[] CliEnvironment => [];

    public async Task InitializeAsync() => Node = await NodeProcess.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>Runs a command against the node (with --url).</summary>
    protected Task<(int ExitCode, string Output)> Cli(params string[] args) => Run([.. args, "--url", Node.BaseAddress.ToString()]);

    /// <summary>Runs a command that needs no node (keys, offline signing).</summary>
    protected Task<(int ExitCode, string Output)> Local(params string[] args) => Run(args);

    /// <summary>Runs a command that does not end by itself (events) against the node until a line of its output matches, then stops it as Ctrl-C does.</summary>
    protected async Task<(int ExitCode, string Output)> RunUntil(Func<string, bool> enough, params string[] args)
    {
        var info = new ProcessStartInfo(ActorVmCommand.Executable, [.. args, "--url", Node.BaseAddress.ToString()]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (enough(line)) break;
        }
        _ = Interrupt(process.Id, 2);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, output + await error);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Interrupt(int pid, int signal);

    private async Task<(int ExitCode, string Output)> Run(string[] args)
    {
        var info = new ProcessStartInfo(ActorVmCommand.Executable, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in CliEnvironment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
