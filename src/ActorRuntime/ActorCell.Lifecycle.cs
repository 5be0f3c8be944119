namespace ActorVm.Actors.Runtime;

internal sealed partial class ActorCell
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _terminating;
    private Exception? _recreateCause;

    /// <summary>Completes once the actor has stopped and its PostStop has run.</summary>
    public Task WhenTerminated => _terminated.Task;

    private void Create()
    {
        try
        {
            NewActor();
            _actor!.PreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{Path} failed to start", e));
        }
        finally
        {
            _started = true;
        }
    }

    private void NewActor()
    {
        _actor = null;
        var previous = Creating;
        Creating = this;
        try
        {
            _actor = _props.Factory();
        }
        finally
        {
            Creating = previous;
        }
    }

    /// <summary>Stops: no more user messages, children first, then PostStop, the parent and the watchers told.</summary>
    private void Terminate()
    {
        if (_terminating) return;
        _terminating = true;
        _mailbox.Suspend();
        UnwatchAll();
        _timers?.CancelAll();
        var children = ChildEntries;
        if (children.Count == 0) FinishTerminate();
        else foreach (var child in children) child.Stop();
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.PostStop();
        }
        catch (Exception e)
        {
            Log.Error(e, $"{Path} failed in PostStop");
        }
        _actor = null;
        var undelivered = _mailbox.Close();
        if (_stash is not null) undelivered.InsertRange(0, _stash.Drain());
        foreach (var e in undelivered) Undeliverable(e);
        ParentCell?.SendSystem(new SystemMessage.ChildTerminated(this));
        NotifyWatchers();
        _terminated.TrySetResult();
    }

    /// <summary>Restart, step one: PreRestart on the failed instance, then wait for its children to stop.</summary>
    private void Recreate(Exception cause)
    {
        if (_terminating) return;
        if (_actor is not null)
        {
            try
            {
                _actor.PreRestart(cause, _failedMessage);
            }
            catch (Exception e)
            {
                Log.Error(e, $"{Path} failed in PreRestart");
            }
        }
        _timers?.CancelAll();
        _stash?.UnstashAll();
        _currentEnvelope = null;
        _processing = false;
        _started = false;
        _recreateCause = cause;
        FinishRecreateWhenChildrenGone();
    }

    /// <summary>Restart, step two, once the children stopped by PreRestart are gone: a new instance, PostRestart.</summary>
    private void FinishRecreateWhenChildrenGone()
    {
        if (_recreateCause is not { } cause || ChildEntries.Any(c => c.Stopping)) return;
        _recreateCause = null;
        _failed = false;
        _failedMessage = null;
        _mailbox.Resume();
        try
        {
            NewActor();
            _actor!.PostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{Path} failed to restart", e));
            return;
        }
        finally
        {
            _started = true;
        }
        // Children that PreRestart kept are restarted with their parent.
        foreach (var survivor in ChildEntries) survivor.Cell.SendSystem(new SystemMessage.Recreate(cause));
    }

    private void HandleChildTerminated(ActorCell child)
    {
        if (!RemoveChild(child)) return;
        if (_terminating)
        {
            if (ChildCount == 0) FinishTerminate();
            return;
        }
        if (_recreateCause is not null) FinishRecreateWhenChildrenGone();
    }
}
