using System.Text.Json;
using System.Threading.Channels;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /v1/events: server-sent events, one per contract event, each sent after its block is committed.</summary>
internal static class EventEndpoints
{
    /// <summary>Events a slow client may fall behind by before the oldest are dropped.</summary>
    private const int ClientBuffer = 10_000;

    public static void MapEvents(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/events", async (HttpContext http) =>
        {
            var channel = Channel.CreateBounded<ContractEvent>(new BoundedChannelOptions(ClientBuffer) { FullMode = BoundedChannelFullMode.DropOldest });
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

    /// <summary>An event-stream subscriber that hands events to one HTTP response.</summary>
    private sealed class ChannelRef(ChannelWriter<ContractEvent> writer) : IActorRef
    {
        public string Path => "/http/events";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is ContractEvent e) writer.TryWrite(e);
        }
    }
}
