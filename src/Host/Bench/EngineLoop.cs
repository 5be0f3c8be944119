using System.Diagnostics;
using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

using ActorVm.Host.Signing;

namespace ActorVm.Host.Bench;

/// <summary>
/// The engine-loop ceiling: the bench's transfers straight through the contract engine and the
/// StateDb on one thread, in blocks of 1,000 (the worker's own lane code in block order, recording no
/// reads, as the node's pass in block order records none; then receipts; then one synced write per
/// block), with no actors, no HTTP, no overlap. What the node does beyond this is the worth of its
/// structure: lanes side by side, and commits overlapped with execution.
/// </summary>
internal static class EngineLoop
{
    /// <param name="CpuMs">The process's CPU time per block (steadier than the wall clock on a shared machine).</param>
    /// <param name="AllocatedPerTransaction">Bytes this thread allocated per transaction: executing, receipts, commit.</param>
    public sealed record Figures(double TransactionsPerSecond, double ExecuteMs, double ReceiptsMs, double CommitMs, double CpuMs,
        (long Execute, long Receipts, long Commit) AllocatedPerTransaction);

    /// <param name="hotSpot">Every transfer goes to one account.</param>
    public static Figures Run(int accounts, int transfers, bool hotSpot = false, int blockSize = 1_000)
    {
        var directory = Directory.CreateTempSubdirectory("actorvm-engine-loop-").FullName;
        try
        {
            using var db = StateDb.Open(directory);
            // A dev chain, as the bench node is: transactions signed by the dev key, as the node signs them.
            var limits = ExecutionLimits.Default with { Chain = new ChainRules(Transaction.DefaultChainId, NodeKeys.DevKey.PublicKeyBase58) };
            using var engine = new ContractEngine(limits, new StateDbCodeStore(db));
            // As a worker's engine, which keeps its isolate's lock on its own thread (this loop's, to the end).
            engine.BindToThisThread();
            var executor = new TransactionExecutor(engine);
            var lanes = new LaneRunner(engine, executor, new TransactionPrecheck(limits));
            var clock = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            Transaction Tx(string publisher, string contract, string method, string data)
            {
                var time = Interlocked.Increment(ref clock);
                return new Transaction(time, time + 90_000_000_000, limits.MaxTxGas, publisher, [], [new TxAction(contract, method, data)])
                    { AmountLimit = [new AmountLimit("*", "unlimited")] }.SignedAsPublisher(NodeKeys.DevKey);
            }

            var setup = db.BeginTransaction();
            var deploy = executor.Execute(Tx("bench", "system", "setCode", JsonSerializer.Serialize(new[] { BenchContract.Token, BenchContract.TokenAbi })),
                new JournalWorldState(setup));
            var token = JsonSerializer.Deserialize<string>(deploy.Returns[0])!;
            for (var i = 0; i < accounts; i++) setup.Put(StateKeys.Value(token, $"b_{BenchContract.Account(i)}"), "1000000");
            db.CommitTransaction(setup);
            db.CommitBlock(new BlockDraft(0, "seed", []));

            var pairs = new TransferPairs(accounts, hotSpot);
            var chosen = Enumerable.Range(0, transfers).Select(_ => pairs.Next()).ToArray();
            var all = new Transaction[transfers];
            Parallel.For(0, transfers, i => all[i] = Tx(chosen[i].From, token, "transfer", $"[\"{chosen[i].From}\", \"{chosen[i].To}\", 1]"));

            var (execute, receipts, commit) = (new Stopwatch(), new Stopwatch(), new Stopwatch());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var total = Stopwatch.StartNew();
            var succeeded = 0;
            long allocExecute = 0, allocReceipts = 0, allocCommit = 0;
            for (var start = 0; start < all.Length; start += blockSize)
            {
                var block = all.Skip(start).Take(blockSize).ToList();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                execute.Start();
                var tip = db.Tip;
                var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
                var outcomes = lanes.Run(new ExecuteLane(block, new BlockContext(tip.Height + 1, tip.Hash, "local", now), db.View()) { RecordsReads = false }).Outcomes;
                execute.Stop();
                allocExecute += GC.GetAllocatedBytesForCurrentThread() - allocated;
                allocated = GC.GetAllocatedBytesForCurrentThread();
                receipts.Start();
                var included = block.Zip(outcomes).Where(r => BlockRules.EntersBlock(r.Second.Receipt)).ToList();
                succeeded += included.Count(r => r.Second.Receipt.Status.Code == StatusCode.Success);
                var draft = new BlockDraft(start + 1, "local",
                    included.Select(r => new StoredReceipt(r.First.Hash, output => ChainJson.Write(output, r.Second.Receipt), KeptTransactions.Keep(r.First))
                        { ReplayKey = r.First.ReplayKey, TxTime = r.First.Time }).ToList());
                receipts.Stop();
                allocReceipts += GC.GetAllocatedBytesForCurrentThread() - allocated;
                allocated = GC.GetAllocatedBytesForCurrentThread();
                commit.Start();
                db.Write(SealedBlock.On(tip, draft, WriteSet.Merge(outcomes.Select(o => o.Writes))));
                commit.Stop();
                allocCommit += GC.GetAllocatedBytesForCurrentThread() - allocated;
            }
            var blocks = (double)((all.Length + blockSize - 1) / blockSize);
            return new Figures(succeeded / total.Elapsed.TotalSeconds, execute.Elapsed.TotalMilliseconds / blocks,
                receipts.Elapsed.TotalMilliseconds / blocks, commit.Elapsed.TotalMilliseconds / blocks,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / blocks,
                (allocExecute / all.Length, allocReceipts / all.Length, allocCommit / all.Length));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>The bench's transfers: random pairs of distinct accounts, or (hot spot) every one to the same account.</summary>
internal sealed class TransferPairs(int accounts, bool hotSpot, int seed = 42)
{
    private int _seed = seed;

    private int Next(int bound) => (_seed = (int)((_seed * 1103515245L + 12345) % 2147483648)) % bound;

    public (string From, string To) Next()
    {
        if (hotSpot) return (BenchContract.Account(1 + Next(accounts - 1)), BenchContract.Account(0));
        var from = Next(accounts);
        var to = (from + 1 + Next(accounts - 1)) % accounts;
        return (BenchContract.Account(from), BenchContract.Account(to));
    }
}
