namespace ActorVm.Actors.Runtime;

internal sealed partial class ActorCell
{
    private bool _failed;

    /// <summary>The message whose handling failed, for PreRestart.</summary>
    private object? _failedMessage;

    /// <summary>
    /// A handler failed: the actor and its children are suspended and the parent decides. The
    /// failing message is not retried.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_failed || _terminating)
        {
            Log.Error(cause, $"{Path} failed again while {(_terminating ? "stopping" : "awaiting its supervisor")}");
            return;
        }
        _failed = true;
        _failedMessage = _currentEnvelope?.Message;
        SuspendSelfAndChildren();
        if (ParentCell is { } parent) parent.SendSystem(new SystemMessage.Failed(this, cause));
        else
        {
            Log.Error(cause, $"{Path} failed with no supervisor above it; it stops");
            SendSystem(new SystemMessage.Terminate());
        }
    }

    private void SuspendSelfAndChildren()
    {
        _mailbox.Suspend();
        foreach (var child in ChildEntries) child.Cell.SendSystem(new SystemMessage.Suspend());
    }

    private void ResumeSelfAndChildren()
    {
        _failed = false;
        _failedMessage = null;
        _mailbox.Resume();
        foreach (var child in ChildEntries) child.Cell.SendSystem(new SystemMessage.Resume());
    }

    private void HandleChildFailure(ActorCell child, Exception cause)
    {
        // A failure report from a child already stopped or replaced is stale.
        if (EntryOf(child) is not { Stopping: false } entry) return;
        var strategy = _actor?.SupervisorStrategy() ?? SupervisorStrategy.Default;
        var directive = strategy.Decider(cause);
        strategy.LogFailure(child, cause, directive, Log);
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystem(new SystemMessage.Resume());
                break;
            case Directive.Restart:
            case Directive.Stop:
                strategy.ProcessFailure(directive == Directive.Restart, entry, cause, ChildEntries.Where(c => !c.Stopping).ToList());
                break;
            case Directive.Escalate:
                HandleEscalation(cause);
                break;
        }
    }

    /// <summary>
    /// Escalation fails this actor with the child's exception. Deliberate difference from Akka: at the
    /// top (the user guardian) the escalating child is stopped instead of the whole system.
    /// </summary>
    private void HandleEscalation(Exception cause)
    {
        if (ParentCell is null)
        {
            Log.Error(cause, "a top-level actor escalated a failure; the guardian stops it");
            foreach (var child in ChildEntries.Where(c => c.Cell._failed)) child.Stop();
            return;
        }
        HandleInvokeFailure(cause);
    }
}
