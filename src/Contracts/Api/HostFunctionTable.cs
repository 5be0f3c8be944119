using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>One host function: installed in JS as globalThis[Object][Name].</summary>
internal readonly unsafe struct HostBinding(string obj, string name,
    delegate* unmanaged<nint, V8Native.Value*, int, V8Native.Value*, int> function)
{
    public string Object { get; } = obj;
    public string Name { get; } = name;
    public delegate* unmanaged<nint, V8Native.Value*, int, V8Native.Value*, int> Function { get; } = function;
}

/// <summary>The function-pointer table every isolate is created with.</summary>
internal static unsafe class HostFunctionTable
{
    public static IReadOnlyList<HostBinding> Bindings { get; } =
    [
        new("storage", "put", &StorageFunctions.Put),
        new("storage", "get", &StorageFunctions.Get),
        new("storage", "has", &StorageFunctions.Has),
        new("storage", "del", &StorageFunctions.Delete),
    ];
}
