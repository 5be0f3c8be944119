using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ActorVm.Host.Bench;

/// <summary>A node started from this executable on a fresh data directory, on a free loopback port.</summary>
internal sealed partial class ChildNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private readonly HttpClient _http;

    private ChildNode(Process process, string data, Uri url)
    {
        (_process, _data) = (process, data);
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Url => _http.BaseAddress!;

    public static Task<ChildNode> StartAsync(params (string Name, string Value)[] environment) => StartAsync(environment, worker: false);

    /// <param name="worker">A cluster worker, which serves no HTTP: started once it serves the cluster.</param>
    public static async Task<ChildNode> StartAsync((string Name, string Value)[] environment, bool worker)
    {
        var data = Directory.CreateTempSubdirectory("actorvm-child-").FullName;
        var info = new ProcessStartInfo(Environment.ProcessPath!, ["node", "--port", "0", "--data", data])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["ACTORVM_GATEWAY__PORT"] = "0";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Listening().Match(line) is { Success: true } m) return new ChildNode(process, data, new Uri(m.Groups[1].Value));
            if (worker && line.StartsWith("ActorVm worker ", StringComparison.Ordinal)) return new ChildNode(process, data, new Uri("http://worker.invalid/"));
        }
        throw new InvalidOperationException("a node did not start");
    }

    /// <summary>Kills the node as kill -9 does.</summary>
    public void KillHard() => _process.Kill();

    /// <summary>Whether the process has ended (a node that died, by a crash or otherwise).</summary>
    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public async Task<JsonNode> Get(string path) => JsonNode.Parse(await _http.GetStringAsync(path))!;

    public async Task<(int Status, JsonNode Body)> Post(string path, string json)
    {
        using var response = await _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>
    /// Submits the transactions at once, each waiting for its receipt; null for one left out of its
    /// block (with why in <paramref name="leftOut"/>).
    /// </summary>
    public async Task<IReadOnlyList<JsonNode?>> Commit(IReadOnlyList<object> transactions, List<string>? leftOut = null)
    {
        var answers = await Task.WhenAll(transactions.Select(async tx =>
        {
            var (status, body) = await Post("/v1/transactions?wait=true", JsonSerializer.Serialize(tx));
            return status switch
            {
                200 => body,
                202 => await Receipt(body["txHash"]!.GetValue<string>()),
                422 => Note(body["detail"]!.GetValue<string>()),
                _ => throw new InvalidOperationException($"a transaction was refused ({status}): {body.ToJsonString()}"),
            };
        }));
        return answers;

        JsonNode? Note(string why)
        {
            lock (transactions) leftOut?.Add(why);
            return null;
        }
    }

    /// <summary>The stored receipt of a transaction whose wait ran out.</summary>
    private async Task<JsonNode?> Receipt(string hash)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync($"/v1/transactions/{hash}/receipt");
            if (response.IsSuccessStatusCode) return JsonNode.Parse(await response.Content.ReadAsStringAsync());
            await Task.Delay(100);
        }
        throw new TimeoutException($"no receipt for {hash} after 10 minutes");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [GeneratedRegex(@"^ActorVm node listening on (http://\S+)")]
    private static partial Regex Listening();
}
