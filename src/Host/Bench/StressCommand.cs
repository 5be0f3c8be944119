using System.CommandLine;
using System.Text.Json;

namespace ActorVm.Host.Bench;

/// <summary>
/// <c>actorvm bench stress</c>: what once crashed the process inside V8, at scale, against a real
/// node: bursts of distinct deploys, then first calls to thousands of distinct contracts (each one
/// loaded into a worker for the first time). Passes when every deploy and call is committed and the
/// node is alive at the end.
/// </summary>
internal static class StressCommand
{
    public static Command Create()
    {
        var bursts = new Option<int>("--bursts") { Description = "how many bursts of deploys", DefaultValueFactory = _ => 100 };
        var size = new Option<int>("--size") { Description = "distinct deploys per burst", DefaultValueFactory = _ => 100 };
        var calls = new Option<int>("--calls") { Description = "first calls to distinct contracts afterwards", DefaultValueFactory = _ => 3000 };
        var command = new Command("stress", "Bursts of distinct deploys and first calls against a real node") { bursts, size, calls };
        command.SetAction(async (result, _) =>
        {
            var (burstCount, burstSize, callCount) = (result.GetValue(bursts), result.GetValue(size), result.GetValue(calls));
            await using var node = await ChildNode.StartAsync();
            var ids = new List<string>();
            var failures = 0;
            for (var b = 0; b < burstCount && !node.HasExited; b++)
            {
                var deploys = Enumerable.Range(0, burstSize).Select(i => (object)new
                {
                    actions = new[] { new { contract = "system", actionName = "setCode", data = JsonSerializer.Serialize(new[] { Contract(b * burstSize + i), Abi }) } },
                }).ToList();
                foreach (var receipt in await node.Commit(deploys))
                {
                    if (receipt?["status"]?["code"]?.GetValue<int>() == 0) ids.Add(JsonSerializer.Deserialize<string>(receipt["returns"]![0]!.GetValue<string>())!);
                    else failures++;
                }
                Console.Error.WriteLine($"[stress] burst {b + 1} of {burstCount}: {ids.Count} contracts deployed");
            }
            var targets = ids.Take(callCount).ToList();
            for (var start = 0; start < targets.Count && !node.HasExited; start += 500)
            {
                var batch = targets.Skip(start).Take(500).Select(id => (object)new { actions = new[] { new { contract = id, actionName = "f", data = "[]" } } }).ToList();
                failures += (await node.Commit(batch)).Count(r => r?["status"]?["code"]?.GetValue<int>() != 0);
                Console.Error.WriteLine($"[stress] {Math.Min(start + 500, targets.Count)} of {targets.Count} first calls");
            }
            var alive = !node.HasExited && (await node.Get("/v1/status"))["height"] is not null;
            Console.WriteLine($"stress: {ids.Count} distinct deploys in {burstCount} bursts, {targets.Count} first calls, {failures} failed; node {(alive ? "alive" : $"dead (exit {node.ExitCode})")}");
            return alive && failures == 0 ? 0 : 1;
        });
        return command;
    }

    private const string Abi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"f","args":[]}]}""";

    /// <summary>A contract no other deploy shares (its text differs), with a little of everything a context sets up.</summary>
    private static string Contract(int n) =>
        $"class C{n} {{ init() {{ storage.put('n', '{n}'); }} f() {{ const m = new Map([[1, {n}]]); return [m.get(1), JSON.stringify({{ n: {n} }}), new Int64({n}).plus(1).toString()]; }} }}\nmodule.exports = C{n};";
}
