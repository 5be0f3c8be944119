using System.Text.Json.Nodes;

namespace ActorVm.EndToEnd;

/// <summary>A client of /v1/events: reads its server-sent events (id, event, data) and comment lines, with generous waits.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpClient http, HttpResponseMessage response, StreamReader reader) => (_http, _response, _reader) = (http, response, reader);

    public static async Task<EventStream> OpenAsync(Uri node, string query = "", string? lastEventId = null)
    {
        var http = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events" + query);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var stream = new EventStream(http, response, reader);
        Assert.Equal(": connected", await stream.LineAsync());
        Assert.Equal("", await stream.LineAsync());
        return stream;
    }

    /// <summary>The next event (its id, name and data), skipping comments.</summary>
    public async Task<(string Id, string Name, JsonNode Data)> NextAsync()
    {
        var (id, name, data) = ("", "", (JsonNode?)null);
        while (true)
        {
            var line = await LineAsync() ?? throw new EndOfStreamException("the event stream ended");
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = JsonNode.Parse(line[6..]);
            else if (line.Length == 0 && data is not null) return (id, name, data);
        }
    }

    public async Task<string?> LineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _reader.ReadLineAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        await Task.CompletedTask;
    }
}
