using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests;

/// <summary>The skeleton's message flow with the real engine and store: VmManager → VmWorker → StateDbActor.</summary>
public sealed class VmPathTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const string Counter = """
        class Counter {
          init() { storage.put('count', '0'); }
          add(n) { const c = Number(storage.get('count')) + n; storage.put('count', String(c)); return c; }
          fail() { storage.put('count', '999'); throw new Error('nope'); }
        }
        module.exports = Counter;
        """;
    private const string CounterAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"add","args":["number"]},{"name":"fail","args":[]}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("actorvm-vm-").FullName;
    private readonly StateDb _db;
    private readonly ActorSystem _system = ActorSystem.Create("test", new ActorSystemSettings { StdErrLogLevel = LogLevel.Off });
    private readonly IActorRef _vm;

    public VmPathTests()
    {
        _db = StateDb.Open(_dir);
        var stateDb = _system.ActorOf(Props.Create(() => new StateDbActor(_db)), "statedb");
        var limits = ExecutionLimits.Default with { HeapLimitBytes = 32L * 1024 * 1024, TimeLimit = TimeSpan.FromSeconds(5) };
        _vm = _system.ActorOf(Props.Create(() => new VmManager(_db, stateDb, limits)), "vm");
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static long _time;

    private static Transaction Tx(string contract, string action, string data, long gasLimit = 1_000_000) =>
        new(Interlocked.Increment(ref _time), long.MaxValue, gasLimit, "alice", [], [new TxAction(contract, action, data)]);

    private Task<Receipt> Execute(Transaction tx) => _vm.Ask<Receipt>(new ExecuteTx(tx), Timeout);

    private async Task<string> Deploy(string code = Counter, string abi = CounterAbi)
    {
        var receipt = await Execute(Tx("system", "setCode", System.Text.Json.JsonSerializer.Serialize(new[] { code, abi })));
        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        return System.Text.Json.JsonSerializer.Deserialize<string>(receipt.Returns[0])!;
    }

    [Fact]
    public async Task A_deployed_contract_runs_init_and_its_writes_are_committed()
    {
        var id = await Deploy();

        var receipt = await Execute(Tx(id, "add", "[5]"));

        Assert.Equal(["5"], receipt.Returns);
        Assert.Equal("5", _db.GetCommitted(StateKeys.Value(id, "count")));
    }

    [Fact]
    public async Task A_transaction_that_throws_leaves_no_write_behind_but_its_receipt()
    {
        var id = await Deploy();
        await Execute(Tx(id, "add", "[5]"));

        var receipt = await Execute(Tx(id, "fail", "[]"));

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Equal("5", _db.GetCommitted(StateKeys.Value(id, "count")));
        Assert.NotNull(_db.GetReceipt(receipt.TxHash));
    }

    [Fact]
    public async Task A_malformed_transaction_is_answered_with_wrong_tx_format_and_changes_nothing()
    {
        var receipt = await Execute(Tx("system", "setCode", "not json"));

        Assert.Equal(StatusCode.WrongTxFormat, receipt.Status.Code);
        Assert.Equal(0, _db.Height);
    }

    [Fact]
    public async Task After_a_memory_bomb_the_worker_is_restarted_and_serves_the_next_transaction()
    {
        var id = await Deploy("""
            class Bomb {
              blow() { const a = []; for (;;) a.push({x: a.length, y: [1, 2, 3]}); }
              ok() { return 'fine'; }
            }
            module.exports = Bomb;
            """, """{"lang":"javascript","version":"1.0.0","abi":[{"name":"blow","args":[]},{"name":"ok","args":[]}]}""");

        var bomb = await Execute(Tx(id, "blow", "[]", gasLimit: 1_000_000_000_000));
        var next = await Execute(Tx(id, "ok", "[]"));

        Assert.Equal(StatusCode.OutOfMemory, bomb.Status.Code);
        Assert.Equal(StatusCode.Success, next.Status.Code);
        Assert.Equal(["\"fine\""], next.Returns);
    }

    [Fact]
    public async Task Arguments_that_do_not_match_the_abi_are_wrong_parameter()
    {
        var id = await Deploy();

        var receipt = await Execute(Tx(id, "add", """["five"]"""));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("argument 1", receipt.Status.Message);
    }
}
