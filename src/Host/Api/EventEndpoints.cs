using System.Text.Json;
using System.Threading.Channels;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>
/// GET /v1/events: server-sent events, one per contract event, each sent after its block is committed.
/// A client that falls too far behind (more than <see cref="ClientBuffer"/> events or
/// <see cref="ClientBufferChars"/> characters waiting) is dropped: its stream ends, and it may reconnect.
/// </summary>
internal static class EventEndpoints
{
    private const int ClientBuffer = 1_000;
    private const long ClientBufferChars = 4L * 1024 * 1024;

    public static void MapEvents(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/events", async (HttpContext http) =>
        {
            var channel = Channel.CreateBounded<ContractEvent>(new BoundedChannelOptions(ClientBuffer) { FullMode = BoundedChannelFullMode.Wait });
            var subscriber = new ChannelRef(channel.Writer);
            actors.System.EventStream.Subscribe(subscriber, typeof(ContractEvent));
            try
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                await foreach (var e in channel.Reader.ReadAllAsync(http.RequestAborted))
                {
                    subscriber.Taken(e);
                    var data = JsonSerializer.Serialize(new { txHash = e.TxHash, height = e.Height, content = e.Content });
                    await http.Response.WriteAsync($"event: contract\ndata: {data}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
            finally
            {
                actors.System.EventStream.Unsubscribe(subscriber);
            }
        });

    /// <summary>An event-stream subscriber that hands events to one HTTP response, and ends it when the client lags too far.</summary>
    private sealed class ChannelRef(ChannelWriter<ContractEvent> writer) : IActorRef
    {
        private long _chars;

        public string Path => "/http/events";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not ContractEvent e) return;
            if (Interlocked.Add(ref _chars, e.Content.Length) > ClientBufferChars || !writer.TryWrite(e)) writer.TryComplete();
        }

        public void Taken(ContractEvent e) => Interlocked.Add(ref _chars, -e.Content.Length);
    }
}
