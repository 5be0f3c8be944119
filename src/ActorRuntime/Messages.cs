namespace ActorVm.Actors.Runtime;

/// <summary>Stops the actor when processed: messages queued before it are handled first.</summary>
public sealed record PoisonPill
{
    public static readonly PoisonPill Instance = new();
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (the default decider stops it).</summary>
public sealed record Kill
{
    public static readonly Kill Instance = new();
}

/// <summary>Delivered once to a watcher when the watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>A message that reached no live actor.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>An actor's constructor, PreStart or PostRestart failed; the default decider stops it.</summary>
public sealed class ActorInitializationException(string message, Exception cause) : Exception(message, cause);

/// <summary>A watcher did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException(IActorRef dead) : Exception($"{dead.Path} terminated and its watcher did not handle it");
