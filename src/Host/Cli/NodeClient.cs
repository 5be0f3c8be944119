using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorVm.Host.Cli;

/// <summary>The CLI's view of a node: its HTTP API (docs/http-api.md), answers as JSON, errors with the node's own detail.</summary>
internal sealed class NodeClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<JsonNode> Get(string path) => await Send(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<JsonNode> Post(string path, object body) =>
        await Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    /// <summary>Posts JSON text as it is (a signed transaction must reach the node byte for byte as signed).</summary>
    public async Task<JsonNode> PostText(string path, string json) =>
        await Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private async Task<JsonNode> Send(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the node at {_http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliException($"the node at {_http.BaseAddress} did not answer within {_http.Timeout.TotalMinutes:0} minutes");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonNode json;
            try
            {
                json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
            }
            catch (System.Text.Json.JsonException)
            {
                throw new CliException($"{_http.BaseAddress} answered {(int)response.StatusCode} with something other than JSON: is it an ActorVm node?");
            }
            // A refused deploy or query still answers with what happened; other errors end the command.
            if (!response.IsSuccessStatusCode && json["receipt"] is null && json["status"] is null)
                throw new CliException($"{(int)response.StatusCode} {json["error"]}: {json["detail"]}");
            return json;
        }
    }

    /// <summary>Opens a server-sent event stream (GET), for reading line by line until the caller stops.</summary>
    public async Task<StreamReader> OpenStream(string path, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        HttpResponseMessage response;
        try
        {
            _http.Timeout = Timeout.InfiniteTimeSpan;
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the node at {_http.BaseAddress}: {e.Message}");
        }
        if (!response.IsSuccessStatusCode)
        {
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            throw new CliException($"{(int)response.StatusCode} {json?["error"]}: {json?["detail"]}");
        }
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A failure the CLI reports in one line and exits 1 for.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>Shows a spinner on a terminal while something long runs; prints nothing when output is redirected.</summary>
internal static class Progress
{
    public static async Task<T> While<T>(string what, Task<T> work)
    {
        if (Console.IsErrorRedirected) return await work;
        var frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        var i = 0;
        while (await Task.WhenAny(work, Task.Delay(80)) != work) Console.Error.Write($"\r{frames[i++ % frames.Length]} {what}");
        Console.Error.Write("\r" + new string(' ', what.Length + 2) + "\r");
        return await work;
    }

    /// <summary>A receipt in a few readable lines.</summary>
    public static string Describe(JsonNode receipt)
    {
        var text = new StringBuilder();
        var code = receipt["status"]?["code"]?.GetValue<int>() ?? -1;
        text.AppendLine($"tx       {receipt["txHash"]}");
        text.AppendLine($"status   {code}{(code == 0 ? " SUCCESS" : $" {receipt["status"]?["message"]}")}");
        text.AppendLine($"gas      {receipt["gasUsed"]}");
        foreach (var value in receipt["returns"]?.AsArray() ?? []) text.AppendLine($"returns  {value}");
        foreach (var value in receipt["events"]?.AsArray() ?? []) text.AppendLine($"event    {value?["contract"]}: {value?["content"]}");
        foreach (var value in receipt["receipts"]?.AsArray() ?? []) text.AppendLine($"receipt  {value?["funcName"]}: {value?["content"]}");
        foreach (var value in receipt["logs"]?.AsArray() ?? []) text.AppendLine($"log      [{value?["level"]}] {value?["contract"]}: {value?["message"]}");
        return text.ToString().TrimEnd();
    }
}
