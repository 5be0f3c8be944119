using System.Text.Json;

namespace ActorVm.Actors.Runtime;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Off,
}

/// <summary>A log line of the actor system, published on its event stream.</summary>
public sealed record LogEvent(LogLevel Level, string Source, string Message, Exception? Cause = null)
{
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Named values of the line (a block height, a transaction hash), as structured logs show them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    public override string ToString() =>
        $"{Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level}] [{Source}] {Message}{(Cause is null ? "" : $": {Cause.GetType().Name}: {Cause.Message}")}";

    /// <summary>One JSON object per line: time, level, source, message, the fields and the error.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteString("level", Level.ToString().ToLowerInvariant());
            json.WriteString("source", Source);
            json.WriteString("message", Message);
            foreach (var (name, value) in Fields) json.WriteString(name, value);
            if (Cause is not null) json.WriteString("error", $"{Cause.GetType().Name}: {Cause.Message}");
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Logs by publishing <see cref="LogEvent"/>s, so tests can observe them.</summary>
public sealed class LoggingAdapter(EventStream stream, string source)
{
    public void Debug(string message) => stream.Publish(new LogEvent(LogLevel.Debug, source, message));
    public void Info(string message) => stream.Publish(new LogEvent(LogLevel.Info, source, message));
    public void Warning(string message) => stream.Publish(new LogEvent(LogLevel.Warning, source, message));
    public void Error(Exception? cause, string message) => stream.Publish(new LogEvent(LogLevel.Error, source, message, cause));
}

/// <summary>How log events reach standard error: from which level, per source where it differs, and as text or JSON lines.</summary>
public sealed record StdErrLogging(LogLevel Level)
{
    /// <summary>Levels of particular sources (by <see cref="LogEvent.Source"/>), instead of <see cref="Level"/>.</summary>
    public IReadOnlyDictionary<string, LogLevel> SourceLevels { get; init; } = new Dictionary<string, LogLevel>();

    public bool Json { get; init; }

    public bool Writes(LogEvent e) => e.Level != LogLevel.Off && e.Level >= (SourceLevels.TryGetValue(e.Source, out var level) ? level : Level);
}

/// <summary>Writes log events to standard error, one line each.</summary>
internal sealed class StandardErrorLogger(StdErrLogging settings) : IActorRef
{
    public string Path => "/system/stderr-logger";

    public void Tell(object message, IActorRef? sender = null)
    {
        if (message is LogEvent e && settings.Writes(e)) Console.Error.WriteLine(settings.Json ? e.ToJson() : e.ToString());
    }
}
