namespace ActorVm.Host.Config.Hocon;

/// <summary>Where something was written; lines and columns count from 1.</summary>
internal readonly record struct SourcePosition(string? File, int Line, int Column)
{
    public HoconException Error(string problem) => new(problem, File, Line, Column);
}
