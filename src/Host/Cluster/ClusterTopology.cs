using System.Text;
using RabbitMQ.Client;

namespace ActorVm.Host.Cluster;

/// <summary>
/// The cluster's queues on RabbitMQ, declared once when the cluster is set up (`actorvm cluster init`),
/// before any node attaches: two processes declaring the same new queue at once can fail.
/// </summary>
public static class ClusterTopology
{
    /// <summary>The producer lease: a single-active-consumer quorum queue holding one token, which the broker hands to the next node when its holder's connection dies.</summary>
    public const string Lease = "actorvm.lease";

    /// <summary>Submitted transactions, durable; the producer acknowledges each once a committed block holds it.</summary>
    public const string Transactions = "actorvm.transactions";

    /// <summary>Every block, in chain order, retained: a stream that replicas read from the start.</summary>
    public const string Blocks = "actorvm.blocks";

    /// <summary>Read-only calls for the cluster's workers, competing consumers; answered by direct reply-to. Classic: a call is not worth replicating.</summary>
    public const string Queries = "actorvm.queries";

    /// <summary>Asks for a block's result, for the cluster's workers, competing consumers; answered by direct reply-to. Classic, as queries.</summary>
    public const string Validations = "actorvm.validations";

    /// <summary>Every node's heartbeat, to every node: who is there, in what role, at what height.</summary>
    public const string Members = "actorvm.members";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancel = default)
    {
        await channel.ExchangeDeclareAsync(Members, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancel);
        await channel.QueueDeclareAsync(Lease, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-single-active-consumer"] = true }, cancellationToken: cancel);
        await channel.QueueDeclareAsync(Transactions, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancel);
        // Calls are answered in seconds or run on the node that asked: a classic queue, without the quorum's replicated writes.
        await channel.QueueDeclareAsync(Queries, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: cancel);
        await channel.QueueDeclareAsync(Validations, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: cancel);
        await channel.QueueDeclareAsync(Blocks, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "stream" }, cancellationToken: cancel);
        // One token: whoever holds it (unacknowledged) produces.
        var lease = await channel.QueueDeclarePassiveAsync(Lease, cancel);
        if (lease.MessageCount == 0 && lease.ConsumerCount == 0)
            await channel.BasicPublishAsync("", Lease, true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("lease"), cancel);
    }

    /// <param name="tlsCaFile">For amqps:// URIs: the CA (PEM) the brokers' certificates chain to; none means the machine's trusted roots.</param>
    public static async Task<IConnection> ConnectAsync(IReadOnlyList<string> uris, string name, string? tlsCaFile = null, CancellationToken cancel = default)
    {
        if (uris.FirstOrDefault(u => !u.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new UriFormatException($"'{other}' is not an amqp:// or amqps:// URI");
        var first = new Uri(uris[0]);
        var factory = new ConnectionFactory { Uri = first, ClientProvidedName = name, AutomaticRecoveryEnabled = false };
        var endpoints = uris.Select(u => new Uri(u))
            .Select(u => u.Scheme == "amqps" ? new AmqpTcpEndpoint(u.Host, u.Port, BrokerTls.For(u, tlsCaFile)) : new AmqpTcpEndpoint(u.Host, u.Port)).ToList();
        return await factory.CreateConnectionAsync(endpoints, name, cancel);
    }

    public static Task<IChannel> ConfirmingChannelAsync(IConnection connection, CancellationToken cancel = default) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancel);
}
