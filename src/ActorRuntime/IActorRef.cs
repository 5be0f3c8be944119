namespace ActorVm.Actors.Runtime;

/// <summary>An address to send messages to. Tell never blocks and never throws for a dead target.</summary>
public interface IActorRef
{
    string Path { get; }

    void Tell(object message, IActorRef? sender = null);
}

public static class ActorRefExtensions
{
    /// <summary>Sends on behalf of the original sender, as Akka's Forward.</summary>
    public static void Forward(this IActorRef target, object message, IActorContext context) =>
        target.Tell(message, context.Sender);
}
