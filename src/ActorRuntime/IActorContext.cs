namespace ActorVm.Actors.Runtime;

/// <summary>What an actor knows of itself and its surroundings; valid only inside its handlers.</summary>
public interface IActorContext
{
    IActorRef Self { get; }
    IActorRef Sender { get; }
    IActorRef? Parent { get; }
    ActorSystem System { get; }
    IEnumerable<IActorRef> Children { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>A child by name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops the actor after the message it is handling: children first, then PostStop.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops, at once if it already has.</summary>
    void Watch(IActorRef subject);

    void Unwatch(IActorRef subject);

    void Become(Action configure);
    void BecomeStacked(Action configure);
    void UnbecomeStacked();
}
