using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ActorVm.Storage.RocksDb;

namespace ActorVm.Host.Bench;

/// <summary>What the hardware allows, measured in the same run: the token contract on plain Node.js, and raw RocksDB batches.</summary>
internal static class Ceilings
{
    /// <summary>Runs bench/ceiling/token.js with the machine's node; null when node or the script is not found.</summary>
    public static async Task<double?> Node(string repoRoot, int accounts, int transfers)
    {
        var script = Path.Combine(repoRoot, "bench", "ceiling", "token.js");
        if (!File.Exists(script)) return null;
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", [script, accounts.ToString(), transfers.ToString()]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? JsonDocument.Parse(output).RootElement.GetProperty("tps").GetDouble() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Synced batches of 1,000 keys through our binding, like block commits without the state layer.</summary>
    public static double RocksDb(int batches)
    {
        var directory = Directory.CreateTempSubdirectory("actorvm-ceiling-").FullName;
        try
        {
            using var db = RocksDatabase.Open(directory);
            var clock = Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                using var batch = new WriteBatch(db);
                for (var i = 0; i < 1_000; i++) batch.Put(Encoding.UTF8.GetBytes($"v-bench-b_acct{i}"), Encoding.UTF8.GetBytes($"{b * 1_000 + i}"));
                db.Write(batch, sync: true);
            }
            return batches * 1_000 / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
