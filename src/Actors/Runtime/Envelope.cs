namespace ActorVm.Actors.Runtime;

/// <summary>A user message with the sender it came from.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);

/// <summary>Messages of the runtime to an actor cell; always processed before user messages.</summary>
internal abstract record SystemMessage
{
    internal sealed record Create : SystemMessage;
    internal sealed record Terminate : SystemMessage;
    internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;
}
