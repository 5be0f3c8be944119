using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Storage.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVm.Host.Node;

/// <summary>
/// One running node: the state store, the actor system and the HTTP gateway, started in that order
/// and stopped in the reverse one, so that nothing acknowledged is lost on shutdown.
/// </summary>
public static class ActorVmNode
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(NodeSettings settings, CancellationToken stop)
    {
        var dataDir = Path.GetFullPath(settings.Node.DataDir);
        using var db = StateDb.Open(dataDir);
        var system = ActorSystem.Create("actorvm");
        var limits = new ExecutionLimits(TimeSpan.FromMilliseconds(settings.Limits.TxTimeMs), settings.Limits.HeapMiB * 1024L * 1024);
        var pool = new PoolSettings(settings.Pool.LowerBound, settings.Pool.UpperBound, settings.Pool.MessagesPerResize,
            settings.Pool.RampupRate, settings.Pool.BackoffThreshold, settings.Pool.BackoffRate);
        var chain = new ProducerSettings(TimeSpan.FromMilliseconds(settings.Chain.BlockIntervalMs), settings.Chain.MempoolSize,
            settings.Chain.MaxBlockTransactions, settings.Chain.Witness);
        var stateDb = system.ActorOf(Props.Create(() => new StateDbActor(db)), "statedb");
        var vm = system.ActorOf(Props.Create(() => new VmManager(db, limits, pool)), "vm");
        var producer = system.ActorOf(Props.Create(() => new BlockProducer(vm, stateDb, chain)), "producer");

        var app = ApiServer.Build(settings.Node, new NodeActors(system, vm, stateDb, producer, AskTimeout));
        try
        {
            await app.StartAsync(stop);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine($"ActorVm node listening on {address} (data: {dataDir}, height {db.Height})");
            await app.WaitForShutdownAsync(stop);
        }
        finally
        {
            // Finish the block in progress and answer everything still pending before the API goes away.
            try
            {
                await producer.Ask<Drained>(new Drain(), TimeSpan.FromSeconds(60));
            }
            catch (AskTimeoutException)
            {
                Console.Error.WriteLine("ActorVm node: the block producer did not drain in time");
            }
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            await system.Terminate(TimeSpan.FromSeconds(30));
            Console.WriteLine("ActorVm node stopped");
        }
        return 0;
    }
}
