using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>
/// Block validation shared with the cluster's workers. A worker is a replica: it executes every block
/// of the stream for its own chain, and keeps what the last ones gave (receipts and writes). A node
/// with cluster:remoteValidation asks for a block's result on the validations queue (workers take the
/// asks as competing consumers, answering by direct reply-to once their own chain holds the block) and
/// validates with it instead of executing the block itself: its own producer still checks every
/// receipt and the state root against the signed block, and executes the block itself when no worker
/// answers in time or the answer does not hold.
/// </summary>
internal sealed class ValidationWork(Action<string> log)
{
    private static readonly TimeSpan RemoteWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OwnWait = TimeSpan.FromSeconds(8);
    private const int Kept = 256;

    private readonly AwaitedReplies<ExecutedBlock> _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BlockExecutedHere>> _executed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _executedOrder = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _requests;

    private sealed record Ask(string Hash, long Height);

    private sealed record Answer(string By, IReadOnlyList<string>? Receipts, IReadOnlyList<KeyValuePair<string, string?>>? Writes);

    /// <summary>On a node: a channel that sends asks and hears their answers.</summary>
    public async Task OpenAsync(IChannel channel, CancellationToken cancel)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            _pending.Take(delivery.BasicProperties.CorrelationId)?.TrySetResult(Executed(JsonSerializer.Deserialize<Answer>(delivery.Body.Span)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(DirectReply.Address, true, consumer, cancel);
        _requests = channel;
    }

    private static ExecutedBlock? Executed(Answer? answer) => answer is { Receipts: { } receipts, Writes: { } writes }
        ? new ExecutedBlock(receipts.Select(ChainJson.Deserialize<Receipt>).ToList(), WriteSet.From(writes), BudgetSpent: false)
        : null;

    /// <summary>A worker's result for the block; null when none had it in time.</summary>
    public async Task<ExecutedBlock?> AskAsync(ValidateBlock block) =>
        _requests is { } channel
            ? await _pending.AskAsync(channel, _gate, ClusterTopology.Validations, JsonSerializer.SerializeToUtf8Bytes(new Ask(block.Hash, block.Height)), RemoteWait)
            : null;

    /// <summary>On a worker: keeps the results of the blocks it executes, and answers asks for them, <paramref name="inHand"/> at a time.</summary>
    public async Task ServeAsync(EventStream events, IChannel channel, string workerId, ushort inHand, CancellationToken cancel)
    {
        events.Subscribe(new ResultKeeper(this), typeof(BlockExecutedHere));
        await channel.BasicQosAsync(0, inHand, false, cancel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            var (tag, replyTo, id) = (delivery.DeliveryTag, delivery.BasicProperties.ReplyTo, delivery.BasicProperties.CorrelationId);
            _ = Task.Run(async () =>
            {
                try
                {
                    var ask = JsonSerializer.Deserialize<Ask>(body)!;
                    Answer answer;
                    try
                    {
                        // This worker's own chain executes the block too: its result is shared once it has it.
                        var result = await Result(ask.Hash).Task.WaitAsync(OwnWait, cancel);
                        answer = new Answer(workerId, result.Receipts.Select(ChainJson.Serialize).ToList(), result.Writes.ToList());
                    }
                    catch (TimeoutException)
                    {
                        answer = new Answer(workerId, null, null);
                    }
                    await DirectReply.AnswerAsync(channel, _gate, replyTo, id, JsonSerializer.SerializeToUtf8Bytes(answer), tag, cancel);
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    log($"cluster: a validation ask could not be answered: {e.Message}");
                    await DirectReply.DropAsync(channel, _gate, tag, cancel);
                }
            }, cancel);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(ClusterTopology.Validations, false, consumer, cancel);
    }

    private TaskCompletionSource<BlockExecutedHere> Result(string hash) =>
        _executed.GetOrAdd(hash, h =>
        {
            _executedOrder.Enqueue(h);
            // The oldest results go: an ask comes while its block is new.
            while (_executedOrder.Count > Kept && _executedOrder.TryDequeue(out var old)) _executed.TryRemove(old, out _);
            return new TaskCompletionSource<BlockExecutedHere>(TaskCreationOptions.RunContinuationsAsynchronously);
        });

    private sealed class ResultKeeper(ValidationWork work) : IActorRef
    {
        public string Path => "/cluster/validations";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is BlockExecutedHere executed) work.Result(executed.Hash).TrySetResult(executed);
        }
    }
}
