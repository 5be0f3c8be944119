using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>The node's execution path with the real engine and store: BlockProducer → VmManager → VmWorker pool → StateDbActor.</summary>
public sealed class BlockProductionTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const long MaxTxGas = 10_000_000_000_000;
    private const string Counter = """
        class Counter {
          init() { storage.put('count', '0'); }
          add(n) { const c = Number(storage.get('count')) + n; storage.put('count', String(c)); blockchain.event('added ' + n); return c; }
          fail() { storage.put('count', '999'); throw new Error('nope'); }
          blow() { const a = []; for (;;) a.push({x: a.length, y: [1, 2, 3]}); }
        }
        module.exports = Counter;
        """;
    private static readonly string CounterAbi = JsonSerializer.Serialize(new
    {
        abi = new object[] { new { name = "add", args = new[] { "number" } }, new { name = "fail", args = Array.Empty<string>() }, new { name = "blow", args = Array.Empty<string>() } },
    });

    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-chain-").FullName;
    private readonly StateDb _db;
    private readonly IActorRef _vm;
    private readonly IActorRef _producer;

    public BlockProductionTests()
    {
        _db = StateDb.Open(_dir);
        var limits = TestChain.Limits(new ExecutionLimits(TimeSpan.FromSeconds(5), 32L * 1024 * 1024) { MaxTxGas = MaxTxGas });
        var stateDb = Sys.ActorOf(Props.Create(() => new StateDbActor(_db)), "statedb");
        _vm = Sys.ActorOf(Props.Create(() => new VmManager(_db, limits, new PoolSettings(1, 2))), "vm");
        _producer = Sys.ActorOf(Props.Create(() => new BlockProducer(_vm, stateDb, new ProducerSettings(TimeSpan.FromMilliseconds(50), 5, 100, "test") { MaxBlockGas = long.MaxValue })), "producer");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static Transaction Tx(string contract, string action, string data, long gasLimit = 1_000_000) =>
        TestChain.Tx("alice", contract, action, data, gasLimit);

    private Task<object> Submit(Transaction tx) => _producer.Ask<object>(new SubmitTx(tx, Wait: true), Timeout);

    private async Task<Receipt> Execute(Transaction tx) => (Receipt)await Submit(tx);

    private async Task<string> Deploy()
    {
        var receipt = await Execute(Tx("system", "setCode", JsonSerializer.Serialize(new[] { Counter, CounterAbi }), 10_000_000));
        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        return JsonSerializer.Deserialize<string>(receipt.Returns[0])!;
    }

    [Fact]
    public async Task A_deployed_contract_runs_init_and_its_writes_are_committed_in_a_block()
    {
        var id = await Deploy();

        var receipt = await Execute(Tx(id, "add", "[5]"));

        Assert.Equal(["5"], receipt.Returns);
        Assert.Equal("5", _db.GetCommitted(StateKeys.Value(id, "count")));
        Assert.NotNull(_db.GetReceipt(receipt.TxHash));
    }

    [Fact]
    public async Task A_failed_transaction_between_successful_ones_in_one_block_leaves_only_their_writes()
    {
        var id = await Deploy();
        var height = _db.Height;
        // A long interval: the block starts once its three transactions are waiting, all in it.
        var producer = Producer("three", new ProducerSettings(TimeSpan.FromMinutes(5), 100, 3, "test"));
        var txs = new[] { Tx(id, "add", "[1]"), Tx(id, "fail", "[]"), Tx(id, "add", "[2]") };

        var receipts = (await Task.WhenAll(txs.Select(tx => producer.Ask<object>(new SubmitTx(tx, Wait: true), Timeout)))).Cast<Receipt>().ToList();

        Assert.Equal([StatusCode.Success, StatusCode.RuntimeError, StatusCode.Success], receipts.Select(r => r.Status.Code));
        Assert.Equal("3", _db.GetCommitted(StateKeys.Value(id, "count")));
        Assert.Equal(height + 1, _db.Height);
        Assert.Equal(receipts.Select(r => r.TxHash), _db.GetBlock(_db.Height)!.TxHashes);
    }

    [Fact]
    public async Task A_malformed_transaction_is_answered_and_never_enters_a_block()
    {
        var receipt = await Execute(Tx("system", "setCode", "not json"));

        Assert.Equal(StatusCode.WrongTxFormat, receipt.Status.Code);
        Assert.Null(_db.GetReceipt(receipt.TxHash));
    }

    [Fact]
    public async Task Arguments_that_do_not_match_a_committed_contracts_abi_are_refused_at_once()
    {
        var id = await Deploy();

        var receipt = await Execute(Tx(id, "add", """["five"]"""));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("argument 1", receipt.Status.Message);
    }

    [Fact]
    public async Task Events_are_published_only_after_their_block_is_committed()
    {
        var id = await Deploy();
        Sys.EventStream.Subscribe(TestActor, typeof(ContractEvent));

        var receipt = await Execute(Tx(id, "add", "[7]"));

        var published = ExpectMsg<ContractEvent>();
        Assert.Equal("added 7", published.Content);
        Assert.Equal((ContractEvent.EventTopic, id), (published.Topic, published.Contract));
        Assert.Equal(receipt.TxHash, published.TxHash);
        Assert.NotNull(_db.GetBlock(published.Height));
    }

    [Fact]
    public async Task A_full_mempool_rejects_clearly_and_loses_nothing_it_accepted()
    {
        var id = await Deploy();
        var submissions = Enumerable.Range(0, 40).Select(i => Submit(Tx(id, "add", "[1]"))).ToList();

        var answers = await Task.WhenAll(submissions);

        var rejected = answers.OfType<TxRejected>().ToList();
        var receipts = answers.OfType<Receipt>().ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.Contains("mempool is full", r.Reason));
        Assert.Equal(receipts.Count.ToString(), _db.GetCommitted(StateKeys.Value(id, "count")));
    }

    [Fact]
    public async Task A_committed_transaction_sent_again_is_refused_and_runs_once()
    {
        var id = await Deploy();
        var tx = Tx(id, "add", "[1]");

        var first = await Execute(tx);
        var again = await Execute(tx);

        Assert.Equal(StatusCode.Success, first.Status.Code);
        Assert.Equal(StatusCode.WrongTxFormat, again.Status.Code);
        Assert.Contains("already in a committed block", again.Status.Message);
        Assert.Equal("1", _db.GetCommitted(StateKeys.Value(id, "count")));
    }

    [Fact]
    public async Task A_method_added_by_update_code_can_be_called_later_in_the_same_block()
    {
        var updatable = Counter.Replace("class Counter {", "class Counter {\n  can_update() { return true; }");
        var deployed = await Execute(Tx("system", "setCode", JsonSerializer.Serialize(new[] { updatable, CounterAbi }), 10_000_000));
        var id = JsonSerializer.Deserialize<string>(deployed.Returns[0])!;
        var updated = updatable.Replace("init() {", "twice() { return 2; }\n  init() {");
        var abi = CounterAbi.Replace("{\"name\":\"add\"", "{\"name\":\"twice\",\"args\":[]},{\"name\":\"add\"");
        var block = new BlockContext(_db.Height + 1, _db.HeadHash, "test", TestChain.Now());

        var executed = await _vm.Ask<LaneExecuted>(new ExecuteLane(
            [Tx("system", "updateCode", JsonSerializer.Serialize(new[] { id, updated, abi, "" }), 10_000_000), Tx(id, "twice", "[]")], block, _db.View()), Timeout);

        Assert.Equal([StatusCode.Success, StatusCode.Success], executed.Outcomes.Select(o => o.Receipt.Status.Code));
        Assert.Equal(["2"], executed.Outcomes[1].Receipt.Returns);
    }

    [Fact]
    public async Task A_transaction_that_reaches_the_time_limit_is_left_out_of_its_block()
    {
        var id = await Deploy();
        var spin = Counter.Replace("init() {", "spin() { for (;;) {} }\n  init() {");
        var deployed = await Execute(Tx("system", "setCode", JsonSerializer.Serialize(new[] { spin, CounterAbi.Replace("{\"name\":\"add\"", "{\"name\":\"spin\",\"args\":[]},{\"name\":\"add\"") }), 10_000_000));
        var spinner = JsonSerializer.Deserialize<string>(deployed.Returns[0])!;

        // The spinner takes the whole 5 s time limit of CPU: on a loaded machine its block takes much longer than that.
        var patience = TimeSpan.FromMinutes(2);
        var answers = await Task.WhenAll(_producer.Ask<object>(new SubmitTx(Tx(id, "add", "[1]"), Wait: true), patience),
            _producer.Ask<object>(new SubmitTx(Tx(spinner, "spin", "[]", MaxTxGas), Wait: true), patience));

        var (added, spun) = ((Receipt)answers[0], (TxRejected)answers[1]);
        Assert.Equal(Rejection.NotExecutable, spun.Kind);
        Assert.Contains("time limit", spun.Reason);
        Assert.Equal([added.TxHash], _db.GetBlock(_db.Height)!.TxHashes);
        // With no receipt stored, whoever looks it up later is told why.
        Assert.Contains("time limit", (await _producer.Ask<LeftOut>(new GetLeftOut(spun.TxHash), Timeout)).Reason);
    }

    private IActorRef Producer(string name, ProducerSettings settings) =>
        Sys.ActorOf(Props.Create(() => new BlockProducer(_vm, Sys.ActorOf(Props.Create(() => new StateDbActor(_db)), name + "-statedb"), settings)), name);

    [Fact]
    public async Task A_busy_sender_gets_its_share_of_a_block_and_the_others_get_in_too()
    {
        var id = await Deploy();
        // A long interval: the block starts when a block's worth is waiting, after the last submission.
        var producer = Producer("fair", new ProducerSettings(TimeSpan.FromMinutes(5), 100, 6, "test") { MaxBlockTransactionsPerSender = 2 });
        Transaction From(string sender) => Tx(id, "add", "[1]") with { Publisher = sender };
        var alice = Enumerable.Range(0, 5).Select(_ => producer.Ask<object>(new SubmitTx(From("alice"), Wait: true), Timeout)).ToList();

        var bob = (Receipt)await producer.Ask<object>(new SubmitTx(From("bobby"), Wait: true), Timeout);

        var block = _db.GetBlock(_db.Height)!;
        Assert.Equal(3, block.TxHashes.Count);
        Assert.Contains(bob.TxHash, block.TxHashes);
        Assert.Equal(2, alice.Count(a => a.IsCompletedSuccessfully && a.Result is Receipt));
    }

    [Fact]
    public async Task One_sender_cannot_fill_the_mempool()
    {
        var producer = Producer("capped", new ProducerSettings(TimeSpan.FromMinutes(5), 100, 50, "test") { MaxPendingPerSender = 3 });
        Transaction From(string sender) => Tx("system", "nope", "[]") with { Publisher = sender };

        var alice = new List<object>();
        for (var i = 0; i < 4; i++) alice.Add(await producer.Ask<object>(new SubmitTx(From("alice"), Wait: false), Timeout));
        var bob = await producer.Ask<object>(new SubmitTx(From("bobby"), Wait: false), Timeout);

        Assert.Equal(3, alice.OfType<TxAccepted>().Count());
        Assert.Equal(Rejection.SenderLimit, Assert.IsType<TxRejected>(alice[3]).Kind);
        Assert.IsType<TxAccepted>(bob);
    }

    [Fact]
    public async Task A_block_stops_taking_transactions_once_its_gas_budget_is_spent()
    {
        var id = await Deploy();
        var one = await Execute(Tx(id, "add", "[1]"));
        var heightBefore = _db.Height;
        // Room for two transactions like that one: the third waits for the next block.
        var producer = Producer("budget", new ProducerSettings(TimeSpan.FromMilliseconds(50), 100, 100, "test") { MaxBlockGas = 2 * one.GasUsed });

        var receipts = (await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => producer.Ask<object>(new SubmitTx(Tx(id, "add", "[1]"), Wait: true), Timeout))))
            .Cast<Receipt>().ToList();

        Assert.All(receipts, r => Assert.Equal(StatusCode.Success, r.Status.Code));
        var blocks = Enumerable.Range((int)heightBefore + 1, (int)(_db.Height - heightBefore)).Select(h => _db.GetBlock(h)!).ToList();
        Assert.True(blocks.Count >= 3, $"{blocks.Count} blocks");
        Assert.All(blocks, b => Assert.True(b.TxHashes.Count <= 2, $"block {b.Height} holds {b.TxHashes.Count}"));
        Assert.Equal("6", _db.GetCommitted(StateKeys.Value(id, "count")));
    }

    [Fact]
    public async Task A_query_that_deploys_writes_nothing_to_disk_not_even_a_code_cache()
    {
        int CodeCaches() => _db.Database.ScanPrefix([], _db.CodeCache).Count();
        var before = CodeCaches();

        var answer = await _vm.Ask<QueryAnswered>(new RunQuery(Tx("system", "setCode",
            JsonSerializer.Serialize(new[] { Counter + "\n// only ever queried", CounterAbi }), 10_000_000)), Timeout);

        Assert.Equal(StatusCode.Success, answer.Receipt.Status.Code);
        Assert.Equal(before, CodeCaches());
    }

    [Fact]
    public async Task A_query_sees_the_last_committed_block_and_changes_nothing()
    {
        var id = await Deploy();
        await Execute(Tx(id, "add", "[4]"));

        var answer = await _vm.Ask<QueryAnswered>(new RunQuery(Tx(id, "add", "[10]")), Timeout);

        Assert.Equal(["14"], answer.Receipt.Returns);
        Assert.Equal("4", _db.GetCommitted(StateKeys.Value(id, "count")));
    }

    [Fact]
    public async Task After_a_memory_bomb_the_worker_is_restarted_and_serves_the_next_transaction()
    {
        var id = await Deploy();

        var bomb = await Submit(Tx(id, "blow", "[]", gasLimit: 1_000_000_000_000));
        var next = await Execute(Tx(id, "add", "[1]"));

        Assert.Equal(Rejection.NotExecutable, Assert.IsType<TxRejected>(bomb).Kind);
        Assert.Equal(StatusCode.Success, next.Status.Code);
    }

    [Fact]
    public async Task A_memory_bomb_inside_a_block_is_left_out_and_the_rest_of_the_block_runs_on_a_fresh_isolate()
    {
        var id = await Deploy();

        var answers = await Task.WhenAll(Submit(Tx(id, "add", "[1]")), Submit(Tx(id, "blow", "[]", gasLimit: 1_000_000_000_000)),
            Submit(Tx(id, "add", "[2]")));

        var (first, bomb, last) = ((Receipt)answers[0], (TxRejected)answers[1], (Receipt)answers[2]);
        Assert.Equal(Rejection.NotExecutable, bomb.Kind);
        Assert.Contains("heap limit", bomb.Reason);
        Assert.Equal(["3"], last.Returns);
        Assert.Equal("3", _db.GetCommitted(StateKeys.Value(id, "count")));
        Assert.Equal([first.TxHash, last.TxHash], _db.GetBlock(_db.Height)!.TxHashes);
    }

    [Fact]
    public void The_pool_starts_at_its_lower_bound()
    {
        AwaitAssert(() =>
        {
            _vm.Tell(new GetPoolStatus(), TestActor);
            var status = ExpectMsg<PoolStatus>();
            Assert.Equal(1, status.Size);
            Assert.Equal(2, status.UpperBound);
        });
    }
}
