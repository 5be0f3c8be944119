using System.Runtime.InteropServices;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>storage.put/get/has/del: the calling contract's own values; put takes IOST's optional RAM payer.</summary>
internal static unsafe class StorageFunctions
{
    [UnmanagedCallersOnly]
    public static int Put(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.put", static (c, a) =>
        {
            Execution.RamCharges.Put(c, a.Key(0, "key"), a.String(1, "value"), a.Count > 2 ? a.Name(2, "payer") : null);
            return HostResult.Undefined;
        });

    [UnmanagedCallersOnly]
    public static int Get(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.get", static (c, a) => HostResult.Of(c.World.GetValue(c.Frame.Contract, a.Key(0, "key"))));

    [UnmanagedCallersOnly]
    public static int Has(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.has", static (c, a) => HostResult.Of(c.World.GetValue(c.Frame.Contract, a.Key(0, "key")) is not null));

    [UnmanagedCallersOnly]
    public static int Delete(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "storage.del", static (c, a) =>
        {
            Execution.RamCharges.Delete(c, a.Key(0, "key"));
            return HostResult.Undefined;
        });
}
