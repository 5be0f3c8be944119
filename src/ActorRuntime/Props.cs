using ActorVm.Actors.Runtime.Routing;

namespace ActorVm.Actors.Runtime;

/// <summary>How to make an actor: its factory, dispatcher, mailbox and, for a pool, the router. Immutable.</summary>
public sealed record Props(Func<ActorBase> Factory)
{
    public string Dispatcher { get; init; } = Dispatchers.Default;
    public MailboxOptions Mailbox { get; init; } = MailboxOptions.Unbounded;
    public Pool? Router { get; init; }

    public static Props Create<T>(Func<T> factory) where T : ActorBase => new(factory);

    /// <summary>Runs the actor on a thread of its own (Akka's PinnedDispatcher).</summary>
    public Props WithPinnedDispatcher() => this with { Dispatcher = Dispatchers.Pinned };

    public Props WithMailbox(MailboxOptions mailbox) => this with { Mailbox = mailbox };

    /// <summary>Makes a pool router whose routees are made from these props.</summary>
    public Props WithRouter(Pool pool) => this with { Router = pool };
}
