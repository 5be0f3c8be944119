namespace ActorVm.Actors.Runtime;

/// <summary>Settings of an actor system; the defaults are Akka's where Akka has one.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>User messages a mailbox handles before it gives its thread back (default dispatcher).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Which log events are written to standard error, and how.</summary>
    public StdErrLogging StdErr { get; init; } = new(LogLevel.Warning);

    /// <summary>How the user guardian supervises top-level actors.</summary>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Default;

    /// <summary>The clock of restart windows (replaceable in tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>The home of a tree of actors under the user guardian (/user).</summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly IDispatcher _default;
    private readonly ActorCell _guardian;
    private long _deadLetterCount;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        _default = new ThreadPoolDispatcher(settings.Throughput);
        DeadLetters = new DeadLetterRef(this);
        Log = new LoggingAdapter(EventStream, $"ActorSystem({name})");
        if (settings.StdErr.Level != LogLevel.Off || settings.StdErr.SourceLevels.Count > 0)
            EventStream.Subscribe(new StandardErrorLogger(settings.StdErr), typeof(LogEvent));
        _guardian = new ActorCell(this, Props.Create(() => new Guardian(settings.GuardianStrategy)), "/user", null);
        _guardian.SendSystem(new SystemMessage.Create());
    }

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null) => new(name, settings ?? new ActorSystemSettings());

    public string Name { get; }
    public ActorSystemSettings Settings { get; }
    public EventStream EventStream { get; } = new();
    public Scheduler Scheduler { get; } = new();
    public IActorRef DeadLetters { get; }
    public LoggingAdapter Log { get; }
    internal TimeProvider Clock => Settings.Clock;

    /// <summary>How many messages went to dead letters.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes when the system has terminated.</summary>
    public Task WhenTerminated => _guardian.WhenTerminated;

    /// <summary>A top-level actor, supervised by the user guardian.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.ActorOf(props, name);

    public void Stop(IActorRef actor) => _guardian.Stop(actor);

    /// <summary>Stops every actor, children before parents, and waits up to the timeout.</summary>
    public async Task Terminate(TimeSpan? timeout = null)
    {
        _guardian.SendSystem(new SystemMessage.Terminate());
        try
        {
            await _guardian.WhenTerminated.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        finally
        {
            Scheduler.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(Terminate());

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Interlocked.Increment(ref _deadLetterCount);
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal IDispatcher DispatcherFor(Props props, string path) =>
        props.Dispatcher == Dispatchers.Pinned ? new PinnedDispatcher(path) : _default;

    private sealed class Guardian(SupervisorStrategy strategy) : ActorBase
    {
        protected internal override SupervisorStrategy SupervisorStrategy() => strategy;
    }

    private sealed class DeadLetterRef(ActorSystem system) : IActorRef
    {
        public string Path => "/deadLetters";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not DeadLetter) system.PublishDeadLetter(message, sender, this);
        }
    }
}
