namespace ActorVm.Actors.Runtime;

/// <summary>How to make an actor: its factory and the dispatcher it runs on. Immutable.</summary>
public sealed record Props(Func<ActorBase> Factory, string Dispatcher = Dispatchers.Default)
{
    public static Props Create<T>(Func<T> factory) where T : ActorBase => new(factory);

    /// <summary>Runs the actor on a thread of its own (Akka's PinnedDispatcher).</summary>
    public Props WithPinnedDispatcher() => this with { Dispatcher = Dispatchers.Pinned };
}
