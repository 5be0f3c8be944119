using System.Net;

namespace ActorVm.Host.Config;

/// <summary>The checks of settings once every source is applied; each refusal names the setting.</summary>
internal static class SettingsValidation
{
    public static void Validate(NodeSettings s)
    {
        if (!IPAddress.TryParse(s.Node.Host, out _) && s.Node.Host != "localhost")
            throw new ConfigurationException($"node:host '{s.Node.Host}' is not an IP address");
        if (s.Node.Port is < 0 or > 65535)
            throw new ConfigurationException($"node:port {s.Node.Port} is not between 0 and 65535");
        if (string.IsNullOrWhiteSpace(s.Node.DataDir))
            throw new ConfigurationException("node:dataDir must name a directory");
        if (s.Node.MinFreeDiskMiB < 0)
            throw new ConfigurationException($"node:minFreeDiskMiB {s.Node.MinFreeDiskMiB} must not be negative");
        if (s.Node.EventHeartbeatMs is < 10 or > 3_600_000)
            throw new ConfigurationException($"node:eventHeartbeatMs {s.Node.EventHeartbeatMs} is not between 10 and 3600000");
        if (s.Limits.TxTimeMs is < 1 or > 60_000)
            throw new ConfigurationException($"limits:txTimeMs {s.Limits.TxTimeMs} is not between 1 and 60000");
        if (s.Limits.MaxTxGas < 1)
            throw new ConfigurationException($"limits:maxTxGas {s.Limits.MaxTxGas} must be at least 1");
        if (s.Limits.ValidationTxTimeMs is < 1 or > 600_000)
            throw new ConfigurationException($"limits:validationTxTimeMs {s.Limits.ValidationTxTimeMs} is not between 1 and 600000");
        if (s.Limits.HeapMiB is < 8 or > 4096)
            throw new ConfigurationException($"limits:heapMiB {s.Limits.HeapMiB} is not between 8 and 4096");
        if (s.Pool.LowerBound is < 1 or > 64)
            throw new ConfigurationException($"pool:lowerBound {s.Pool.LowerBound} is not between 1 and 64");
        if (s.Pool.UpperBound < s.Pool.LowerBound || s.Pool.UpperBound > 64)
            throw new ConfigurationException($"pool:upperBound {s.Pool.UpperBound} is not between pool:lowerBound and 64");
        if (s.Pool.Router != "idle-first-pool")
            throw new ConfigurationException($"the /vm/workers router '{s.Pool.Router}' is not one this node has: idle-first-pool");
        if (s.Pool.NrOfInstances is < 1 or > 64)
            throw new ConfigurationException($"the /vm/workers nr-of-instances {s.Pool.NrOfInstances} is not between 1 and 64");
        if (s.Pool.PressureThreshold < 0)
            throw new ConfigurationException($"pool:pressureThreshold {s.Pool.PressureThreshold} must not be negative");
        if (s.Pool.MessagesPerResize < 1)
            throw new ConfigurationException($"pool:messagesPerResize {s.Pool.MessagesPerResize} must be at least 1");
        if (s.Pool.RampupRate is < 0 or > 10)
            throw new ConfigurationException($"pool:rampupRate {s.Pool.RampupRate} is not between 0 and 10");
        if (s.Pool.BackoffThreshold is < 0 or > 1)
            throw new ConfigurationException($"pool:backoffThreshold {s.Pool.BackoffThreshold} is not between 0 and 1");
        if (s.Pool.BackoffRate is < 0 or > 1)
            throw new ConfigurationException($"pool:backoffRate {s.Pool.BackoffRate} is not between 0 and 1");
        if (s.Chain.BlockIntervalMs is < 1 or > 60_000)
            throw new ConfigurationException($"chain:blockIntervalMs {s.Chain.BlockIntervalMs} is not between 1 and 60000");
        if (s.Chain.MempoolSize < 1)
            throw new ConfigurationException($"chain:mempoolSize {s.Chain.MempoolSize} must be at least 1");
        if (s.Chain.MaxBlockTransactions < 1)
            throw new ConfigurationException($"chain:maxBlockTransactions {s.Chain.MaxBlockTransactions} must be at least 1");
        if (s.Chain.MaxBlockGas < s.Limits.MaxTxGas)
            throw new ConfigurationException($"chain:maxBlockGas {s.Chain.MaxBlockGas} is less than limits:maxTxGas {s.Limits.MaxTxGas}");
        if (s.Chain.MaxPendingPerSender < 1 || s.Chain.MaxPendingPerSender > s.Chain.MempoolSize)
            throw new ConfigurationException($"chain:maxPendingPerSender {s.Chain.MaxPendingPerSender} is not between 1 and chain:mempoolSize");
        if (s.Chain.MaxBlockTransactionsPerSender < 1 || s.Chain.MaxBlockTransactionsPerSender > s.Chain.MaxBlockTransactions)
            throw new ConfigurationException(
                $"chain:maxBlockTransactionsPerSender {s.Chain.MaxBlockTransactionsPerSender} is not between 1 and chain:maxBlockTransactions");
        if (s.Chain.ExecutionLanes is < 0 or > 64)
            throw new ConfigurationException($"chain:executionLanes {s.Chain.ExecutionLanes} is not between 0 (one per core but one) and 64");
        if (s.Chain.MaxUnwrittenBlocks is < 1 or > 16)
            throw new ConfigurationException($"chain:maxUnwrittenBlocks {s.Chain.MaxUnwrittenBlocks} is not between 1 and 16");
        if (s.Node.Mode is not ("auto" or "dev" or "production"))
            throw new ConfigurationException($"node:mode '{s.Node.Mode}' is not auto, dev or production");
        if (s.Node.Mode == "dev" && !s.Node.IsLoopback)
            throw new ConfigurationException($"node:mode dev listens on a loopback address only, not {s.Node.Host}: use production mode to listen beyond this machine");
        if (s.Gateway.Port is < -1 or > 65535)
            throw new ConfigurationException($"gateway:port {s.Gateway.Port} is not between -1 (off) and 65535");
        if (s.Gateway.Port > 0 && s.Gateway.Port == s.Node.Port)
            throw new ConfigurationException($"gateway:port {s.Gateway.Port} is node:port too");
        foreach (var (key, level) in new[] { ("log:level", s.Log.Level), ("log:contracts", s.Log.Contracts) })
            if (!LogOptions.Levels.Contains(level))
                throw new ConfigurationException($"{key} '{level}' is not one of {string.Join(", ", LogOptions.Levels)}");
        if (s.Log.Format is not ("text" or "json"))
            throw new ConfigurationException($"log:format '{s.Log.Format}' is not text or json");
        if (s.Cluster.Role is not ("node" or "worker"))
            throw new ConfigurationException($"cluster:role '{s.Cluster.Role}' is not node or worker");
        if (string.IsNullOrWhiteSpace(s.Chain.Witness))
            throw new ConfigurationException("chain:witness must name the producing node");
    }
}
