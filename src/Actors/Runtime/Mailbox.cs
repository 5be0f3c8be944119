using System.Collections.Concurrent;

namespace ActorVm.Actors.Runtime;

/// <summary>
/// An actor's queues and its scheduling state, as in Akka: system messages first, then at most
/// the dispatcher's throughput of user messages per run; one run at a time.
/// </summary>
internal sealed class Mailbox(ActorCell cell, IDispatcher dispatcher) : IThreadPoolWorkItem
{
    private const int Scheduled = 1, Closed = 2;

    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly ConcurrentQueue<Envelope> _user = new();
    private int _status;

    public int Count => _user.Count;

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    /// <summary>False when the mailbox is closed: the caller routes the message to dead letters.</summary>
    public bool Post(in Envelope envelope)
    {
        if (IsClosed) return false;
        _user.Enqueue(envelope);
        TrySchedule();
        return true;
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        TrySchedule();
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
            for (var left = dispatcher.Throughput; left > 0 && !IsClosed && _user.TryDequeue(out var envelope); left--)
            {
                cell.Invoke(envelope);
                if (!_system.IsEmpty) ProcessSystem();
            }
        }
        finally
        {
            Interlocked.And(ref _status, ~Scheduled);
            if (!IsClosed && (!_system.IsEmpty || !_user.IsEmpty)) TrySchedule();
        }
    }

    private void ProcessSystem()
    {
        while (!IsClosed && _system.TryDequeue(out var message)) cell.SystemInvoke(message);
    }

    /// <summary>Closes the mailbox; what is still queued goes to dead letters.</summary>
    public void Close(IActorRef deadLetters)
    {
        Interlocked.Or(ref _status, Closed);
        while (_user.TryDequeue(out var envelope)) deadLetters.Tell(envelope.Message, envelope.Sender);
        dispatcher.Detach(this);
    }
}
