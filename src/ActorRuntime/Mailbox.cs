using System.Collections.Concurrent;

namespace ActorVm.Actors.Runtime;

/// <summary>
/// An actor's queues and its scheduling state, as in Akka: system messages first, then at most
/// the dispatcher's throughput of user messages per run; one run at a time. While suspended
/// (a failure awaiting its supervisor, an async handler in progress, stopping) only system
/// messages are processed.
/// </summary>
internal sealed class Mailbox(ActorCell cell, IDispatcher dispatcher, IUserQueue user) : IThreadPoolWorkItem
{
    private const int Scheduled = 1, Closed = 2;

    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private Queue<Envelope>? _front;
    private int _status;
    private int _suspendCount;

    public int Count => user.Count + (_front?.Count ?? 0);

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    private bool IsSuspended => Volatile.Read(ref _suspendCount) > 0;

    /// <summary>False when the message did not get in (closed, or full); it is returned as dropped.</summary>
    public bool Post(in Envelope envelope, out Envelope dropped)
    {
        dropped = envelope;
        if (IsClosed) return false;
        var accepted = user.TryEnqueue(envelope, out dropped);
        TrySchedule();
        return accepted;
    }

    /// <summary>False when the mailbox is closed and the message was not queued.</summary>
    public bool PostSystem(SystemMessage message)
    {
        if (IsClosed) return false;
        _system.Enqueue(message);
        TrySchedule();
        return true;
    }

    /// <summary>Only from the mailbox's own run.</summary>
    public void Suspend() => _suspendCount++;

    /// <summary>Only from the mailbox's own run.</summary>
    public void Resume() => _suspendCount = Math.Max(0, _suspendCount - 1);

    /// <summary>Puts messages back in front of the queue, in order (unstash). Only from the mailbox's own run.</summary>
    public void Prepend(IReadOnlyCollection<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var front = new Queue<Envelope>(envelopes);
        if (_front is not null) foreach (var e in _front) front.Enqueue(e);
        _front = front;
    }

    private void TrySchedule()
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & (Scheduled | Closed)) != 0) return;
            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                dispatcher.Schedule(this);
                return;
            }
        }
    }

    public void Execute()
    {
        try
        {
            ProcessSystem();
            for (var left = dispatcher.Throughput; left > 0 && !IsClosed && !IsSuspended && TryDequeue(out var envelope); left--)
            {
                cell.Invoke(envelope);
                if (!_system.IsEmpty) ProcessSystem();
            }
        }
        finally
        {
            Interlocked.And(ref _status, ~Scheduled);
            if (!IsClosed && (!_system.IsEmpty || (!IsSuspended && Count > 0))) TrySchedule();
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_front is { Count: > 0 })
        {
            envelope = _front.Dequeue();
            return true;
        }
        return user.TryDequeue(out envelope);
    }

    private void ProcessSystem()
    {
        while (!IsClosed && _system.TryDequeue(out var message)) cell.SystemInvoke(message);
    }

    /// <summary>Closes the mailbox and hands back what is still queued, for dead letters.</summary>
    public List<Envelope> Close()
    {
        Interlocked.Or(ref _status, Closed);
        var left = new List<Envelope>();
        while (TryDequeue(out var envelope)) left.Add(envelope);
        dispatcher.Detach(this);
        return left;
    }
}
