using ActorVm.Actors.Runtime;
using ActorVm.Host.Signing;

namespace ActorVm.Host.Api;

/// <summary>The actors the HTTP gateway talks to, and how long it waits for them.</summary>
public sealed record NodeActors(ActorSystem System, IActorRef VmManager, IActorRef StateDb, IActorRef Producer, TimeSpan AskTimeout)
{
    /// <summary>The largest gas limit a submitted transaction may ask for (limits:maxTxGas).</summary>
    public long MaxTxGas { get; init; } = long.MaxValue;

    /// <summary>Signs (dev mode) or refuses (production) unsigned submissions and checks what needs no state.</summary>
    public required TransactionAdmission Admission { get; init; }

    public uint ChainId => Admission.Keys.Rules.ChainId;

    /// <summary>Where submissions go: the local producer, or on a cluster node the cluster's transaction queue.</summary>
    public IActorRef Submitter
    {
        get => _submitter ?? Producer;
        init => _submitter = value;
    }

    private readonly IActorRef? _submitter;

    /// <summary>Where read-only calls go: the local VM manager, or on a cluster node with remote queries the cluster's workers.</summary>
    public IActorRef Querier
    {
        get => _querier ?? VmManager;
        init => _querier = value;
    }

    private readonly IActorRef? _querier;

    /// <summary>The latency histograms /metrics shows.</summary>
    public Metrics.NodeLatencies Latencies { get; init; } = new();

    /// <summary>The cluster's members, on a cluster node (GET /v1/cluster); null on a single node.</summary>
    public Func<object>? ClusterView { get; init; }

    /// <summary>This node's standing in the cluster, for /metrics: whether it produces, members alive, and how many blocks it is behind.</summary>
    public Func<(bool Producing, int Alive, long Lag, long RemotelyValidated)>? ClusterFigures { get; init; }
}
