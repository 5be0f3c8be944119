using System.Text;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;

namespace ActorVm.Host.Metrics;

/// <summary>The node's latency histograms for /metrics: submit to committed receipt, block time, query time.</summary>
public sealed class NodeLatencies
{
    public LatencyHistogram SubmitToReceipt { get; } = new("actorvm_submit_to_receipt_seconds", "From a transaction's submission to its committed receipt, for submissions that waited (?wait=true).");
    public LatencyHistogram Block { get; } = new("actorvm_block_seconds", "From a block's execution start to its commit.");
    public LatencyHistogram Query { get; } = new("actorvm_query_seconds", "Read-only calls (POST /v1/query), from arrival to answer.");

    /// <summary>Follows the committed blocks on the actor system's event stream.</summary>
    public void Follow(EventStream events) => events.Subscribe(new BlockTimes(this), typeof(BlockPublished));

    public void WriteTo(StringBuilder text)
    {
        SubmitToReceipt.WriteTo(text);
        Block.WriteTo(text);
        Query.WriteTo(text);
    }

    private sealed class BlockTimes(NodeLatencies latencies) : IActorRef
    {
        public string Path => "/metrics/block-times";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is BlockPublished published) latencies.Block.Observe(published.Duration);
        }
    }
}
