namespace ActorVm.Host.Config.Hocon;

/// <summary>What a <see cref="HoconScalar"/> was written as.</summary>
public enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
