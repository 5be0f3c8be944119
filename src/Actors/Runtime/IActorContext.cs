namespace ActorVm.Actors.Runtime;

/// <summary>What an actor knows of itself and its surroundings, valid inside its handlers.</summary>
public interface IActorContext
{
    IActorRef Self { get; }
    IActorRef Sender { get; }
    IActorRef? Parent { get; }
    ActorSystem System { get; }
    IEnumerable<IActorRef> Children { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops the actor after the message in progress: children first, then PostStop.</summary>
    void Stop(IActorRef actor);
}
