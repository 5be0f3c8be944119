namespace ActorVm.Actors.Runtime;

internal sealed partial class ActorCell
{
    // Locked: the system creates top-level actors from any thread under the guardian.
    private readonly Lock _childrenGate = new();
    private readonly Dictionary<string, ChildEntry> _children = [];
    private long _nextChildId;

    public IEnumerable<IActorRef> Children => ChildEntries.Select(c => c.Cell.PublicRef);

    private List<ChildEntry> ChildEntries
    {
        get { lock (_childrenGate) return _children.Values.ToList(); }
    }

    private int ChildCount
    {
        get { lock (_childrenGate) return _children.Count; }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/') || name.StartsWith('$')))
            throw new ArgumentException($"'{name}' is not a valid actor name: non-empty, no '/', not starting with '$'", nameof(name));
        ActorCell child;
        lock (_childrenGate)
        {
            name ??= "$" + _nextChildId++;
            if (_children.ContainsKey(name)) throw new InvalidOperationException($"{Path}/{name} already exists");
            if (props.Router is { } pool)
            {
                var router = new Routing.RouterActorRef(pool);
                child = new ActorCell(System, Routing.PoolRouter.PropsFor(router, pool, props with { Router = null }), $"{Path}/{name}", this);
                router.Attach(child);
                child.PublicRef = router;
            }
            else child = new ActorCell(System, props, $"{Path}/{name}", this);
            _children[name] = new ChildEntry(child, System.Clock);
        }
        child.SendSystem(new SystemMessage.Create());
        return child.PublicRef;
    }

    public IActorRef? Child(string name)
    {
        lock (_childrenGate) return _children.TryGetValue(name, out var entry) ? entry.Cell.PublicRef : null;
    }

    private ChildEntry? EntryOf(ActorCell child)
    {
        lock (_childrenGate)
            return _children.TryGetValue(child.Name, out var entry) && entry.Cell == child ? entry : null;
    }

    private bool RemoveChild(ActorCell child)
    {
        lock (_childrenGate)
            return _children.TryGetValue(child.Name, out var entry) && entry.Cell == child && _children.Remove(child.Name);
    }

    /// <summary>Stops any actor; a child is marked as stopping so that a restart waits for it.</summary>
    public void Stop(IActorRef actor)
    {
        if (AsCell(actor) is not { } cell) return;
        if (EntryOf(cell) is { } entry) entry.Stop();
        else cell.SendSystem(new SystemMessage.Terminate());
    }

    /// <summary>The cell behind a reference: a cell itself, or a router's.</summary>
    internal static ActorCell? AsCell(IActorRef actor) => actor switch
    {
        ActorCell cell => cell,
        Routing.RouterActorRef router => router.Cell,
        _ => null,
    };
}
