using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>What a user does with curl, as typed calls.</summary>
internal sealed class NodeClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<(int Status, JsonNode Body)> Send(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    /// <summary>Sends a body as it is (it need not be valid JSON) and answers the status and text.</summary>
    public async Task<(int Status, string Body)> SendRaw(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> Deploy(string code, string abi)
    {
        var (status, body) = await Send(HttpMethod.Post, "/v1/contracts",
            JsonSerializer.Serialize(new { code, abi = JsonNode.Parse(abi) }));
        Assert.True(status == 200, body.ToJsonString());
        return body["contractId"]!.GetValue<string>();
    }

    public async Task<JsonNode> Call(string contract, string action, string data)
    {
        var (status, body) = await Send(HttpMethod.Post, "/v1/transactions?wait=true",
            JsonSerializer.Serialize(new { actions = new[] { new { contract, actionName = action, data } } }));
        Assert.True(status == 200, body.ToJsonString());
        return body;
    }

    public async Task<string?> Read(string contract, string key)
    {
        var body = await _http.GetFromJsonAsync<JsonNode>($"/v1/state/{contract}/{key}");
        return body!["value"]?.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}
