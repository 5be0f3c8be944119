namespace ActorVm.Actors.Runtime;

/// <summary>
/// How a parent handles its children's failures: the decider maps an exception to a directive;
/// restarts are limited to maxNrOfRetries (-1: unlimited) within withinTimeRange (null: ever).
/// A child whose restart budget is spent is stopped.
/// </summary>
public abstract class SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider,
    bool loggingEnabled)
{
    /// <summary>Akka's default: initialization, kill and death-pact errors stop; anything else restarts.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public static readonly SupervisorStrategy Default = new OneForOneStrategy(DefaultDecider);

    public static readonly SupervisorStrategy Stopping = new OneForOneStrategy(_ => Directive.Stop);

    public int MaxNrOfRetries => maxNrOfRetries;
    public TimeSpan? WithinTimeRange => withinTimeRange;
    public Func<Exception, Directive> Decider => decider;

    /// <summary>Applies a Restart (restart = true) or Stop decision to the failed child and, by strategy, its siblings.</summary>
    internal abstract void ProcessFailure(bool restart, ChildEntry failed, Exception cause, IReadOnlyCollection<ChildEntry> children);

    internal void LogFailure(ActorCell child, Exception cause, Directive directive, LoggingAdapter log)
    {
        if (!loggingEnabled) return;
        switch (directive)
        {
            case Directive.Resume:
                log.Warning($"{child.Path} failed and resumes: {cause.GetType().Name}: {cause.Message}");
                break;
            case Directive.Escalate:
                break;
            default:
                log.Error(cause, $"{child.Path} failed ({directive})");
                break;
        }
    }

    private protected static void Restart(ActorCell child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst) child.SendSystem(new SystemMessage.Suspend());
        child.SendSystem(new SystemMessage.Recreate(cause));
    }
}

/// <summary>The decision applies to the failed child alone.</summary>
public sealed class OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider,
    bool loggingEnabled = true) : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
{
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override void ProcessFailure(bool restart, ChildEntry failed, Exception cause, IReadOnlyCollection<ChildEntry> children)
    {
        if (restart && failed.Statistics.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange)) Restart(failed.Cell, cause, false);
        else failed.Stop();
    }
}

/// <summary>The decision applies to every child of the supervisor.</summary>
public sealed class AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider,
    bool loggingEnabled = true) : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
{
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override void ProcessFailure(bool restart, ChildEntry failed, Exception cause, IReadOnlyCollection<ChildEntry> children)
    {
        // As in Akka, they restart only if every child is granted a restart; otherwise all stop.
        if (restart && children.All(c => c.Statistics.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange)))
        {
            foreach (var child in children) Restart(child.Cell, cause, suspendFirst: child != failed);
        }
        else
        {
            foreach (var child in children) child.Stop();
        }
    }
}

/// <summary>A child as its parent knows it: the cell, its restart budget, whether the parent stopped it.</summary>
internal sealed class ChildEntry(ActorCell cell, TimeProvider clock)
{
    public ActorCell Cell { get; } = cell;
    public RestartStatistics Statistics { get; } = new(clock);

    /// <summary>Set by the parent (on its own thread) once it has asked the child to stop.</summary>
    public bool Stopping { get; private set; }

    public void Stop()
    {
        Stopping = true;
        Cell.SendSystem(new SystemMessage.Terminate());
    }
}
