using System.Runtime.InteropServices;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

internal delegate HostResult HostBody(HostCallContext context, HostArgs args);

/// <summary>
/// The common frame of every host function: finds the call's context, runs the body and turns
/// exceptions into JS errors, so that no exception ever crosses back into native code. An abort
/// records its status on the transaction and terminates the isolate: no contract code runs after it.
/// </summary>
internal static unsafe class HostCall
{
    /// <summary>Tells the shim to end the run at once (avm_v8.h).</summary>
    private const int Halt = 2;

    public static int Run(nint callContext, V8Native.Value* args, int argc, V8Native.Value* result, string function, HostBody body)
    {
        if (callContext == 0) return Fail(null, result, $"{function}: called outside a contract call");
        var context = (HostCallContext)GCHandle.FromIntPtr(callContext).Target!;
        try
        {
            var value = body(context, new HostArgs(args, argc, function));
            if (value.Kind == V8Native.String) context.SetString(result, value.Text!);
            else *result = new V8Native.Value { Kind = value.Kind, Number = value.Number };
            return 0;
        }
        catch (TransactionAbortException e)
        {
            context.Transaction.AbortWith(e.Code, e.Message, context.GasBase + context.GasAtHostCall);
            *result = new V8Native.Value { Kind = V8Native.Undefined };
            return Halt;
        }
        catch (HostException e)
        {
            return Fail(context, result, e.Message);
        }
        catch (Exception e)
        {
            return Fail(context, result, $"{function}: internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    private static int Fail(HostCallContext? context, V8Native.Value* result, string message)
    {
        if (context is null) *result = new V8Native.Value { Kind = V8Native.Undefined };
        else context.SetString(result, message);
        return 1;
    }
}
