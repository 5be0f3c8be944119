namespace ActorVm.Actors.Runtime;

internal sealed partial class ActorCell
{
    private readonly HashSet<ActorCell> _watching = [];

    // Locked: a watcher registers from its own thread, possibly while this actor is stopping.
    private readonly Lock _watchersGate = new();
    private HashSet<IActorRef>? _watchers;
    private bool _dead;

    public void Watch(IActorRef subject)
    {
        var cell = AsCell(subject) ?? throw new ArgumentException($"{subject.Path} cannot be watched", nameof(subject));
        if (cell != this && _watching.Add(cell)) cell.AddWatcher(this);
    }

    public void Unwatch(IActorRef subject)
    {
        if (AsCell(subject) is { } cell && _watching.Remove(cell)) cell.RemoveWatcher(this);
    }

    /// <summary>Registers a watcher, or tells it at once when this actor is already dead.</summary>
    internal void AddWatcher(IActorRef watcher)
    {
        lock (_watchersGate)
        {
            if (!_dead)
            {
                (_watchers ??= []).Add(watcher);
                return;
            }
        }
        NotifyWatcher(watcher);
    }

    internal void RemoveWatcher(IActorRef watcher)
    {
        lock (_watchersGate) _watchers?.Remove(watcher);
    }

    private void NotifyWatchers()
    {
        IActorRef[] watchers;
        lock (_watchersGate)
        {
            _dead = true;
            watchers = _watchers?.ToArray() ?? [];
            _watchers = null;
        }
        foreach (var watcher in watchers) NotifyWatcher(watcher);
    }

    private void NotifyWatcher(IActorRef watcher)
    {
        if (watcher is ActorCell cell) cell.SendSystem(new SystemMessage.DeathWatchNotification(this));
        else watcher.Tell(new Terminated(PublicRef), PublicRef);
    }

    /// <summary>Terminated reaches the actor once, as a user message, and only while it still watches.</summary>
    private void HandleWatchedTerminated(ActorCell dead)
    {
        if (!_watching.Remove(dead) || _terminating) return;
        Tell(new Terminated(dead.PublicRef), dead.PublicRef);
    }

    private void UnwatchAll()
    {
        foreach (var cell in _watching) cell.RemoveWatcher(this);
        _watching.Clear();
    }

    private void OnSystemMessageToDeadCell(SystemMessage message)
    {
        // Only a failure report needs an answer after death: there is nobody left to decide.
        if (message is SystemMessage.Failed failed) failed.Child.SendSystem(new SystemMessage.Terminate());
    }
}
