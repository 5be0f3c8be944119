using System.Text.Json;
using System.Threading.Channels;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace ActorVm.Host.Api;

/// <summary>
/// GET /v1/events: server-sent events, one per contract event (topic "event") or receipt (topic
/// "receipt"), each sent after its block is committed, with an id that orders it on the chain.
/// ?contract= and ?topic= filter (each may repeat); a client that sends Last-Event-ID (or ?after=)
/// first gets every matching event after that one from the stored blocks, then the live ones. A
/// comment line is sent when nothing else was for a heartbeat's time, and the stream ends at once
/// when the node stops. A client that falls too far behind (more than <see cref="ClientBuffer"/>
/// events or <see cref="ClientBufferChars"/> characters waiting) is dropped: its stream ends, and it
/// may resume.
/// </summary>
internal static class EventEndpoints
{
    private const int ClientBuffer = 1_000;
    private const long ClientBufferChars = 4L * 1024 * 1024;

    public static void MapEvents(this IEndpointRouteBuilder app, NodeActors actors, TimeSpan heartbeat) =>
        app.MapGet("/v1/events", async (HttpContext http, IHostApplicationLifetime lifetime) =>
        {
            var filter = EventFilter.From(http.Request.Query);
            var after = ResumePoint(http.Request);
            var channel = Channel.CreateBounded<ContractEvent>(new BoundedChannelOptions(ClientBuffer) { FullMode = BoundedChannelFullMode.Wait });
            var subscriber = new ChannelRef(channel.Writer, filter);
            actors.System.EventStream.Subscribe(subscriber, typeof(ContractEvent));
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var token = ending.Token;
            try
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.WriteAsync(": connected\n\n", token);
                await http.Response.Body.FlushAsync(token);
                if (after is { } from)
                    await foreach (var e in StoredAfter(actors, from, filter, token))
                    {
                        await Write(http, e, token);
                        after = e.Id;
                    }
                // One timer for the stream, not one per event: a heartbeat goes out for each interval in which nothing else did.
                using var ticks = new PeriodicTimer(heartbeat);
                var tick = ticks.WaitForNextTickAsync(token).AsTask();
                Task<bool>? waiting = null;
                var quiet = true;
                while (true)
                {
                    waiting ??= channel.Reader.WaitToReadAsync(token).AsTask();
                    if (await Task.WhenAny(waiting, tick) == tick)
                    {
                        await tick;
                        if (quiet)
                        {
                            await http.Response.WriteAsync(": heartbeat\n\n", token);
                            await http.Response.Body.FlushAsync(token);
                        }
                        quiet = true;
                        tick = ticks.WaitForNextTickAsync(token).AsTask();
                        continue;
                    }
                    if (!await waiting) break;
                    waiting = null;
                    while (channel.Reader.TryRead(out var e))
                    {
                        subscriber.Taken(e);
                        // What the stored blocks gave already is not sent twice.
                        if (after is { } sent && !(e.Id > sent)) continue;
                        await Write(http, e, token);
                        quiet = false;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away, or the node is stopping.
            }
            finally
            {
                actors.System.EventStream.Unsubscribe(subscriber);
            }
        });

    private static EventId? ResumePoint(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();
        if (text is null) return null;
        return EventId.TryParse(text, out var id) ? id : throw ApiException.BadRequest($"'{text}' is not an event id (height-transaction-index, as sent in id:)");
    }

    /// <summary>The matching events after an id, from the committed blocks up to the head as it is now.</summary>
    private static async IAsyncEnumerable<ContractEvent> StoredAfter(NodeActors actors, EventId after, EventFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block?.Height ?? 0;
        for (var height = Math.Max(1, after.Height); height <= head; height++)
        {
            token.ThrowIfCancellationRequested();
            var block = await actors.StateDb.Ask<FullBlock>(new ReadFullBlock(height, WithTransactions: false), actors.AskTimeout);
            var receipts = block.Receipts.Select(ChainJson.Deserialize<Receipt>).ToList();
            foreach (var e in ContractEvent.Of(height, receipts))
                if (e.Id > after && filter.Matches(e)) yield return e;
        }
    }

    private static async Task Write(HttpContext http, ContractEvent e, CancellationToken token)
    {
        var data = JsonSerializer.Serialize(new { id = e.Id.ToString(), topic = e.Topic, contract = e.Contract, txHash = e.TxHash, height = e.Height, content = e.Content });
        await http.Response.WriteAsync($"id: {e.Id}\nevent: {e.Topic}\ndata: {data}\n\n", token);
        await http.Response.Body.FlushAsync(token);
    }

    /// <summary>Which events a client asked for: by contract and by topic; nothing named means all.</summary>
    private sealed record EventFilter(IReadOnlySet<string> Contracts, IReadOnlySet<string> Topics)
    {
        public static EventFilter From(IQueryCollection query)
        {
            var topics = Values(query, "topic");
            foreach (var topic in topics)
                if (topic is not (ContractEvent.EventTopic or ContractEvent.ReceiptTopic))
                    throw ApiException.BadRequest($"topic '{topic}' is not {ContractEvent.EventTopic} or {ContractEvent.ReceiptTopic}");
            return new(Values(query, "contract"), topics);
        }

        private static HashSet<string> Values(IQueryCollection query, string name) =>
            query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

        public bool Matches(ContractEvent e) => (Contracts.Count == 0 || Contracts.Contains(e.Contract)) && (Topics.Count == 0 || Topics.Contains(e.Topic));
    }

    /// <summary>An event-stream subscriber that hands matching events to one HTTP response, and ends it when the client lags too far.</summary>
    private sealed class ChannelRef(ChannelWriter<ContractEvent> writer, EventFilter filter) : IActorRef
    {
        private long _chars;

        public string Path => "/http/events";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not ContractEvent e || !filter.Matches(e)) return;
            if (Interlocked.Add(ref _chars, e.Content.Length) > ClientBufferChars || !writer.TryWrite(e)) writer.TryComplete();
        }

        public void Taken(ContractEvent e) => Interlocked.Add(ref _chars, -e.Content.Length);
    }
}
