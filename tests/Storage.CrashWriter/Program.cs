using ActorVm.Storage.CrashWriter;
using ActorVm.Storage.State;

// Commits blocks into the store in args[0] until killed, printing "ACK h" once block h is on disk.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Storage.CrashWriter DATA_DIR");
    return 2;
}
using var db = StateDb.Open(args[0]);
var output = Console.Out;
for (var height = db.Height + 1; height < long.MaxValue; height++)
{
    CrashWorkload.Commit(db, height);
    output.WriteLine($"ACK {height}");
    output.Flush();
}
return 0;
