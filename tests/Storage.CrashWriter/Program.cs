using ActorVm.Storage.CrashWriter;
using ActorVm.Storage.State;

// Commits blocks into the store in args[0] until killed, printing "ACK h" once block h is on disk:
// one synced commit after another, or (args[1] = "pipelined") as the node does, sealing the next
// block while the last is written.
if (args.Length is not (1 or 2) || args.Length == 2 && args[1] != "pipelined")
{
    Console.Error.WriteLine("usage: Storage.CrashWriter DATA_DIR [pipelined]");
    return 2;
}
using var db = StateDb.Open(args[0]);
var output = Console.Out;
if (args.Length == 2)
{
    await PipelinedWriter.Run(db, output);
    return 0;
}
for (var height = db.Height + 1; height < long.MaxValue; height++)
{
    CrashWorkload.Commit(db, height);
    output.WriteLine($"ACK {height}");
    output.Flush();
}
return 0;
