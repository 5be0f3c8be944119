using ActorVm.Host.Api;
using ActorVm.Host.Config;
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
        catch (Exception e) when (e is RocksDbException or IOException or UnauthorizedAccessException)
        {
            // A read-only, locked or missing data directory: one line, not a stack trace.
            var hint = e.Message.Contains("LOCK", StringComparison.Ordinal) ? " (is another node using it?)" : "";
            Console.Error.WriteLine($"actorvm: cannot open the data directory {Path.GetFullPath(settings.Node.DataDir)}: {e.Message}{hint}");
            return 1;
        }
        await using var runtime = started;
        var app = ApiServer.Build(settings.Node, runtime.Actors);
        try
        {
            await app.StartAsync(stop);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine($"ActorVm node listening on {address} (data: {Path.GetFullPath(settings.Node.DataDir)}, height {runtime.Db.Height})");
            await app.WaitForShutdownAsync(stop);
        }
        finally
        {
            // Finish the block in progress and answer everything still pending before the API goes away.
            await runtime.DrainAsync();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Console.WriteLine("ActorVm node stopped");
        }
        return 0;
    }
}
