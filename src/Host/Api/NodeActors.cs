using ActorVm.Actors.Runtime;

namespace ActorVm.Host.Api;

/// <summary>The actors the HTTP gateway talks to, and how long it waits for them.</summary>
public sealed record NodeActors(ActorSystem System, IActorRef VmManager, IActorRef StateDb, IActorRef Producer, TimeSpan AskTimeout)
{
    /// <summary>The largest gas limit a submitted transaction may ask for (limits:maxTxGas).</summary>
    public long MaxTxGas { get; init; } = long.MaxValue;
}
