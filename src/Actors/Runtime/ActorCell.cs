namespace ActorVm.Actors.Runtime;

/// <summary>
/// The runtime side of one actor: its reference, mailbox, children and lifecycle. The actor
/// instance is made on the actor's own dispatcher (a pinned actor is created on its thread).
/// </summary>
internal sealed class ActorCell : IActorRef, IActorContext
{
    private readonly Props _props;
    private readonly ActorCell? _parent;
    private readonly Dictionary<string, ActorCell> _children = [];
    private readonly Mailbox _mailbox;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActorBase? _actor;
    private IActorRef? _sender;
    private bool _stopping;
    private int _nextChildId;

    public ActorCell(ActorSystem system, Props props, string path, ActorCell? parent)
    {
        System = system;
        Path = path;
        _props = props;
        _parent = parent;
        _mailbox = new Mailbox(this, system.DispatcherFor(props, path));
    }

    public string Path { get; }
    public ActorSystem System { get; }
    public IActorRef Self => this;
    public IActorRef Sender => _sender ?? System.DeadLetters;
    public IActorRef? Parent => _parent;
    public IEnumerable<IActorRef> Children => _children.Values;

    /// <summary>Completes once the actor has stopped and its PostStop has run.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Messages waiting in the mailbox.</summary>
    public int QueueLength => _mailbox.Count;

    public void Tell(object message, IActorRef? sender = null)
    {
        if (!_mailbox.Post(new Envelope(message, sender))) System.DeadLetters.Tell(message, sender);
    }

    internal void Start() => _mailbox.PostSystem(new SystemMessage.Create());

    internal void RequestStop() => _mailbox.PostSystem(new SystemMessage.Terminate());

    public IActorRef ActorOf(Props props, string? name = null)
    {
        name ??= "$" + _nextChildId++;
        if (_children.ContainsKey(name)) throw new InvalidOperationException($"{Path}/{name} already exists");
        var child = new ActorCell(System, props, $"{Path}/{name}", this);
        _children[name] = child;
        child.Start();
        return child;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is ActorCell cell) cell.RequestStop();
    }

    internal void Invoke(Envelope envelope)
    {
        _sender = envelope.Sender;
        try
        {
            _actor?.Receive(envelope.Message);
        }
        catch (Exception e)
        {
            // Until supervision arrives, a failure is logged and the actor resumes with the next message.
            System.Log.Error(e, $"{Path} failed on {envelope.Message.GetType().Name}");
        }
        finally
        {
            _sender = null;
        }
    }

    internal void SystemInvoke(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Create:
                Create();
                break;
            case SystemMessage.Terminate when !_stopping:
                _stopping = true;
                foreach (var child in _children.Values) child.RequestStop();
                FinishStopIfChildrenGone();
                break;
            case SystemMessage.ChildTerminated(var child):
                _children.Remove(child.Path[(child.Path.LastIndexOf('/') + 1)..]);
                FinishStopIfChildrenGone();
                break;
        }
    }

    private void Create()
    {
        try
        {
            _actor = _props.Factory();
            _actor.Attach(this);
            _actor.PreStart();
        }
        catch (Exception e)
        {
            System.Log.Error(e, $"{Path} could not be created; it stops");
            _actor = null;
            RequestStop();
        }
    }

    private void FinishStopIfChildrenGone()
    {
        if (!_stopping || _children.Count > 0 || _mailbox.IsClosed) return;
        try
        {
            _actor?.PostStop();
        }
        catch (Exception e)
        {
            System.Log.Error(e, $"{Path} failed in PostStop");
        }
        _mailbox.Close(System.DeadLetters);
        _parent?._mailbox.PostSystem(new SystemMessage.ChildTerminated(this));
        System.Forget(this);
        _terminated.TrySetResult();
    }

    public override string ToString() => Path;
}
