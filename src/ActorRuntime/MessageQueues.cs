using System.Collections.Concurrent;

namespace ActorVm.Actors.Runtime;

/// <summary>What a bounded mailbox does with a message that finds it full. It never blocks the sender.</summary>
public enum OverflowPolicy
{
    /// <summary>The new message goes to dead letters.</summary>
    DropNewest,

    /// <summary>The oldest queued message goes to dead letters to make room.</summary>
    DropOldest,
}

/// <summary>Mailbox kind: unbounded (the default), or bounded with an overflow policy.</summary>
public sealed record MailboxOptions(int? Capacity = null, OverflowPolicy Overflow = OverflowPolicy.DropNewest)
{
    public static readonly MailboxOptions Unbounded = new();

    public static MailboxOptions Bounded(int capacity, OverflowPolicy overflow = OverflowPolicy.DropNewest) =>
        capacity > 0 ? new(capacity, overflow) : throw new ArgumentOutOfRangeException(nameof(capacity));

    internal IUserQueue CreateQueue() => Capacity is { } c ? new BoundedQueue(c, Overflow) : new UnboundedQueue();
}

/// <summary>The user-message queue of a mailbox: many writers, one reader.</summary>
internal interface IUserQueue
{
    int Count { get; }

    /// <summary>Enqueues; <paramref name="dropped"/> is a message the policy discarded (maybe this one).</summary>
    bool TryEnqueue(in Envelope envelope, out Envelope dropped);

    bool TryDequeue(out Envelope envelope);
}

internal sealed class UnboundedQueue : IUserQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        dropped = default;
        _queue.Enqueue(envelope);
        Interlocked.Increment(ref _count);
        return true;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope)) return false;
        Interlocked.Decrement(ref _count);
        return true;
    }
}

internal sealed class BoundedQueue(int capacity, OverflowPolicy overflow) : IUserQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        dropped = default;
        if (Interlocked.Increment(ref _count) <= capacity)
        {
            _queue.Enqueue(envelope);
            return true;
        }
        if (overflow == OverflowPolicy.DropNewest || !_queue.TryDequeue(out dropped))
        {
            Interlocked.Decrement(ref _count);
            dropped = envelope;
            return false;
        }
        _queue.Enqueue(envelope);
        Interlocked.Decrement(ref _count);
        return false;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope)) return false;
        Interlocked.Decrement(ref _count);
        return true;
    }
}
