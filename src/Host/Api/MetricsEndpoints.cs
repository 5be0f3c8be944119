using System.Globalization;
using System.Text;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Host.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /metrics: the node's figures in Prometheus text format.</summary>
internal static class MetricsEndpoints
{
    public static void MapMetrics(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/metrics", async () =>
        {
            var chain = await actors.Producer.Ask<MempoolStatus>(new GetMempoolStatus(), actors.AskTimeout);
            var pool = await actors.VmManager.Ask<PoolStatus>(new GetPoolStatus(), actors.AskTimeout);
            var text = new StringBuilder();
            void Metric(string name, string type, string help, double value)
            {
                text.Append($"# HELP actorvm_{name} {help}\n# TYPE actorvm_{name} {type}\n");
                text.Append($"actorvm_{name} {value.ToString(CultureInfo.InvariantCulture)}\n");
            }
            Metric("height", "gauge", "Height of the last committed block.", chain.Height);
            Metric("transactions_total", "counter", "Transactions committed in blocks by this node.", chain.Transactions);
            Metric("transactions_per_second", "gauge", "Committed transactions per second over the last 10 seconds.", chain.TransactionsPerSecond);
            Metric("gas_used_total", "counter", "Gas used by the transactions committed by this node.", chain.GasUsed);
            Metric("mempool_pending", "gauge", "Transactions waiting for a block.", chain.Pending);
            Metric("pool_size", "gauge", "VM workers in the pool.", pool.Size);
            Metric("pool_busy", "gauge", "VM workers executing right now.", pool.Busy);
            Metric("pool_queue", "gauge", "Requests waiting in the workers' mailboxes.", pool.Queue);
            Metric("worker_restarts_total", "counter", "VM workers replaced after a failure (a poisoned isolate or an error).", pool.Restarts);
            if (actors.ClusterFigures?.Invoke() is { } cluster)
            {
                Metric("cluster_producer", "gauge", "1 while this node holds the cluster's producer lease.", cluster.Producing ? 1 : 0);
                Metric("cluster_members_alive", "gauge", "Cluster nodes heard from in the last 3 seconds, this one included.", cluster.Alive);
                Metric("cluster_lag_blocks", "gauge", "Blocks this node is behind the highest node heard from.", cluster.Lag);
                Metric("cluster_blocks_validated_remotely_total", "counter", "Blocks this node validated with a worker's result instead of executing them (cluster:remoteValidation).", cluster.RemotelyValidated);
            }
            actors.Latencies.WriteTo(text);
            ProcessMetrics.WriteTo(text);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });
}
