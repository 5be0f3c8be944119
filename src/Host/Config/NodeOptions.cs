namespace ActorVm.Host.Config;

/// <summary>Where the node listens and keeps its data.</summary>
public sealed class NodeOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public string DataDir { get; set; } = "";

    /// <summary>Free disk below which the node stops committing blocks until space returns.</summary>
    public int MinFreeDiskMiB { get; set; }

    /// <summary>"dev", "production", or "auto": dev on a loopback address, production otherwise.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Host header values the node answers to, beside the loopback names and node:host.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How long an open /v1/events stream may stay silent before a heartbeat comment is sent.</summary>
    public int EventHeartbeatMs { get; set; } = 15_000;

    /// <summary>Origins allowed to call /v1 from a browser; none unless configured.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public bool IsLoopback => Host == "localhost" || (System.Net.IPAddress.TryParse(Host, out var a) && System.Net.IPAddress.IsLoopback(a));

    public bool IsDevelopment => Mode == "dev" || (Mode == "auto" && IsLoopback);
}

/// <summary>IOST's HTTP gateway (the JSON API an IOST node serves, for IOST's SDK and tools).</summary>
public sealed class GatewayOptions
{
    /// <summary>Its port on node:host (30001, as an IOST node's; 0 picks a free one; -1 turns it off).</summary>
    public int Port { get; set; }

    /// <summary>Origins allowed from a browser (IOST's rpc.allowOrigins; "*" for any); none unless configured.</summary>
    public string[] AllowOrigins { get; set; } = [];
}

/// <summary>Secret keys the node holds.</summary>
public sealed class KeyOptions
{
    /// <summary>The ed25519 secret key (base58) that signs this node's blocks in production mode; generated into the data directory when empty.</summary>
    public string Producer { get; set; } = "";
}

/// <summary>What the node writes to standard error.</summary>
public sealed class LogOptions
{
    public static readonly string[] Levels = ["debug", "info", "warning", "error", "off"];

    /// <summary>The node's own lines from this level up.</summary>
    public string Level { get; set; } = "info";

    /// <summary>Contracts' console lines from this level up (debug shows them all).</summary>
    public string Contracts { get; set; } = "debug";

    /// <summary>"text" (a line per event) or "json" (a JSON object per line, for log collectors).</summary>
    public string Format { get; set; } = "text";
}

/// <summary>Per-transaction limits (docs/contract-api.md).</summary>
public sealed class LimitOptions
{
    public int TxTimeMs { get; set; }
    public int HeapMiB { get; set; }

    /// <summary>The largest gas limit a transaction may ask for.</summary>
    public long MaxTxGas { get; set; }

    /// <summary>The time limit when validating another node's block (longer: a slower machine should not refuse a good block).</summary>
    public int ValidationTxTimeMs { get; set; }
}

/// <summary>
/// The VM worker pool (akka.actor.deployment."/vm/workers" in the configuration): its router and
/// Akka's DefaultResizer, which moves its size between the bounds.
/// </summary>
public sealed class PoolOptions
{
    public string Router { get; set; } = "idle-first-pool";

    /// <summary>The pool's size when the resizer is off.</summary>
    public int NrOfInstances { get; set; } = 2;

    public bool ResizerEnabled { get; set; } = true;
    public int PressureThreshold { get; set; } = 1;
    public int LowerBound { get; set; }
    public int UpperBound { get; set; }
    public int MessagesPerResize { get; set; }
    public double RampupRate { get; set; }
    public double BackoffThreshold { get; set; }
    public double BackoffRate { get; set; }
}

/// <summary>Block production.</summary>
public sealed class ChainOptions
{
    public int BlockIntervalMs { get; set; }
    public int MempoolSize { get; set; }
    public int MaxBlockTransactions { get; set; }
    public string Witness { get; set; } = "";

    /// <summary>Gas a block may use; it stops taking transactions once it has.</summary>
    public long MaxBlockGas { get; set; }

    /// <summary>Transactions one publisher may have waiting in the mempool.</summary>
    public int MaxPendingPerSender { get; set; }

    /// <summary>Transactions of one publisher in one block.</summary>
    public int MaxBlockTransactionsPerSender { get; set; }

    /// <summary>Workers one block's transactions run on at once; 0 means one per core but one.</summary>
    public int ExecutionLanes { get; set; }

    /// <summary>Blocks sealed and waiting for the disk while the next one executes.</summary>
    public int MaxUnwrittenBlocks { get; set; }

    /// <summary>The chain id transactions must name (IOST's SDK sends 1024 by default).</summary>
    public uint Id { get; set; }

    /// <summary>Accounts that exist from the start, as "id:publicKey" (base58), until one is stored under the name.</summary>
    public string[] Accounts { get; set; } = [];

    /// <summary>Public keys (base58) whose blocks are accepted, beside this node's own.</summary>
    public string[] Producers { get; set; } = [];

    /// <summary>
    /// What block 0 of a new chain holds: "dev" (the embedded dev genesis: IOST's local node accounts
    /// on our built-in contracts), "none", or a genesis folder in go-iost's layout (genesis.yml and
    /// contract/ with IOST's genesis contracts). Empty: dev in dev mode, none in production.
    /// </summary>
    public string Genesis { get; set; } = "";

    public const string DevGenesis = "dev";
    public const string NoGenesis = "none";

    /// <summary>On a dev chain, whether block receipts keep the contracts' console lines (query answers always carry them).</summary>
    public bool ReceiptLogs { get; set; }

    /// <summary>Publishers pay for gas and RAM on a chain started from a genesis folder, as on IOST (a dev genesis is free).</summary>
    public bool ChargesResources => Genesis is not ("" or DevGenesis or NoGenesis);
}

/// <summary>The whole configuration of a node, after every source has been applied.</summary>
public sealed record NodeSettings(NodeOptions Node, LimitOptions Limits, PoolOptions Pool, ChainOptions Chain, GatewayOptions Gateway, KeyOptions Keys)
{
    public ClusterOptions Cluster { get; init; } = new();
    public LogOptions Log { get; init; } = new();
}

/// <summary>Membership of a cluster of nodes over RabbitMQ (docs/cluster.md); none unless amqp is set.</summary>
public sealed class ClusterOptions
{
    /// <summary>AMQP URIs of the RabbitMQ cluster's nodes (amqp://user:password@host:port/vhost), tried in order.</summary>
    public string[] Amqp { get; set; } = [];

    /// <summary>For amqps:// URIs: the CA certificate (PEM) the brokers' certificates must chain to; empty means the machine's trusted roots.</summary>
    public string TlsCaFile { get; set; } = "";

    /// <summary>This node's name in the cluster; by default its host name and process id.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>"node" (a replica that serves HTTP and may produce) or "worker" (no HTTP and no lease: it answers the cluster's queries).</summary>
    public string Role { get; set; } = "node";

    /// <summary>On a node: send read-only calls to the cluster's workers when any is alive (else they run here).</summary>
    public bool RemoteQueries { get; set; }

    /// <summary>On a node: validate blocks from the stream with a worker's result when one answers (else execute them here).</summary>
    public bool RemoteValidation { get; set; }

    public bool Enabled => Amqp.Length > 0;

    public bool IsWorker => Role == "worker";
}

/// <summary>A setting that cannot be used; the message names it.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
