using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>What a host function returns to JS.</summary>
internal readonly record struct HostResult(int Kind, string? Text = null, double Number = 0)
{
    public static readonly HostResult Undefined = new(V8Native.Undefined);

    public static HostResult Of(string? text) => text is null ? new(V8Native.Null) : new(V8Native.String, text);

    public static HostResult Of(bool value) => new(V8Native.Bool, Number: value ? 1 : 0);

    public static HostResult Of(int value) => new(V8Native.Number, Number: value);
}
