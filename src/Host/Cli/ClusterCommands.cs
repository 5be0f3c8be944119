using System.CommandLine;
using System.Text;
using ActorVm.Host.Cluster;
using static ActorVm.Host.Cli.ClientCommands;

namespace ActorVm.Host.Cli;

/// <summary><c>actorvm cluster init --amqp URI</c> sets up a new cluster's queues; <c>actorvm cluster status</c> lists its nodes.</summary>
internal static class ClusterCommands
{
    public static Command Create()
    {
        var amqp = new Option<string[]>("--amqp") { Description = "AMQP URIs of the RabbitMQ cluster", Required = true, AllowMultipleArgumentsPerToken = true };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "for amqps:// URIs: the CA (PEM) the brokers' certificates chain to (default: the machine's trusted roots)" };
        var init = new Command("init", "Declare a new cluster's queues on RabbitMQ, once, before its nodes start") { amqp, tlsCa };
        init.SetAction(async (r, cancel) =>
        {
            try
            {
                await using var connection = await ClusterTopology.ConnectAsync(r.GetValue(amqp)!, "actorvm-init", r.GetValue(tlsCa), cancel);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
                await ClusterTopology.DeclareAsync(channel, cancel);
                Console.WriteLine($"cluster queues declared: {ClusterTopology.Lease}, {ClusterTopology.Transactions}, {ClusterTopology.Blocks}");
                return 0;
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException
                or UriFormatException or System.Security.Cryptography.CryptographicException)
            {
                Console.Error.WriteLine($"actorvm: cannot set up the cluster: {e.Message}");
                return 1;
            }
        });
        var status = new Command("status", "List the cluster's nodes: role, height, lag, pool, liveness") { Url, Json };
        status.SetAction((r, _) => Run(r, async client =>
        {
            var view = await client.Get("/v1/cluster");
            if (r.GetValue(Json)) return view.ToJsonString();
            var text = new StringBuilder($"{"id",-28} {"role",-9} {"height",7} {"lag",4} {"pool",4}  alive  url\n");
            foreach (var n in view["nodes"]!.AsArray())
                text.AppendLine($"{n!["id"],-28} {n["role"],-9} {n["height"],7} {n["lag"],4} {n["pool"],4}  {n["alive"],-5}  {n["url"]}");
            return text.ToString().TrimEnd();
        }));
        return new Command("cluster", "A cluster of nodes over RabbitMQ") { init, status };
    }
}
