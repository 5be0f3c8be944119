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
