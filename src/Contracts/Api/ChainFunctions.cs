using System.Runtime.InteropServices;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>blockchain.requireAuth, receipt, event and call.</summary>
internal static unsafe class ChainFunctions
{
    [UnmanagedCallersOnly]
    public static int RequireAuth(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.requireAuth", static (c, a) =>
        {
            // The answer and its work in one number: ±(1 + accounts read); the runtime charges the reads.
            var satisfied = c.Transaction.RequireAuth(a.String(0, "account"), a.String(1, "permission"), c.Frame, out var accountReads);
            var reads = 1 + accountReads;
            return HostResult.Of(satisfied ? reads : -reads);
        });

    [UnmanagedCallersOnly]
    public static int Receipt(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.receipt", static (c, a) =>
        {
            c.Transaction.AddReceipt(c.Frame, a.String(0, "content"));
            return HostResult.Undefined;
        });

    [UnmanagedCallersOnly]
    public static int Event(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.event", static (c, a) =>
        {
            c.Transaction.AddEvent(c.Frame, a.String(0, "content"));
            return HostResult.Undefined;
        });

    /// <summary>The transaction and block as JSON, built once per transaction and only when a contract looks at them.</summary>
    [UnmanagedCallersOnly]
    public static int ChainInfo(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "chainInfo", static (c, _) => HostResult.Of(c.Transaction.ChainJson));

    /// <summary>call(contract, api, argsJson, gasRemaining, withAuth) → JSON {ok, gas, result?, error?}.</summary>
    [UnmanagedCallersOnly]
    public static int Call(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.call", static (c, a) =>
            HostResult.Of(c.Engine.CallNested(c, a.Name(0, "contract"), a.String(1, "api"), a.String(2, "args"),
                (long)a.Number(3, "gas"), a.Bool(4, "withAuth"))));
}
