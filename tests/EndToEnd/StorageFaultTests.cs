using System.Diagnostics;
using System.Text.Json;

namespace ActorVm.EndToEnd;

/// <summary>Runs only as root, where the test can mount a small file system of its own.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root, to mount a small tmpfs for the data directory";
    }
}

/// <summary>
/// A full disk pauses block production (nothing acknowledged is lost, writes get a clear 503) and
/// production resumes by itself when space returns; a data directory the node cannot open ends it with
/// one clear line and a non-zero exit.
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private readonly string _mount = Directory.CreateTempSubdirectory("actorvm-e2e-disk-").FullName;
    private bool _mounted;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_mounted) await Run("umount", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    private async Task Mount(string options)
    {
        await Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", _mount);
        _mounted = true;
    }

    private static async Task Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: {await process.StandardError.ReadToEndAsync()}");
    }

    [RootFact]
    public async Task A_full_disk_pauses_production_and_it_resumes_when_space_returns_with_nothing_lost()
    {
        await Mount("size=200m");
        var data = Path.Combine(_mount, "data");
        await using var node = await NodeProcess.StartAsync(data, ("ACTORVM_NODE__MINFREEDISKMIB", "32"));
        using var client = new NodeClient(node.BaseAddress);
        var id = await client.Deploy("class C { init() { storage.put('n', '0'); } inc() { storage.put('n', String(Number(storage.get('n')) + 1)); } } module.exports = C;",
            """{"abi":[{"name":"inc","args":[]}]}""");
        var filler = Path.Combine(_mount, "filler");
        FillTo(filler, 16L * 1024 * 1024);

        // Its block cannot be stored: the wait runs out (30 s) and says the transaction is pending.
        var (waitedStatus, pending) = await client.Send(HttpMethod.Post, "/v1/transactions?wait=true",
            JsonSerializer.Serialize(new { actions = new[] { new { contract = id, actionName = "inc", data = "[]" } } }));
        var (refusedStatus, refused) = await client.Send(HttpMethod.Post, "/v1/transactions",
            JsonSerializer.Serialize(new { actions = new[] { new { contract = id, actionName = "inc", data = "[]" } } }));
        var (_, paused) = await client.Send(HttpMethod.Get, "/v1/status");
        var (unreadyStatus, unready) = await client.Send(HttpMethod.Get, "/readyz");
        File.Delete(filler);

        Assert.Equal(202, waitedStatus);
        Assert.Contains("pending", pending["status"]!.GetValue<string>());
        Assert.Equal(503, refusedStatus);
        Assert.Contains("cannot store blocks", refused["detail"]!.GetValue<string>());
        Assert.Contains("MiB free", paused["storage"]!.GetValue<string>());
        Assert.Equal(503, unreadyStatus);
        Assert.Contains("cannot take blocks", unready["problems"]![0]!.GetValue<string>());
        var hash = pending["txHash"]!.GetValue<string>();
        await Until(async () => (await client.Send(HttpMethod.Get, $"/v1/transactions/{hash}/receipt")).Status == 200);
        Assert.Equal("1", await client.Read(id, "n"));
        Assert.Equal("ok", (await client.Send(HttpMethod.Get, "/v1/status")).Body["storage"]!.GetValue<string>());
        Assert.Contains(node.Output, line => line.Contains("block production paused"));
    }

    [RootFact]
    public async Task A_read_only_data_directory_ends_the_node_with_one_clear_line()
    {
        await Mount("size=8m,ro");

        var start = () => NodeProcess.StartAsync(Path.Combine(_mount, "data"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(start);
        Assert.Contains("cannot open the data directory", failure.Message);
        Assert.DoesNotContain("   at ", failure.Message);
    }

    [Fact]
    public async Task A_data_directory_in_use_by_another_node_ends_the_second_with_one_clear_line()
    {
        var data = Path.Combine(_mount, "shared");
        await using var first = await NodeProcess.StartAsync(data);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(data));

        Assert.Contains("another node", failure.Message);
        Assert.DoesNotContain("   at ", failure.Message);
    }

    /// <summary>Grows a file until the disk has about <paramref name="leave"/> bytes free.</summary>
    private void FillTo(string path, long leave)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[1024 * 1024];
        while (new DriveInfo(_mount).AvailableFreeSpace > leave + chunk.Length) file.Write(chunk);
        file.Flush();
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(100);
        }
    }
}
