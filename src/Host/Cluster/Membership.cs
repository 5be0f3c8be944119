using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>A node as its last heartbeat described it.</summary>
internal sealed record MemberStatus(string Id, string Role, string Url, int Pid, long Height, string StateRoot, int Pool)
{
    public DateTime SeenAt { get; init; }
}

/// <summary>
/// Who is in the cluster: each node announces itself every second on a fanout exchange and hears
/// everyone's announcements; a node not heard from for three seconds is not alive.
/// </summary>
internal sealed class Membership(IChannel channel)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, MemberStatus> _members = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task StartAsync(CancellationToken cancel)
    {
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancel);
        await channel.QueueBindAsync(queue.QueueName, ClusterTopology.Members, "", cancellationToken: cancel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (JsonSerializer.Deserialize<MemberStatus>(delivery.Body.Span) is { } status) _members[status.Id] = status with { SeenAt = DateTime.UtcNow };
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, true, consumer, cancel);
    }

    public async Task AnnounceAsync(MemberStatus status)
    {
        await _gate.WaitAsync();
        try
        {
            await channel.BasicPublishAsync(ClusterTopology.Members, "", JsonSerializer.SerializeToUtf8Bytes(status));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every node heard from, with whether it is alive and how far behind the highest it is.</summary>
    public IReadOnlyList<(MemberStatus Status, bool Alive, long Lag)> Nodes()
    {
        var now = DateTime.UtcNow;
        var all = _members.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        var top = all.Count == 0 ? 0 : all.Max(m => m.Height);
        return all.Select(m => (m, now - m.SeenAt < Silence, top - m.Height)).ToList();
    }
}
