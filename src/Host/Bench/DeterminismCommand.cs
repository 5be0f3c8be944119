using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorVm.Host.Config;

namespace ActorVm.Host.Bench;

/// <summary>
/// <c>actorvm bench determinism</c>: the <see cref="HostileCorpus"/> on two real nodes. Each run
/// starts a producing node and a validating node (child processes on fresh data), deploys every
/// hostile contract on the producer and runs each to its gas limit, then hands every block to the
/// validator through POST /v1/blocks, which re-executes it and refuses any receipt or state root that
/// differs. A run passes when the validator accepts every block and reaches the same state root, and
/// no transaction was left out for the time limit; across runs, every contract's status and gas must
/// be the same. With --busy, two more processes keep both cores busy meanwhile.
/// </summary>
internal static class DeterminismCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "how many runs", DefaultValueFactory = _ => 20 };
        var gas = new Option<long?>("--gas") { Description = "the gas limit of each hostile call (default: the transaction gas cap)" };
        var busy = new Option<bool>("--busy") { Description = "keep both cores busy with two other processes during the runs" };
        var command = new Command("determinism", "Run the hostile corpus on a producing and a validating node and compare") { runs, gas, busy };
        command.SetAction(async (result, _) =>
        {
            var limit = result.GetValue(gas) ?? NodeConfiguration.Defaults().Limits.MaxTxGas;
            using var hogs = result.GetValue(busy) ? new CpuHogs(Environment.ProcessorCount) : null;
            var outcomes = new List<IReadOnlyDictionary<string, string>>();
            var failures = new List<string>();
            for (var run = 1; run <= result.GetValue(runs); run++)
            {
                var (outcome, problems) = await Run(limit);
                outcomes.Add(outcome);
                if (outcome.Count > 0 && outcomes[0].Any(kv => outcome.GetValueOrDefault(kv.Key) != kv.Value))
                    problems.Add("status or gas differ from run 1: " + string.Join(", ",
                        outcomes[0].Where(kv => outcome.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => $"{kv.Key}: {kv.Value} then {outcome.GetValueOrDefault(kv.Key)}")));
                failures.AddRange(problems.Select(p => $"run {run}: {p}"));
                Console.Error.WriteLine($"[determinism] run {run}: {(problems.Count == 0 ? "identical" : string.Join("; ", problems))}");
            }
            var passed = outcomes.Count - failures.Select(f => f.Split(':')[0]).Distinct().Count();
            Console.WriteLine($"determinism: {passed} of {outcomes.Count} runs identical ({HostileCorpus.Entries.Count} hostile contracts at {limit} gas{(hogs is null ? "" : ", both cores busy")})");
            foreach (var failure in failures) Console.WriteLine(failure);
            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>One run: what each contract ended with ("status/gas"), and what went wrong.</summary>
    private static async Task<(IReadOnlyDictionary<string, string> Outcome, List<string> Problems)> Run(long gasLimit)
    {
        var problems = new List<string>();
        var outcome = new Dictionary<string, string>();
        await using var producer = await ChildNode.StartAsync(("ACTORVM_LIMITS__MAXTXGAS", Math.Max(gasLimit, 10_000_000).ToString()));
        await using var validator = await ChildNode.StartAsync(("ACTORVM_LIMITS__MAXTXGAS", Math.Max(gasLimit, 10_000_000).ToString()));

        var deploys = HostileCorpus.Entries.Select(e => Action("system", "setCode", JsonSerializer.Serialize(new[] { e.Code, HostileCorpus.Abi }), 10_000_000));
        var deployed = await producer.Commit(deploys.ToList());
        var ids = new Dictionary<string, string>();
        for (var i = 0; i < HostileCorpus.Entries.Count; i++)
        {
            var receipt = deployed[i];
            if (receipt?["status"]?["code"]?.GetValue<int>() != 0) problems.Add($"{HostileCorpus.Entries[i].Name} did not deploy: {receipt?.ToJsonString()}");
            else ids[HostileCorpus.Entries[i].Name] = JsonSerializer.Deserialize<string>(receipt["returns"]![0]!.GetValue<string>())!;
        }
        var entries = HostileCorpus.Entries.Where(e => ids.ContainsKey(e.Name)).ToList();
        var leftOut = new List<string>();
        var called = await producer.Commit(entries.Select(e => Action(ids[e.Name], "run", "[]", gasLimit)).ToList(), leftOut);
        for (var i = 0; i < entries.Count; i++)
        {
            if (called[i] is not { } receipt) problems.Add($"{entries[i].Name} was left out of its block");
            else outcome[entries[i].Name] = $"{receipt["status"]!["code"]}/{receipt["gasUsed"]}";
        }

        problems.AddRange(leftOut.Distinct().Select(why => $"left out: {why}"));
        var height = (await producer.Get("/v1/status"))["height"]!.GetValue<long>();
        for (var h = 1; h <= height; h++)
        {
            var block = await producer.Get($"/v1/blocks/{h}?full=true");
            var (status, answer) = await validator.Post("/v1/blocks", block.ToJsonString());
            if (status != 200) problems.Add($"the validator refused block {h}: {answer["detail"]}");
        }
        var (rootA, rootB) = ((await producer.Get("/v1/status"))["stateRoot"]!.ToString(), (await validator.Get("/v1/status"))["stateRoot"]!.ToString());
        if (rootA != rootB) problems.Add($"state roots differ: {rootA} and {rootB}");
        return (outcome, problems);
    }

    private static object Action(string contract, string actionName, string data, long gasLimit) =>
        new { gasLimit, actions = new[] { new { contract, actionName, data } } };

    /// <summary>Processes that spin on every core until disposed, as another tenant of the machine would.</summary>
    private sealed class CpuHogs : IDisposable
    {
        private readonly List<Process> _processes;

        public CpuHogs(int count) =>
            _processes = Enumerable.Range(0, count).Select(_ => Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!).ToList();

        public void Dispose()
        {
            foreach (var p in _processes)
            {
                p.Kill();
                p.WaitForExit();
                p.Dispose();
            }
        }
    }
}
