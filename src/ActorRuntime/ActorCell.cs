namespace ActorVm.Actors.Runtime;

/// <summary>
/// The runtime side of one actor: its reference, mailbox, children and lifecycle. Everything here
/// runs inside the mailbox's run except Tell, SendSystem and the child table (locked), which any
/// thread may use.
/// </summary>
internal sealed partial class ActorCell : IActorRef, IActorContext
{
    /// <summary>The cell whose handler runs on this thread: the implicit sender of a Tell without one.</summary>
    [ThreadStatic] private static ActorCell? _current;

    /// <summary>The cell whose actor is being constructed on this thread.</summary>
    [ThreadStatic] internal static ActorCell? Creating;

    private readonly Props _props;
    private readonly Mailbox _mailbox;
    private readonly ActorSynchronizationContext _syncContext;
    private ActorBase? _actor;
    private Envelope? _currentEnvelope;
    private volatile bool _processing;
    private volatile bool _started;
    private TimerScheduler? _timers;
    private StashBuffer? _stash;
    private LoggingAdapter? _log;

    public ActorCell(ActorSystem system, Props props, string path, ActorCell? parent)
    {
        System = system;
        Path = path;
        Name = path[(path.LastIndexOf('/') + 1)..];
        _props = props;
        ParentCell = parent;
        _mailbox = new Mailbox(this, system.DispatcherFor(props, path), props.Mailbox.CreateQueue());
        _syncContext = new ActorSynchronizationContext(this);
        PublicRef = this;
    }

    public string Path { get; }
    public string Name { get; }
    public ActorSystem System { get; }
    public IActorRef Self => PublicRef;
    public IActorRef Sender => _currentEnvelope?.Sender ?? System.DeadLetters;
    public IActorRef? Parent => ParentCell?.PublicRef;
    internal ActorCell? ParentCell { get; }

    /// <summary>The reference handed out for this actor (a router's cell is reached through its router ref).</summary>
    internal IActorRef PublicRef { get; set; }

    internal Envelope? CurrentEnvelope => _currentEnvelope;

    /// <summary>The actor whose handler runs on this thread, if any: the implicit sender.</summary>
    internal static IActorRef? CurrentSelf => _current?.PublicRef;

    /// <summary>True while a message is being handled (or its async handler awaited).</summary>
    internal bool IsProcessing => _processing;

    /// <summary>False while the actor is being created or restarted (constructor, PreStart, PostRestart).</summary>
    internal bool IsStarted => _started;

    /// <summary>Messages waiting in the mailbox.</summary>
    public int QueueLength => _mailbox.Count;

    internal ITimerScheduler Timers => _timers ??= new TimerScheduler(this);
    internal IStash Stash => _stash ??= new StashBuffer(this, _mailbox);
    internal LoggingAdapter Log => _log ??= new LoggingAdapter(System.EventStream, Path);

    public void Tell(object message, IActorRef? sender = null)
    {
        sender ??= _current?.PublicRef;
        Post(new Envelope(message, sender));
    }

    /// <summary>A message a pool router chose this routee for (the sender already resolved).</summary>
    internal void TellRouted(object message, IActorRef? sender) => Post(new Envelope(message, sender, Routed: true));

    private void Post(in Envelope envelope)
    {
        if (!_mailbox.Post(envelope, out var dropped)) Undeliverable(dropped);
    }

    // Where routed messages go that reach this actor once it has stopped (or is stopping), instead of
    // dead letters: set by a pool router on a routee it removed. A sender that picked the routee just
    // before its removal, then was held up (a garbage collection pauses every thread, longer than the
    // router waits before stopping it), would otherwise lose its message; it reaches a live routee.
    // Only what the router chose this routee for goes on: broadcast copies, timers, Terminated and
    // messages told to it directly were meant for it alone.
    private volatile IActorRef? _successor;

    /// <summary>From now on, routed messages this actor cannot take any more go to <paramref name="successor"/>.</summary>
    internal void RetireTo(IActorRef successor) => _successor = successor;

    private void Undeliverable(in Envelope envelope)
    {
        // Never the stopped routee itself as the sender: a reply to it would come back as a request.
        if (envelope.Routed && _successor is { } successor) successor.Tell(envelope.Message, envelope.Sender ?? System.DeadLetters);
        else System.PublishDeadLetter(envelope.Message, envelope.Sender, PublicRef);
    }

    internal void SendSystem(SystemMessage message)
    {
        if (!_mailbox.PostSystem(message)) OnSystemMessageToDeadCell(message);
    }

    internal void Invoke(Envelope envelope)
    {
        var previous = _current;
        _current = this;
        _currentEnvelope = envelope;
        _processing = true;
        var awaiting = false;
        try
        {
            awaiting = Dispatch(envelope.Message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (!awaiting)
            {
                _currentEnvelope = null;
                _processing = false;
            }
            _current = previous;
        }
    }

    /// <summary>Handles one user message; true when an async handler is still running.</summary>
    private bool Dispatch(object message)
    {
        switch (message)
        {
            case PoisonPill:
                SendSystem(new SystemMessage.Terminate());
                return false;
            case Kill:
                throw new ActorKilledException($"{Path} was killed");
            case TimerFired fired:
                if (_timers?.Accept(fired) is not { } inner) return false;
                message = inner;
                break;
        }
        if (_actor is null)
        {
            Undeliverable(new Envelope(message, _currentEnvelope?.Sender, _currentEnvelope?.Routed ?? false));
            return false;
        }
        var task = _actor.ReceiveMessage(message);
        if (task is null || task.IsCompletedSuccessfully) return false;
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return false;
        }
        _mailbox.Suspend();
        task.ContinueWith(static (t, cell) => ((ActorCell)cell!).SendSystem(new SystemMessage.AsyncCompleted(t)), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    /// <summary>Starts an async handler with this actor's synchronization context, so its awaits come back here.</summary>
    internal Task RunAsyncHandler(Func<Task> handler)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            return handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    internal void SystemInvoke(SystemMessage message)
    {
        var previous = _current;
        _current = this;
        try
        {
            switch (message)
            {
                case SystemMessage.Create: Create(); break;
                case SystemMessage.Terminate: Terminate(); break;
                case SystemMessage.Recreate r: Recreate(r.Cause); break;
                case SystemMessage.Suspend: SuspendSelfAndChildren(); break;
                case SystemMessage.Resume: ResumeSelfAndChildren(); break;
                case SystemMessage.Failed f: HandleChildFailure(f.Child, f.Cause); break;
                case SystemMessage.ChildTerminated c: HandleChildTerminated(c.Child); break;
                case SystemMessage.DeathWatchNotification d: HandleWatchedTerminated(d.Actor); break;
                case SystemMessage.RunContinuation run: RunContinuation(run); break;
                case SystemMessage.AsyncCompleted done: AsyncCompleted(done.Task); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _current = previous;
        }
    }

    private void RunContinuation(SystemMessage.RunContinuation run)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            run.Callback(run.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void AsyncCompleted(Task task)
    {
        _mailbox.Resume();
        _processing = false;
        try
        {
            if (!task.IsCompletedSuccessfully) task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentEnvelope = null;
        }
    }

    public void Become(Action configure) => Actor.Become(configure);
    public void BecomeStacked(Action configure) => Actor.BecomeStacked(configure);
    public void UnbecomeStacked() => Actor.UnbecomeStacked();

    private ActorBase Actor => _actor ?? throw new InvalidOperationException($"{Path} has no running actor");

    public override string ToString() => Path;

    /// <summary>Posts continuations of an actor's async handler back into its mailbox.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => cell.SendSystem(new SystemMessage.RunContinuation(d, state));

        public override SynchronizationContext CreateCopy() => this;
    }
}
