using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorVm.Host.Metrics;

/// <summary>The process's figures under the names Prometheus clients give them (process_*, dotnet_*).</summary>
public static class ProcessMetrics
{
    public static void WriteTo(StringBuilder text)
    {
        using var process = Process.GetCurrentProcess();
        void Metric(string name, string type, string help, double value) =>
            text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value.ToString(CultureInfo.InvariantCulture)}\n");
        Metric("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", process.TotalProcessorTime.TotalSeconds);
        Metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.WorkingSet64);
        Metric("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", process.VirtualMemorySize64);
        Metric("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
            (process.StartTime.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds);
        if (Directory.Exists("/proc/self/fd")) Metric("process_open_fds", "gauge", "Number of open file descriptors.", Directory.GetFiles("/proc/self/fd").Length);
        Metric("process_threads", "gauge", "Threads of the process.", process.Threads.Count);
        Metric("dotnet_total_memory_bytes", "gauge", "Bytes the .NET garbage collector holds allocated.", GC.GetTotalMemory(false));
        text.Append("# HELP dotnet_collection_count_total Garbage collections by generation.\n# TYPE dotnet_collection_count_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            text.Append($"dotnet_collection_count_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
    }
}
