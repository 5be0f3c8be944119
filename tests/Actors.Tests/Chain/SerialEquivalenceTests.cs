using System.Collections.Concurrent;
using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>
/// The property of parallel execution: for generated blocks (independent transfers, a hot spot, a
/// global counter the schedule cannot foresee, nested calls, failures and rollbacks, bad arguments,
/// out-of-gas, a deploy, a gas budget that cuts the block), executing on several lanes at once gives
/// byte for byte the receipts, gas, writes and state root of executing in order on one.
/// </summary>
public sealed class SerialEquivalenceTests : IDisposable
{
    private const string Token = """
        class Token {
          init() {}
          mint(to, amount) { storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount)); }
          transfer(from, to, amount) {
            if (!blockchain.requireAuth(from, 'transfer')) throw new Error('not authorised');
            const balance = Number(storage.get('b_' + from) || '0');
            if (balance < amount) throw new Error('balance not enough');
            storage.put('b_' + from, String(balance - amount));
            storage.put('b_' + to, String(Number(storage.get('b_' + to) || '0') + amount));
            blockchain.event(from + '>' + to);
          }
        }
        module.exports = Token;
        """;
    private const string TokenAbi = """{"abi":[{"name":"mint","args":["string","number"]},{"name":"transfer","args":["string","string","number"]}]}""";
    private const string Ledger = """
        class Ledger {
          init() {}
          add(key, n) { const v = Number(storage.get(key) || '0') + n; storage.put(key, String(v)); return v; }
          bump(n) { const v = Number(storage.get('count') || '0') + n; storage.put('count', String(v)); return v; }
          spin() { let i = 0; for (;;) { i++; } }
        }
        module.exports = Ledger;
        """;
    private const string LedgerAbi = """{"abi":[{"name":"add","args":["string","number"]},{"name":"bump","args":["number"]},{"name":"spin","args":[]}]}""";
    private const string Router = """
        class Router {
          init() {}
          route(ledger, key, n) { storage.put('last', key); return blockchain.call(ledger, 'add', [key, n])[0]; }
          routeThenFail(ledger, key, n) { blockchain.call(ledger, 'add', [key, n]); throw new Error('after the call'); }
          tryRoute(ledger, key, n) {
            try { blockchain.call(ledger, 'add', [key, 'not a number']); } catch (e) { storage.put('caught', key); }
            return blockchain.call(ledger, 'add', [key, n])[0];
          }
        }
        module.exports = Router;
        """;
    private const string RouterAbi = """{"abi":[{"name":"route","args":["string","string","number"]},{"name":"routeThenFail","args":["string","string","number"]},{"name":"tryRoute","args":["string","string","number"]}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-equivalence-").FullName;
    private readonly StateDb _db;
    private readonly ContractEngine _serialEngine = new(TestChain.Limits(ExecutionLimits.Default));
    private readonly LaneRunner _serial;
    private readonly string _token, _ledger, _router;
    private long _clock;

    public SerialEquivalenceTests()
    {
        _db = StateDb.Open(_dir);
        _serial = Runner(_serialEngine);
        var setup = _db.BeginTransaction();
        var executor = new TransactionExecutor(_serialEngine);
        string Deploy(string code, string abi) => JsonSerializer.Deserialize<string>(executor.Execute(
            Tx("deployer", "system", "setCode", JsonSerializer.Serialize(new[] { code, abi })), new JournalWorldState(setup)).Returns[0])!;
        (_token, _ledger, _router) = (Deploy(Token, TokenAbi), Deploy(Ledger, LedgerAbi), Deploy(Router, RouterAbi));
        for (var i = 0; i < 20; i++) setup.Put(StateKeys.Value(_token, $"b_{Account(i)}"), "1000000");
        _db.CommitTransaction(setup);
        _db.CommitBlock(new BlockDraft(1, "setup", []));
    }

    public void Dispose()
    {
        _serialEngine.Dispose();
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static LaneRunner Runner(ContractEngine engine) =>
        new(engine, new TransactionExecutor(engine), new TransactionPrecheck(TestChain.Limits(ExecutionLimits.Default)));

    private static string Account(int i) => $"acct{i}";

    private Transaction Tx(string publisher, string contract, string method, string data, long gas = 400_000)
    {
        var time = ++_clock;
        return TestChain.Signed(new Transaction(time, long.MaxValue, gas, publisher, [], [new TxAction(contract, method, data)]) { AmountLimit = TestChain.Unlimited });
    }

    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 4, Environment.TickCount & 0xFFFF };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Generated_blocks_on_two_and_three_lanes_give_the_receipts_writes_and_root_of_serial_execution(int seed)
    {
        var random = new Random(seed);
        using var two = new EngineLanes(2);
        using var three = new EngineLanes(3);
        for (var blockIndex = 0; blockIndex < 8; blockIndex++)
        {
            var transactions = Generate(random, random.Next(40, 180));
            var budget = random.Next(4) == 0 ? random.Next(50_000, 400_000) : long.MaxValue;
            var tip = _db.Tip;
            var context = new BlockContext(tip.Height + 1, tip.Hash, "test", blockIndex + 1);
            var view = _db.View();

            var serial = Serial(transactions, context, view, budget);
            foreach (var lanes in new[] { two, three })
            {
                var parallel = await new BlockExecution(lanes).Run(transactions, context, view, budget);
                var where = $"seed {seed}, block {blockIndex}, {lanes.Count} lanes ({parallel.Waves} waves, {parallel.Reexecuted} run again)";
                Assert.True(serial.Receipts.Select(ChainJson.Serialize).SequenceEqual(parallel.Receipts.Select(ChainJson.Serialize)),
                    $"receipts differ at {where}: first at {FirstDifference(serial.Receipts, parallel.Receipts)}");
                Assert.True(serial.Writes.SequenceEqual(parallel.Writes), $"writes differ at {where}");
                Assert.Equal(serial.BudgetSpent, parallel.BudgetSpent);
                Assert.Equal(StateRoot.Next(tip.Root, serial.Writes), StateRoot.Next(tip.Root, parallel.Writes));
            }
            var included = transactions.Zip(serial.Receipts).Where(r => BlockRules.EntersBlock(r.Second)).ToList();
            _db.Write(SealedBlock.On(tip, new BlockDraft(blockIndex + 1, "test",
                included.Select(r => new StoredReceipt(r.First.Hash, ChainJson.Serialize(r.Second))).ToList()), serial.Writes));
        }
    }

    [Fact]
    public async Task A_hot_spot_block_runs_in_order_and_a_block_of_independent_transfers_runs_in_waves()
    {
        using var lanes = new EngineLanes(2);
        var tip = _db.Tip;
        var context = new BlockContext(tip.Height + 1, tip.Hash, "test", 1);
        var hot = Enumerable.Range(1, 19).Select(i => Tx(Account(i), _token, "transfer", $"[\"{Account(i)}\", \"{Account(0)}\", 1]")).ToList();
        var independent = Enumerable.Range(100, 100).Select(i => Tx(Account(2 * i), _token, "transfer", $"[\"{Account(2 * i)}\", \"{Account(2 * i + 1)}\", 1]")).ToList();

        var hotRun = await new BlockExecution(lanes).Run([.. hot, .. hot.Select(t => TestChain.Signed(t with { Time = t.Time + 1_000_000, PublisherSigs = [] }))], context, _db.View(), long.MaxValue);
        var independentRun = await new BlockExecution(lanes).Run(independent, context, _db.View(), long.MaxValue);

        Assert.Equal(0, hotRun.Waves);
        Assert.Equal(1, independentRun.Waves);
        Assert.Equal(0, independentRun.Reexecuted);
        Assert.Equal(100, independentRun.Receipts.Count);
    }

    private ExecutedBlock Serial(IReadOnlyList<Transaction> transactions, BlockContext context, StateView view, long budget)
    {
        var lane = _serial.Run(new ExecuteLane(transactions, context, view) { GasBudget = budget });
        return new ExecutedBlock(lane.Outcomes.Select(o => o.Receipt).ToList(), WriteSet.Merge(lane.Outcomes.Select(o => o.Writes)), lane.BudgetSpent);
    }

    private static string FirstDifference(IReadOnlyList<Receipt> a, IReadOnlyList<Receipt> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var (x, y) = (ChainJson.Serialize(a[i]), ChainJson.Serialize(b[i]));
            if (x != y) return $"{i}: {x} vs {y}";
        }
        return $"counts {a.Count} vs {b.Count}";
    }

    /// <summary>A block's worth of transactions of every kind the property covers.</summary>
    private List<Transaction> Generate(Random random, int count)
    {
        var list = new List<Transaction>(count);
        var deployed = false;
        for (var i = 0; i < count; i++)
        {
            var (a, b) = (random.Next(20), random.Next(20));
            var from = Account(a);
            var to = Account(a == b ? (b + 1) % 20 : b);
            var key = $"k{random.Next(6)}";
            var roll = random.Next(100);
            list.Add(roll switch
            {
                < 35 => Tx(from, _token, "transfer", $"[\"{from}\", \"{to}\", {random.Next(1, 400_000)}]"),
                < 45 => Tx(from, _token, "transfer", $"[\"{from}\", \"{Account(0)}\", {random.Next(1, 1000)}]"),
                < 50 => Tx(to, _token, "transfer", $"[\"{from}\", \"{to}\", 1]"),
                < 58 => Tx(from, _router, "route", $"[\"{_ledger}\", \"{key}\", {random.Next(1, 9)}]"),
                < 62 => Tx(from, _router, "routeThenFail", $"[\"{_ledger}\", \"{key}\", 1]"),
                < 66 => Tx(from, _router, "tryRoute", $"[\"{_ledger}\", \"{key}\", 2]"),
                < 76 => Tx(from, _ledger, "bump", $"[{random.Next(1, 5)}]"),
                < 80 => Tx(from, _ledger, "add", $"[\"{key}\", \"text\"]"),
                < 84 => Tx(from, _ledger, "spin", "[]", gas: random.Next(2_000, 20_000)),
                < 90 => Tx("minter", _token, "mint", $"[\"{to}\", {random.Next(1, 1000)}]"),
                < 93 when !deployed && (deployed = true) => Tx("deployer", "system", "setCode",
                    JsonSerializer.Serialize(new[] { Ledger.Replace("init() {}", $"init() {{ storage.put('salt', '{i}'); }}"), LedgerAbi })),
                < 96 => Tx(from, _token, "transfer", "[1, 2]"),
                _ => Tx(from, _ledger, "add", $"[\"{key}\", {random.Next(1, 9)}]"),
            });
        }
        return list;
    }

    /// <summary>Lanes on engines of their own threads, taking lanes as they come: truly side by side.</summary>
    private sealed class EngineLanes : IExecutionLanes, IDisposable
    {
        private readonly BlockingCollection<(ExecuteLane Lane, TaskCompletionSource<LaneExecuted> Done)> _work = new();
        private readonly List<Thread> _threads = [];

        public EngineLanes(int count)
        {
            Count = count;
            for (var i = 0; i < count; i++)
            {
                var thread = new Thread(() =>
                {
                    using var engine = new ContractEngine(TestChain.Limits(ExecutionLimits.Default));
                    var runner = Runner(engine);
                    foreach (var (lane, done) in _work.GetConsumingEnumerable())
                    {
                        try
                        {
                            done.SetResult(runner.Run(lane));
                        }
                        catch (Exception e)
                        {
                            done.SetException(e);
                        }
                    }
                }, 16 * 1024 * 1024) { IsBackground = true, Name = $"lane-{i}" };
                thread.Start();
                _threads.Add(thread);
            }
        }

        public int Count { get; }

        public Task<LaneExecuted> Run(ExecuteLane lane)
        {
            var done = new TaskCompletionSource<LaneExecuted>(TaskCreationOptions.RunContinuationsAsynchronously);
            _work.Add((lane, done));
            return done.Task;
        }

        public void Dispose()
        {
            _work.CompleteAdding();
            foreach (var thread in _threads) thread.Join();
            _work.Dispose();
        }
    }
}
