using System.CommandLine;

namespace ActorVm.Host.Bench;

/// <summary><c>actorvm bench engine-loop</c>: the engine-loop ceiling alone, with its time split per block.</summary>
internal static class EngineLoopCommand
{
    public static Command Create()
    {
        var transfers = new Option<int>("--transfers") { Description = "how many transfers", DefaultValueFactory = _ => 20_000 };
        var hotSpot = new Option<bool>("--hot-spot") { Description = "every transfer to the same account" };
        var command = new Command("engine-loop", "Transfers straight through the engine and the StateDb on one thread (after a short warm-up)") { transfers, hotSpot };
        command.SetAction(result =>
        {
            EngineLoop.Run(1_000, 5_000);
            var f = EngineLoop.Run(1_000, result.GetValue(transfers), result.GetValue(hotSpot));
            Console.WriteLine($"engine loop: {f.TransactionsPerSecond:0} tx/s; per block of 1000: execute {f.ExecuteMs:0.0} ms, receipts {f.ReceiptsMs:0.0} ms, commit {f.CommitMs:0.0} ms; CPU {f.CpuMs:0.0} ms; allocated per transaction: execute {f.AllocatedPerTransaction.Execute} B, receipts {f.AllocatedPerTransaction.Receipts} B, commit {f.AllocatedPerTransaction.Commit} B");
            return 0;
        });
        return command;
    }
}
