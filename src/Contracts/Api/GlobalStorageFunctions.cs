using System.Runtime.InteropServices;
using System.Text.Json;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>storage.global*: read-only views of other contracts' values and maps.</summary>
internal static unsafe class GlobalStorageFunctions
{
    [UnmanagedCallersOnly]
    public static int Get(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalGet", static (c, a) =>
            HostResult.Of(c.World.GetValue(a.Name(0, "contract"), a.Key(1, "key"))));

    [UnmanagedCallersOnly]
    public static int Has(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalHas", static (c, a) =>
            HostResult.Of(c.World.GetValue(a.Name(0, "contract"), a.Key(1, "key")) is not null));

    [UnmanagedCallersOnly]
    public static int MapGet(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalMapGet", static (c, a) =>
            HostResult.Of(c.World.MapGet(a.Name(0, "contract"), a.Key(1, "key"), a.Key(2, "field"))));

    [UnmanagedCallersOnly]
    public static int MapHas(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalMapHas", static (c, a) =>
            HostResult.Of(c.World.MapGet(a.Name(0, "contract"), a.Key(1, "key"), a.Key(2, "field")) is not null));

    [UnmanagedCallersOnly]
    public static int MapKeys(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalMapKeys", static (c, a) =>
            HostResult.Of(JsonSerializer.Serialize(c.World.MapKeys(a.Name(0, "contract"), a.Key(1, "key")))));

    [UnmanagedCallersOnly]
    public static int MapLength(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.globalMapLen", static (c, a) =>
            HostResult.Of(c.World.MapKeys(a.Name(0, "contract"), a.Key(1, "key")).Count));
}
