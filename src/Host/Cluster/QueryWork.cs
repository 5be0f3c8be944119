using System.Text;
using System.Text.Json;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>
/// Read-only calls spread over the cluster's workers: a node publishes the call to the queries queue
/// with a direct reply-to address; workers take them as competing consumers, with as many in hand as
/// their pool may grow to, run each on their own replica of the chain and answer, once that replica
/// holds the asking node's height (a worker further behind declines). A call a dead worker held goes
/// to another. A call nobody answers in time, or that a worker declined, runs on the node itself.
/// </summary>
/// <param name="height">This node's committed height: a worker answers a call only once it holds the asking node's height.</param>
internal sealed class QueryWork(NodeActors actors, Action<string> log, Func<long> height)
{
    private static readonly TimeSpan RemoteWait = TimeSpan.FromSeconds(5);
    private readonly AwaitedReplies<QueryAnswered> _pending = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _requests;

    private sealed record Answer(string? Receipt, long Height, string By);

    private const string MinHeight = "min-height";
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);

    /// <summary>On a node: a channel that sends calls and hears their answers.</summary>
    public async Task OpenAsync(IChannel channel, CancellationToken cancel)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (_pending.Take(delivery.BasicProperties.CorrelationId) is { } waiting && JsonSerializer.Deserialize<Answer>(delivery.Body.Span) is { } answer)
            {
                // A worker behind this node declined: the node answers.
                waiting.TrySetResult(answer.Receipt is null ? null
                    : new QueryAnswered(ChainJson.Deserialize<Receipt>(answer.Receipt), answer.Height) { AnsweredBy = answer.By });
            }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(DirectReply.Address, true, consumer, cancel);
        _requests = channel;
    }

    /// <summary>Runs a call on a worker; null when none answered in time, or it declined.</summary>
    public async Task<QueryAnswered?> AskAsync(Transaction tx) =>
        _requests is { } channel
            ? await _pending.AskAsync(channel, _gate, ClusterTopology.Queries, Encoding.UTF8.GetBytes(ChainJson.Serialize(tx)), RemoteWait,
                new Dictionary<string, object?> { [MinHeight] = height() })
            : null;

    /// <summary>On a worker: takes calls from the queue, <paramref name="inHand"/> at a time, and answers each.</summary>
    public async Task ServeAsync(IChannel channel, string workerId, ushort inHand, CancellationToken cancel)
    {
        await channel.BasicQosAsync(0, inHand, false, cancel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            var (tag, replyTo, id) = (delivery.DeliveryTag, delivery.BasicProperties.ReplyTo, delivery.BasicProperties.CorrelationId);
            var least = delivery.BasicProperties.Headers is { } headers && headers.TryGetValue(MinHeight, out var h) && h is long value ? value : 0;
            // Answered off the consumer's turn, so that as many run at once as the worker holds.
            _ = Task.Run(async () =>
            {
                try
                {
                    var caughtUp = DateTime.UtcNow + CatchUpWait;
                    while (height() < least && DateTime.UtcNow < caughtUp) await Task.Delay(20, cancel);
                    byte[] reply;
                    if (height() < least) reply = JsonSerializer.SerializeToUtf8Bytes(new Answer(null, height(), workerId));
                    else
                    {
                        var tx = ChainJson.Deserialize<Transaction>(Encoding.UTF8.GetString(body));
                        var answer = await actors.VmManager.Ask<QueryAnswered>(new RunQuery(tx), actors.AskTimeout);
                        reply = JsonSerializer.SerializeToUtf8Bytes(new Answer(ChainJson.Serialize(answer.Receipt), answer.Height, workerId));
                    }
                    await DirectReply.AnswerAsync(channel, _gate, replyTo, id, reply, tag, cancel);
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    log($"cluster: a query could not be answered: {e.Message}");
                    await DirectReply.DropAsync(channel, _gate, tag, cancel);
                }
            }, cancel);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(ClusterTopology.Queries, false, consumer, cancel);
    }

    /// <summary>What a node's query endpoints ask: a worker when one is alive and answers in time, else this node's VM manager.</summary>
    internal sealed class RemoteQuerier(Func<QueryWork?> current, Func<bool> workersAlive, NodeActors actors) : IActorRef
    {
        public string Path => "/cluster/queries";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not RunQuery query) return;
            _ = Task.Run(async () =>
            {
                var answer = workersAlive() && current() is { } work ? await work.AskAsync(query.Transaction) : null;
                sender?.Tell(answer ?? await actors.VmManager.Ask<QueryAnswered>(query, actors.AskTimeout));
            });
        }
    }
}
