using System.Diagnostics;
using System.Reflection;
using ActorVm.Storage.CrashWriter;
using ActorVm.Storage.State;
using Xunit.Abstractions;

namespace ActorVm.Storage.Tests;

/// <summary>
/// A writer process commits blocks in a loop and is killed with SIGKILL at random moments; after
/// each kill the store must hold every acknowledged block and exactly the committed ones.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 12;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public Task After_each_SIGKILL_the_store_holds_every_acknowledged_block_and_no_partial_one() => KillAndCheck(pipelined: false);

    [Fact]
    public Task After_each_SIGKILL_of_a_pipelined_writer_the_store_holds_every_acknowledged_block_and_no_partial_one() => KillAndCheck(pipelined: true);

    private async Task KillAndCheck(bool pipelined)
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        long lastAcknowledged = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var acknowledged = await RunWriterAndKill(random.Next(1, 25), random.Next(0, 15), pipelined);
            lastAcknowledged = Math.Max(lastAcknowledged, acknowledged);

            using var db = StateDb.Open(_dir.Path);
            output.WriteLine($"kill {kill}: acknowledged {acknowledged}, height after reopen {db.Height}");
            Assert.True(db.Height >= lastAcknowledged, $"block {lastAcknowledged} was acknowledged but the store is at {db.Height}");
            VerifyAgainstReplay(db);
        }
    }

    private static void VerifyAgainstReplay(StateDb db)
    {
        var expected = new Dictionary<string, string>();
        var root = StateRoot.Genesis;
        for (var height = 1L; height <= db.Height; height++)
        {
            var journal = new StateJournal(new Nothing());
            foreach (var (key, value) in CrashWorkload.WritesOf(height))
            {
                if (value is null)
                {
                    journal.Delete(key);
                    expected.Remove(key);
                }
                else
                {
                    journal.Put(key, value);
                    expected[key] = value;
                }
            }
            root = StateRoot.Next(root, journal.Writes);
            var block = db.GetBlock(height) ?? throw new Xunit.Sdk.XunitException($"block {height} is missing");
            Assert.Equal(Convert.ToHexStringLower(root), block.StateRoot);
            Assert.NotNull(db.GetReceipt(CrashWorkload.TxHash(height)));
        }
        Assert.Equal(root, db.StateRoot);
        Assert.Null(db.GetBlock(db.Height + 1));
        using var snapshot = db.Snapshot();
        var actual = snapshot.Scan(StateKeys.ValuePrefix(CrashWorkload.Contract)).ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    /// <summary>Starts the writer, waits for some acknowledgements and a little more, then SIGKILLs it.</summary>
    private async Task<long> RunWriterAndKill(int acknowledgements, int extraMilliseconds, bool pipelined)
    {
        var executable = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashWriterExecutable").Value!;
        using var process = Process.Start(new ProcessStartInfo(executable, pipelined ? [_dir.Path, "pipelined"] : [_dir.Path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        long last = 0;
        var seen = 0;
        var enough = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line || !line.StartsWith("ACK ")) return;
            Interlocked.Exchange(ref last, long.Parse(line[4..]));
            if (Interlocked.Increment(ref seen) >= acknowledgements) enough.TrySetResult();
        };
        process.BeginOutputReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(enough.Task, exited).WaitAsync(TimeSpan.FromSeconds(60)) == exited)
                throw new Xunit.Sdk.XunitException($"the writer exited early: {await process.StandardError.ReadToEndAsync()}");
            await Task.Delay(extraMilliseconds);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        return Interlocked.Read(ref last);
    }

    private sealed class Nothing : IStateReader
    {
        public string? Get(string key) => null;
    }
}
