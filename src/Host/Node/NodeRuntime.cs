using RuntimeLogLevel = ActorVm.Actors.Runtime.LogLevel;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Host.Signing;
using ActorVm.Storage.State;

namespace ActorVm.Host.Node;

/// <summary>A node's state store and actors, without HTTP: what `actorvm node` serves and `actorvm bench` drives in-process.</summary>
public sealed class NodeRuntime : IAsyncDisposable
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private NodeRuntime(StateDb db, ActorSystem system, NodeActors actors)
    {
        Db = db;
        System = system;
        Actors = actors;
    }

    public StateDb Db { get; }
    public ActorSystem System { get; }
    public NodeActors Actors { get; }

    public static NodeRuntime Start(NodeSettings settings)
    {
        var keys = NodeKeys.From(settings);
        var limits = new ExecutionLimits(TimeSpan.FromMilliseconds(settings.Limits.TxTimeMs), settings.Limits.HeapMiB * 1024L * 1024)
        {
            // Never shorter than the producing time limit.
            ValidationTimeLimit = TimeSpan.FromMilliseconds(Math.Max(settings.Limits.ValidationTxTimeMs, settings.Limits.TxTimeMs)),
            MaxTxGas = settings.Limits.MaxTxGas,
            Chain = keys.Rules,
        };
        var genesis = NodeGenesis.From(settings.Chain, keys.IsDevelopment);
        var db = StateDb.Open(Path.GetFullPath(settings.Node.DataDir));
        try
        {
            ChainIdentity.Check(db, keys.Rules, settings.Limits.MaxTxGas, genesis?.Transaction.Hash);
            if (genesis is not null && GenesisBlock.CommitIfEmpty(db, genesis.Transaction, genesis.Config.TimeNanos, limits) is { } block)
                Console.WriteLine($"Genesis block 0 written from {genesis.Folder}: {block.Hash}");
        }
        catch (Exception e) when (e is ConfigurationException or GenesisException)
        {
            db.Dispose();
            if (e is GenesisException) throw new ConfigurationException($"chain:genesis {genesis!.Folder}: {e.Message}");
            throw;
        }
        var system = ActorSystem.Create("actorvm", new ActorSystemSettings { StdErr = StdErrSettings(settings.Log) });
        var pool = PoolOf(settings.Pool);
        var chain = new ProducerSettings(TimeSpan.FromMilliseconds(settings.Chain.BlockIntervalMs), settings.Chain.MempoolSize,
            settings.Chain.MaxBlockTransactions, settings.Chain.Witness)
        {
            MaxBlockGas = settings.Chain.MaxBlockGas,
            MaxPendingPerSender = settings.Chain.MaxPendingPerSender,
            MaxBlockTransactionsPerSender = settings.Chain.MaxBlockTransactionsPerSender,
            // By default a core is left to the producer, the store's writer and the clients: on 2 cores
            // one lane with commits overlapped beat two lanes contending with them (bench/results).
            ExecutionLanes = settings.Chain.ExecutionLanes == 0 ? Math.Max(1, Environment.ProcessorCount - 1) : settings.Chain.ExecutionLanes,
            MaxUnwrittenBlocks = settings.Chain.MaxUnwrittenBlocks,
            BlockKey = keys.Producer,
            BlockSigners = keys.Producers,
            ReceiptLogs = keys.IsDevelopment && settings.Chain.ReceiptLogs,
            // A cluster node produces only once it holds the cluster's lease.
            Standby = settings.Cluster.Enabled,
        };
        var reserve = settings.Node.MinFreeDiskMiB * 1024L * 1024;
        var stateDb = system.ActorOf(Props.Create(() => new StateDbActor(db, reserve)), "statedb");
        var vm = system.ActorOf(Props.Create(() => new VmManager(db, limits, pool)), "vm");
        var producer = system.ActorOf(Props.Create(() => new BlockProducer(vm, stateDb, chain)), "producer");
        var latencies = new Metrics.NodeLatencies();
        latencies.Follow(system.EventStream);
        return new NodeRuntime(db, system, new NodeActors(system, vm, stateDb, producer, AskTimeout)
            { MaxTxGas = limits.MaxTxGas, Admission = new TransactionAdmission(keys), Latencies = latencies });
    }

    /// <summary>The pool as deployed: resized between its bounds, or, with the resizer off, fixed at nr-of-instances.</summary>
    private static PoolSettings PoolOf(PoolOptions p) => p.ResizerEnabled
        ? new PoolSettings(p.LowerBound, p.UpperBound, p.MessagesPerResize, p.RampupRate, p.BackoffThreshold, p.BackoffRate) { PressureThreshold = p.PressureThreshold }
        : new PoolSettings(p.NrOfInstances, p.NrOfInstances, p.MessagesPerResize, p.RampupRate, p.BackoffThreshold, p.BackoffRate) { PressureThreshold = p.PressureThreshold };

    private static StdErrLogging StdErrSettings(LogOptions log) => new(LevelOf(log.Level))
    {
        SourceLevels = new Dictionary<string, RuntimeLogLevel> { [ContractLogLines.Source] = LevelOf(log.Contracts) },
        Json = log.Format == "json",
    };

    private static RuntimeLogLevel LevelOf(string level) => level switch
    {
        "debug" => RuntimeLogLevel.Debug,
        "info" => RuntimeLogLevel.Info,
        "warning" => RuntimeLogLevel.Warning,
        "error" => RuntimeLogLevel.Error,
        _ => RuntimeLogLevel.Off,
    };

    /// <summary>Finishes the block in progress, rejects what is pending, then stops the actors and closes the store.</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Actors.Producer.Ask<Drained>(new Drain(), TimeSpan.FromSeconds(60));
        }
        catch (AskTimeoutException)
        {
            Console.Error.WriteLine("ActorVm node: the block producer did not drain in time");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate(TimeSpan.FromSeconds(30));
        Db.Dispose();
    }
}
