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
    public override string ToString() =>
        $"[{Level}] [{Source}] {Message}{(Cause is null ? "" : $": {Cause.GetType().Name}: {Cause.Message}")}";
}

/// <summary>Logs by publishing <see cref="LogEvent"/>s, so tests can observe them.</summary>
public sealed class LoggingAdapter(EventStream stream, string source)
{
    public void Debug(string message) => stream.Publish(new LogEvent(LogLevel.Debug, source, message));
    public void Info(string message) => stream.Publish(new LogEvent(LogLevel.Info, source, message));
    public void Warning(string message) => stream.Publish(new LogEvent(LogLevel.Warning, source, message));
    public void Error(Exception? cause, string message) => stream.Publish(new LogEvent(LogLevel.Error, source, message, cause));
}

/// <summary>Writes log events from a level up to standard error.</summary>
internal sealed class StandardErrorLogger(LogLevel minimum) : IActorRef
{
    public string Path => "/system/stderr-logger";

    public void Tell(object message, IActorRef? sender = null)
    {
        if (message is LogEvent e && e.Level >= minimum) Console.Error.WriteLine(e.ToString());
    }
}
