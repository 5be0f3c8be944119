using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace ActorVm.Host.Cluster;

/// <summary>
/// How a worker answers what it took from a work queue (queries, validation asks): by direct reply-to,
/// then an acknowledgement; or a refusal that drops the message. A channel is used by one publisher at
/// a time, so both take the channel's gate.
/// </summary>
internal static class DirectReply
{
    public const string Address = "amq.rabbitmq.reply-to";

    public static async Task AnswerAsync(IChannel channel, SemaphoreSlim gate, string? replyTo, string? correlationId, byte[] reply, ulong tag,
        CancellationToken cancel)
    {
        await gate.WaitAsync(cancel);
        try
        {
            if (replyTo is not null) await channel.BasicPublishAsync("", replyTo, false, new BasicProperties { CorrelationId = correlationId }, reply, cancel);
            await channel.BasicAckAsync(tag, false, cancel);
        }
        finally
        {
            gate.Release();
        }
    }

    public static async Task DropAsync(IChannel channel, SemaphoreSlim gate, ulong tag, CancellationToken cancel)
    {
        await gate.WaitAsync(cancel);
        try
        {
            await channel.BasicNackAsync(tag, false, false, cancel);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// Asks a node sent to a work queue and is waiting for: each by its correlation id, answered (or
/// declined) when its reply arrives, or given up after a wait.
/// </summary>
internal sealed class AwaitedReplies<T> where T : class
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<T?>> _pending = new(StringComparer.Ordinal);

    /// <summary>The waiting ask a reply is for, taken: null when none waits (it gave up, or the reply is not ours).</summary>
    public TaskCompletionSource<T?>? Take(string? correlationId) =>
        correlationId is not null && _pending.TryRemove(correlationId, out var waiting) ? waiting : null;

    /// <summary>Publishes an ask with a direct reply-to address and waits for its answer; null when none came in time or the channel closed.</summary>
    public async Task<T?> AskAsync(IChannel channel, SemaphoreSlim gate, string queue, byte[] body, TimeSpan wait,
        IDictionary<string, object?>? headers = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var answered = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answered;
        try
        {
            await gate.WaitAsync();
            try
            {
                // Expiring with the wait: an ask nobody took in time is not worked on after its asker gave up.
                await channel.BasicPublishAsync("", queue, true,
                    new BasicProperties { ReplyTo = DirectReply.Address, CorrelationId = id, Expiration = ((int)wait.TotalMilliseconds).ToString(), Headers = headers },
                    body);
            }
            finally
            {
                gate.Release();
            }
            return await answered.Task.WaitAsync(wait);
        }
        catch (Exception e) when (e is TimeoutException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }
}
