using System.Diagnostics;
using System.Reflection;

namespace ActorVm.EndToEnd;

/// <summary>The built actorvm executable, run as a user runs it.</summary>
internal static class ActorVmCommand
{
    public static string Executable { get; } = typeof(ActorVmCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ActorVmExecutable").Value!;

    /// <summary>Runs a command to its end and answers its exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(Executable, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await output, await errors);
    }
}
