namespace ActorVm.EndToEnd;

/// <summary>A test class with one real node of its own, on a fresh data directory, and a client for it.</summary>
public abstract class NodeTest : IAsyncLifetime
{
    protected string Data { get; } = Directory.CreateTempSubdirectory("actorvm-e2e-").FullName;
    private protected NodeProcess Node { get; private set; } = null!;
    private protected NodeClient Client { get; private set; } = null!;

    /// <summary>Environment settings the node starts with (ACTORVM_SECTION__KEY), as a user would configure it.</summary>
    protected virtual (string Name, string Value)[] Environment => [];

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync(Data, Environment);
        Client = new NodeClient(Node.BaseAddress);
    }

    /// <summary>Stops the node as SIGTERM does and starts it again on the same data; returns the exit code.</summary>
    protected async Task<int> Restart()
    {
        var exitCode = await Node.StopAsync();
        Client.Dispose();
        Node = await NodeProcess.StartAsync(Data, Environment);
        Client = new NodeClient(Node.BaseAddress);
        return exitCode;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Node.DisposeAsync();
        Directory.Delete(Data, recursive: true);
    }
}
