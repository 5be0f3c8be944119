using System.Threading.Channels;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Storage.State;

namespace ActorVm.Storage.CrashWriter;

/// <summary>
/// The node's way of committing: blocks sealed at the StateDB actor while earlier ones are still being
/// written by its BlockWriter (up to two unwritten), each acknowledged only when the actor says it is
/// on disk.
/// </summary>
public static class PipelinedWriter
{
    private const int Unwritten = 2;

    public static async Task Run(StateDb db, TextWriter output)
    {
        await using var system = ActorSystem.Create("crash");
        var stateDb = system.ActorOf(Props.Create(() => new StateDbActor(db, 0)), "statedb");
        var inbox = new Inbox();
        stateDb.Tell(new GetBlockBase(), inbox);
        var tip = ((BlockBase)await inbox.Read()).Tip;
        var (sealing, unwritten) = (false, 0);
        for (;;)
        {
            if (!sealing && unwritten < Unwritten)
            {
                var height = tip.Height + 1;
                stateDb.Tell(new SealBlock(tip, Draft(height), Writes(height)), inbox);
                sealing = true;
            }
            switch (await inbox.Read())
            {
                case BlockSealed sealedBlock:
                    (tip, sealing, unwritten) = (sealedBlock.Next.Tip, false, unwritten + 1);
                    break;
                case BlockCommitted committed:
                    unwritten--;
                    output.WriteLine($"ACK {committed.Block.Height}");
                    output.Flush();
                    break;
                case var other:
                    throw new InvalidOperationException($"unexpected {other}");
            }
        }
    }

    private static BlockDraft Draft(long height) => new(height, "crash", [new StoredReceipt(CrashWorkload.TxHash(height), $$"""{"height":{{height}}}""")]);

    private static WriteSet Writes(long height)
    {
        var writes = new Dictionary<string, string?>();
        foreach (var (key, value) in CrashWorkload.WritesOf(height)) writes[key] = value;
        return WriteSet.From(writes);
    }

    private sealed class Inbox : IActorRef
    {
        private readonly Channel<object> _messages = Channel.CreateUnbounded<object>();

        public string Path => "/crash/inbox";

        public void Tell(object message, IActorRef? sender = null) => _messages.Writer.TryWrite(message);

        public ValueTask<object> Read() => _messages.Reader.ReadAsync();
    }
}
