namespace ActorVm.Actors.Runtime;

/// <summary>
/// A user message with the sender it came from. Routed: a pool router chose this recipient for it,
/// so it may be routed again should the recipient have been retired (<see cref="ActorCell.RetireTo"/>).
/// </summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender, bool Routed = false);

/// <summary>Messages of the runtime to an actor cell; always processed before user messages.</summary>
internal abstract record SystemMessage
{
    internal sealed record Create : SystemMessage;
    internal sealed record Terminate : SystemMessage;
    internal sealed record Recreate(Exception Cause) : SystemMessage;
    internal sealed record Suspend : SystemMessage;
    internal sealed record Resume : SystemMessage;
    internal sealed record Failed(ActorCell Child, Exception Cause) : SystemMessage;
    internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;
    internal sealed record DeathWatchNotification(ActorCell Actor) : SystemMessage;
    internal sealed record RunContinuation(SendOrPostCallback Callback, object? State) : SystemMessage;
    internal sealed record AsyncCompleted(Task Task) : SystemMessage;
}
