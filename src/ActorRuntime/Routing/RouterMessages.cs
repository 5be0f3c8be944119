namespace ActorVm.Actors.Runtime.Routing;

/// <summary>Asks a router for its current routees; answered with <see cref="Routees"/>.</summary>
public sealed record GetRoutees
{
    public static readonly GetRoutees Instance = new();
}

public sealed record Routees(IReadOnlyList<IActorRef> Members);

/// <summary>Asks a router how its routees are doing; answered with <see cref="RouteeStatistics"/>.</summary>
public sealed record GetRouteeStatistics
{
    public static readonly GetRouteeStatistics Instance = new();
}

/// <summary>How many routees there are, how many are handling a message, and how many messages wait in their mailboxes.</summary>
public sealed record RouteeStatistics(int Size, int Busy, int Queued);

/// <summary>Sends the message to every routee, whatever the routing logic.</summary>
public sealed record Broadcast(object Message);

/// <summary>Adds (positive) or removes (negative) routees of a pool.</summary>
public sealed record AdjustPoolSize(int Change);

/// <summary>Routes by <see cref="HashKey"/> on a consistent-hashing router; the routee gets <see cref="Message"/>.</summary>
public sealed record ConsistentHashableEnvelope(object Message, object HashKey);

/// <summary>A message that names its own consistent-hash key.</summary>
public interface IConsistentHashable
{
    object ConsistentHashKey { get; }
}

/// <summary>The router ref asks its router actor to resize (at most one request in flight).</summary>
internal sealed record ResizeRequest
{
    public static readonly ResizeRequest Instance = new();
}
