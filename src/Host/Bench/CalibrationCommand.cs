using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Config;

namespace ActorVm.Host.Bench;

/// <summary>
/// <c>actorvm bench calibrate</c>: runs every contract of the <see cref="HostileCorpus"/> until its
/// gas runs out, on one engine with a time limit far away, and reports the nanoseconds each spends
/// per unit of gas. The worst of them times the transaction gas cap is the longest a transaction
/// within the caps can take: it must stay well under the time limit, which then only guards
/// against a metering mistake. Writes bench/results/calibration.md and calibration.json.
/// </summary>
internal static class CalibrationCommand
{
    public static Command Create()
    {
        var gas = new Option<long?>("--gas") { Description = "the gas limit each contract runs with (default: the transaction gas cap)" };
        var output = new Option<string?>("--out") { Description = "where to write calibration.md and calibration.json (default bench/results of the repository)" };
        var only = new Option<string?>("--only") { Description = "run only the contracts whose name contains this text" };
        var command = new Command("calibrate", "Measure the worst nanoseconds per gas unit over the hostile corpus") { gas, output, only };
        command.SetAction(async (result, _) =>
        {
            var settings = NodeConfiguration.Defaults();
            var limit = result.GetValue(gas) ?? settings.Limits.MaxTxGas;
            var rows = Run(limit, line => Console.Error.WriteLine(line), result.GetValue(only));
            var report = Report(rows, limit, settings);
            Console.WriteLine(report.Markdown);
            var outDir = result.GetValue(output) ?? Path.Combine(BenchCommand.RepositoryRoot(), "bench", "results");
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, "calibration.md"), report.Markdown);
            await File.WriteAllTextAsync(Path.Combine(outDir, "calibration.json"), report.Json);
            return rows.Any(r => r.Code is StatusCode.Timeout or StatusCode.OutOfMemory or StatusCode.StackOverflow) ? 1 : 0;
        });
        return command;
    }

    public sealed record Row(string Name, StatusCode Code, long Gas, double Milliseconds)
    {
        public double NanosecondsPerGas => Gas == 0 ? 0 : Milliseconds * 1e6 / Gas;
    }

    /// <summary>Runs each contract twice (cold, then warm) and keeps the slower run.</summary>
    public static IReadOnlyList<Row> Run(long gasLimit, Action<string> progress, string? only = null)
    {
        // The time limit is only a backstop here: a contract that reaches it is reported, not hidden.
        using var engine = new ContractEngine(new ExecutionLimits(TimeSpan.FromSeconds(60), 128L * 1024 * 1024));
        var executor = new TransactionExecutor(engine);
        var rows = new List<Row>();
        var time = 0L;
        foreach (var entry in HostileCorpus.Entries.Where(e => only is null || e.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var world = new InMemoryWorldState();
            Transaction Tx(string contract, string action, string data, long gas) =>
                new(++time, long.MaxValue, gas, "calibration", [], [new TxAction(contract, action, data)]);
            var deployed = executor.Execute(Tx("system", "setCode", JsonSerializer.Serialize(new[] { entry.Code, HostileCorpus.Abi }), 10_000_000), world);
            if (deployed.Status.Code != StatusCode.Success) throw new InvalidOperationException($"{entry.Name}: {deployed.Status.Message}");
            var id = JsonSerializer.Deserialize<string>(deployed.Returns[0])!;
            Row? slowest = null;
            for (var i = 0; i < 2; i++)
            {
                var savepoint = world.Savepoint();
                var clock = Stopwatch.StartNew();
                var receipt = executor.Execute(Tx(id, "run", "[]", gasLimit), world);
                var row = new Row(entry.Name, receipt.Status.Code, receipt.GasUsed, clock.Elapsed.TotalMilliseconds);
                world.RollbackTo(savepoint);
                if (engine.IsPoisoned) throw new InvalidOperationException($"{entry.Name} exhausted the heap: {receipt.Status.Message}");
                if (slowest is null || row.NanosecondsPerGas > slowest.NanosecondsPerGas) slowest = row;
            }
            progress($"[calibrate] {entry.Name}: {slowest!.Code}, {slowest.Gas} gas, {slowest.Milliseconds:F1} ms, {slowest.NanosecondsPerGas:F1} ns/gas");
            rows.Add(slowest);
        }
        return rows;
    }

    private static (string Markdown, string Json) Report(IReadOnlyList<Row> rows, long gasLimit, NodeSettings settings)
    {
        // A contract that ended early (an error, the depth limit) measured its fixed costs, not its work per gas.
        var sorted = rows.OrderByDescending(r => r.Gas >= gasLimit / 10).ThenByDescending(r => r.NanosecondsPerGas).ToList();
        var worst = sorted[0];
        var timeLimit = settings.Limits.TxTimeMs;
        var longest = worst.NanosecondsPerGas * settings.Limits.MaxTxGas / 1e6;
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine($"# Gas calibration ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        md.AppendLine();
        md.AppendLine($"{rows.Count} hostile contracts, each run until {gasLimit.ToString("N0", inv)} gas ran out (the slower of a cold and a warm run).");
        md.AppendLine();
        md.AppendLine("| | value |");
        md.AppendLine("| --- | --- |");
        md.AppendLine($"| worst ns per gas unit | {worst.NanosecondsPerGas.ToString("F1", inv)} ({worst.Name}) |");
        md.AppendLine($"| median ns per gas unit | {sorted[sorted.Count / 2].NanosecondsPerGas.ToString("F1", inv)} |");
        md.AppendLine($"| contracts that ended before a tenth of their gas (not counted above) | {rows.Count(r => r.Gas < gasLimit / 10)} |");
        md.AppendLine($"| transaction gas cap | {settings.Limits.MaxTxGas.ToString("N0", inv)} |");
        md.AppendLine($"| longest transaction at the cap (worst ns/gas x cap) | {longest.ToString("F1", inv)} ms |");
        md.AppendLine($"| time limit | {timeLimit} ms |");
        md.AppendLine($"| contracts that reached the time limit | {rows.Count(r => r.Code == StatusCode.Timeout)} |");
        md.AppendLine();
        md.AppendLine("| contract | status | gas | ms | ns/gas |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in sorted)
            md.AppendLine($"| {r.Name} | {r.Code} | {r.Gas} | {r.Milliseconds.ToString("F1", inv)} | {r.NanosecondsPerGas.ToString("F1", inv)} |");
        var json = JsonSerializer.Serialize(new
        {
            worst_ns_per_gas = worst.NanosecondsPerGas, worst_contract = worst.Name, max_tx_gas = settings.Limits.MaxTxGas,
            longest_tx_ms = longest, time_limit_ms = timeLimit,
            contracts = sorted.Select(r => new { name = r.Name, status = r.Code.ToString(), gas = r.Gas, ms = r.Milliseconds, ns_per_gas = r.NanosecondsPerGas }),
        }, new JsonSerializerOptions { WriteIndented = true });
        return (md.ToString(), json);
    }
}
