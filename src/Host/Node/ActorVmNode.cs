using ActorVm.Host.Api;
using ActorVm.Host.Cluster;
using ActorVm.Host.Config;
using ActorVm.Host.Gateway;
using ActorVm.Host.Signing;
using ActorVm.Storage.RocksDb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVm.Host.Node;

/// <summary>
/// One running node: the state store and actors (<see cref="NodeRuntime"/>) and the HTTP gateway,
/// started in that order and stopped in the reverse one, so that nothing acknowledged is lost.
/// </summary>
public static class ActorVmNode
{
    public static async Task<int> RunAsync(NodeSettings settings, CancellationToken stop)
    {
        NodeRuntime started;
        try
        {
            started = NodeRuntime.Start(settings);
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine($"actorvm: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is RocksDbException or IOException or UnauthorizedAccessException)
        {
            // A read-only, locked or missing data directory: one line, not a stack trace.
            var hint = e.Message.Contains("LOCK", StringComparison.Ordinal) ? " (is another node using it?)" : "";
            Console.Error.WriteLine($"actorvm: cannot open the data directory {Path.GetFullPath(settings.Node.DataDir)}: {e.Message}{hint}");
            return 1;
        }
        await using var runtime = started;
        var actors = runtime.Actors;
        ClusterMember? cluster = null;
        if (settings.Cluster.Enabled)
        {
            var nodeId = settings.Cluster.NodeId.Length > 0 ? settings.Cluster.NodeId : $"{Environment.MachineName}-{Environment.ProcessId}";
            try
            {
                cluster = await ClusterMember.JoinAsync(settings.Cluster, nodeId, runtime.Db, actors, Console.Error.WriteLine);
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException
                or UriFormatException or System.Security.Cryptography.CryptographicException)
            {
                Console.Error.WriteLine($"actorvm: cannot join the cluster at {string.Join(", ", settings.Cluster.Amqp)}: {e.Message} (is it running, and set up with `actorvm cluster init`?)");
                return 1;
            }
            actors = actors with
            {
                Submitter = cluster.Submitter, ClusterView = cluster.View, ClusterFigures = cluster.Figures,
                Querier = settings.Cluster.RemoteQueries ? cluster.Querier : actors.VmManager,
            };
            if (settings.Cluster.IsWorker) return await ServeAsWorkerAsync(cluster, runtime, stop);
        }
        var app = ApiServer.Build(settings.Node, actors);
        var gateway = settings.Gateway.Port >= 0 ? IostGateway.Build(settings, actors) : null;
        try
        {
            try
            {
                await app.StartAsync(stop);
                if (gateway is not null) await gateway.StartAsync(stop);
            }
            catch (IOException e)
            {
                // A port in use: one line, after which the store closes as it would at any stop.
                Console.Error.WriteLine($"actorvm: cannot listen: {e.Message}");
                return 1;
            }
            if (cluster is not null)
            {
                await cluster.StartAsync(Address(app));
                Console.WriteLine($"Cluster member {cluster.NodeId} joined");
            }
            AnnounceMode(settings, runtime.Actors.Admission.Keys);
            // The node's line last: whoever waits for it (a script, a test) finds the gateway's before it.
            if (gateway is not null) Console.WriteLine($"IOST gateway listening on {Address(gateway)} (chain id {settings.Chain.Id})");
            Console.WriteLine($"ActorVm node listening on {Address(app)} (data: {Path.GetFullPath(settings.Node.DataDir)}, height {runtime.Db.Height})");
            await app.WaitForShutdownAsync(stop);
        }
        finally
        {
            // Leave the cluster first (the lease goes to another node), then finish the block in progress
            // and answer everything still pending before the API goes away.
            if (cluster is not null) await cluster.DisposeAsync();
            await runtime.DrainAsync();
            if (gateway is not null)
            {
                await gateway.StopAsync(CancellationToken.None);
                await gateway.DisposeAsync();
            }
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Console.WriteLine("ActorVm node stopped");
        }
        return 0;
    }

    /// <summary>A worker: no HTTP and no lease; it replicates the chain and answers the cluster's queries until stopped.</summary>
    private static async Task<int> ServeAsWorkerAsync(ClusterMember cluster, NodeRuntime runtime, CancellationToken stop)
    {
        await cluster.StartAsync("");
        Console.WriteLine($"ActorVm worker {cluster.NodeId} serving the cluster's queries (height {runtime.Db.Height})");
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        await cluster.DisposeAsync();
        await runtime.DrainAsync();
        Console.WriteLine("ActorVm worker stopped");
        return 0;
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Dev mode is said loudly: the node signs for any account name no account holds.</summary>
    private static void AnnounceMode(NodeSettings settings, NodeKeys keys)
    {
        if (keys.IsDevelopment)
        {
            Console.WriteLine("*** DEV MODE: loopback only. This node signs unsigned /v1 transactions with the public dev key, which governs");
            Console.WriteLine($"*** every account name no account holds yet (dev key {keys.Producer.PublicKeyBase58}). Never use it for value.");
        }
        else
        {
            Console.WriteLine($"Production mode: every transaction must be signed; blocks signed by {keys.Producer.PublicKeyBase58}");
        }
    }
}
