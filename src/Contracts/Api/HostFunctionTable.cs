using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>One host function: a method of the host object the call runtime (js/runtime.js) wraps.</summary>
internal readonly unsafe struct HostBinding(string name, delegate* unmanaged<nint, V8Native.Value*, int, V8Native.Value*, int> function)
{
    public string Name { get; } = name;
    public delegate* unmanaged<nint, V8Native.Value*, int, V8Native.Value*, int> Function { get; } = function;
}

/// <summary>The function-pointer table every isolate is created with; names match js/runtime.js.</summary>
internal static unsafe class HostFunctionTable
{
    public static IReadOnlyList<HostBinding> Bindings { get; } =
    [
        new("storagePut", &StorageFunctions.Put),
        new("storageGet", &StorageFunctions.Get),
        new("storageHas", &StorageFunctions.Has),
        new("storageDel", &StorageFunctions.Delete),
        new("mapPut", &MapFunctions.Put),
        new("mapGet", &MapFunctions.Get),
        new("mapHas", &MapFunctions.Has),
        new("mapKeys", &MapFunctions.Keys),
        new("mapLen", &MapFunctions.Length),
        new("mapDel", &MapFunctions.Delete),
        new("globalGet", &GlobalStorageFunctions.Get),
        new("globalHas", &GlobalStorageFunctions.Has),
        new("globalMapGet", &GlobalStorageFunctions.MapGet),
        new("globalMapHas", &GlobalStorageFunctions.MapHas),
        new("globalMapKeys", &GlobalStorageFunctions.MapKeys),
        new("globalMapLen", &GlobalStorageFunctions.MapLength),
        new("transfer", &TokenFunctions.Transfer),
        new("withdraw", &TokenFunctions.Withdraw),
        new("deposit", &TokenFunctions.Deposit),
        new("requireAuth", &ChainFunctions.RequireAuth),
        new("receipt", &ChainFunctions.Receipt),
        new("event", &ChainFunctions.Event),
        new("call", &ChainFunctions.Call),
        new("chainInfo", &ChainFunctions.ChainInfo),
        new("sha3", &CryptoFunctions.Sha3),
        new("sha3Hex", &CryptoFunctions.Sha3Hex),
        new("ripemd160Hex", &CryptoFunctions.Ripemd160Hex),
        new("verify", &CryptoFunctions.Verify),
        new("log", &ConsoleFunctions.Log),
    ];
}
