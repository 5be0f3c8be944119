using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorVm.Host.Bench;

/// <summary>The figures of one benchmark run, by key, and the report: a markdown table with the targets and ceilings, and JSON.</summary>
internal sealed class BenchResults
{
    private readonly SortedDictionary<string, double> _values = new(StringComparer.Ordinal);

    public void Set(string key, double value) => _values[key] = Math.Round(value, 6);

    public double? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    public IReadOnlyDictionary<string, double> Values => _values;

    public string Json() => JsonSerializer.Serialize(_values, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The table: each figure with its target (SPEC issue 7) and, where one applies, its ceiling and the ratio to it.</summary>
    public string Markdown(string title)
    {
        var text = new StringBuilder($"# {title}\n\n| measure | value | target | ceiling | ratio |\n| --- | --- | --- | --- | --- |\n");
        void Row(string label, string key, string unit, string? target = null, string? ceilingKey = null)
        {
            if (Get(key) is not { } value) return;
            var ceiling = ceilingKey is not null ? Get(ceilingKey) : null;
            var ratio = ceiling is > 0 ? (value / ceiling.Value).ToString("G4", CultureInfo.InvariantCulture) : "";
            text.Append($"| {label} | {Format(value)} {unit} | {target ?? ""} | {(ceiling is { } c ? Format(c) + " " + unit : "")} | {ratio} |\n");
        }
        Row("committed transfers, in-process", "transfers_inproc_tps", "tx/s", ">= 0.02 x node", "node_ceiling_tps");
        Row("  latency p50 (submit to committed receipt)", "transfers_inproc_p50_ms", "ms");
        Row("  latency p95", "transfers_inproc_p95_ms", "ms");
        Row("  latency p99", "transfers_inproc_p99_ms", "ms");
        Row("  share of the run the runtime's GC paused every thread", "transfers_inproc_gc_pause_share", "");
        Row("  bytes the process allocated per transaction", "transfers_inproc_alloc_bytes_per_tx", "B");
        Row("  processor time of the process per transaction (every thread)", "transfers_inproc_cpu_us_per_tx", "µs");
        Row("  warm-up rounds of 20,000 before it (until the runtime stopped recompiling, at most 8)", "warmup_inproc_rounds", "");
        Row("  at half that rate (open loop)", "transfers_half_load_rate_tps", "tx/s");
        Row("    latency p50", "transfers_half_load_p50_ms", "ms");
        Row("    latency p99", "transfers_half_load_p99_ms", "ms", "< 2 block intervals (1000)");
        Row("committed transfers, HTTP batches", "transfers_http_tps", "tx/s", ">= 0.8 x in-process", "transfers_inproc_tps");
        Row("  processor time of the process per transaction (every thread)", "transfers_http_cpu_us_per_tx", "µs");
        Row("  warm-up rounds of 10,000 before it (until the runtime stopped recompiling, at most 12)", "warmup_http_rounds", "");
        Row("queries at full speed", "query_full_qps", "q/s");
        Row("  p99 at full speed", "query_full_p99_ms", "ms");
        Row("  share of it the runtime's GC paused every thread", "query_full_gc_pause_share", "");
        Row("queries at a fixed rate, p50", "query_p50_ms", "ms");
        Row("queries at a fixed rate, p99", "query_p99_ms", "ms", "< 2 (at 1000 q/s)");
        Row("warm call, empty method", "warm_call_us", "µs", "< 10");
        Row("worker start from snapshot", "worker_start_ms", "ms", "< 5");
        Row("deploy to first call, 300 lines (engine, median of 5)", "deploy_first_call_ms", "ms", "< 20");
        Row("  the same through blocks (committed receipts)", "deploy_first_call_committed_ms", "ms");
        Row("committed transfers, hot spot (every one to one account)", "transfers_hotspot_tps", "tx/s", ">= 0.9 x engine loop", "engine_loop_tps");
        Row("engine loop: the same transfers on one thread, no actors (mean of its runs beside the in-process and hot-spot runs)", "engine_loop_tps", "tx/s");
        Row("  first run (before the in-process run)", "engine_loop_tps_first", "tx/s");
        Row("  last run (after the hot-spot run)", "engine_loop_tps_last", "tx/s");
        Row("  in-process over engine loop", "inproc_vs_engine_loop", "x", ">= 1.5");
        Row("block production time p50", "block_ms_p50", "ms");
        Row("block production time p99", "block_ms_p99", "ms");
        Row("  executing p50", "block_execute_ms_p50", "ms");
        Row("  drafting the block p50 (receipts are encoded by the writer)", "block_receipts_ms_p50", "ms");
        Row("  sealing p50", "block_seal_ms_p50", "ms");
        Row("  committing (synced write) p50", "block_commit_ms_p50", "ms");
        Row("  share of commit time overlapped by the next block's execution", "block_commit_overlapped", "");
        Row("  transactions per block, mean", "block_transactions_mean", "");
        Row("  waves per block, mean (0: in order)", "block_waves_mean", "");
        Row("  share of transactions run again", "block_reexecuted_share", "");
        Row("pool size, smallest seen", "pool_min", "workers");
        Row("pool size, largest seen", "pool_max", "workers");
        Row("peak memory (RSS)", "rss_mb", "MB", "< 600");
        Row("raw RocksDB batch writes (synced)", "rocksdb_ceiling_keys_per_s", "keys/s");
        Row("same token contract on plain node (mean of before and after the in-process run)", "node_ceiling_tps", "tx/s");
        Row("  measured before the in-process run", "node_ceiling_tps_before", "tx/s");
        Row("  measured after it", "node_ceiling_tps_after", "tx/s");
        foreach (var (key, value) in _values.Where(v => v.Key.StartsWith("scale_")))
            text.Append($"| {key.Replace('_', ' ')} | {Format(value)} | | | |\n");
        return text.ToString();
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
}
