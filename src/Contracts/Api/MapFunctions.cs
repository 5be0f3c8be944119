using System.Runtime.InteropServices;
using System.Text.Json;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>
/// storage.mapPut/mapGet/mapHas/mapKeys/mapLen/mapDel: the calling contract's maps. A map keeps the
/// list of its fields, which adding or deleting a field rewrites: those answer how many fields they
/// wrote, and the runtime charges for them (js/runtime.js), as it does for the fields mapKeys and
/// mapLen read.
/// </summary>
internal static unsafe class MapFunctions
{
    [UnmanagedCallersOnly]
    public static int Put(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapPut", static (c, a) =>
            HostResult.Of(Execution.RamCharges.MapPut(c, a.Key(0, "key"), a.Key(1, "field"), a.String(2, "value"), a.Count > 3 ? a.Name(3, "payer") : null)));

    [UnmanagedCallersOnly]
    public static int Get(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapGet", static (c, a) =>
            HostResult.Of(c.World.MapGet(c.Frame.Contract, a.Key(0, "key"), a.Key(1, "field"))));

    [UnmanagedCallersOnly]
    public static int Has(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapHas", static (c, a) =>
            HostResult.Of(c.World.MapGet(c.Frame.Contract, a.Key(0, "key"), a.Key(1, "field")) is not null));

    [UnmanagedCallersOnly]
    public static int Keys(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapKeys", static (c, a) =>
            HostResult.Of(JsonSerializer.Serialize(c.World.MapKeys(c.Frame.Contract, a.Key(0, "key")))));

    [UnmanagedCallersOnly]
    public static int Length(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapLen", static (c, a) =>
            HostResult.Of(c.World.MapKeys(c.Frame.Contract, a.Key(0, "key")).Count));

    [UnmanagedCallersOnly]
    public static int Delete(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.mapDel", static (c, a) =>
            HostResult.Of(Execution.RamCharges.MapDelete(c, a.Key(0, "key"), a.Key(1, "field"))));
}
