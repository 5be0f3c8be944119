using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>
/// Runs one of our scripts in tests/EndToEnd/sdk, which drive IOST's JS SDK (npm iost@0.1.22, installed
/// there by scripts/bootstrap.sh, unchanged) against a node's IOST gateway; answers its steps by name.
/// </summary>
internal static class SdkScript
{
    private static readonly string Folder = typeof(SdkScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SdkFolder").Value!;

    public static async Task<Dictionary<string, JsonNode>> Run(Uri gateway, string script, string secretKey)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "iost")),
            $"IOST's SDK is not installed in {Folder}: run scripts/bootstrap.sh (it runs npm ci there)");
        var info = new ProcessStartInfo("node", [Path.Combine(Folder, script), gateway.ToString().TrimEnd('/'), secretKey])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"{script} failed:\n{await output}\n{await errors}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .ToDictionary(l => l["step"]!.GetValue<string>());
    }
}
