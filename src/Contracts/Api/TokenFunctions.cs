using System.Runtime.InteropServices;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>blockchain.transfer/withdraw/deposit of the native token; the payer must be authorised.</summary>
internal static unsafe class TokenFunctions
{
    [UnmanagedCallersOnly]
    public static int Transfer(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.transfer", static (c, a) =>
            Move(c, a.Name(0, "from"), a.Name(1, "to"), a.String(2, "amount"), a.Number(4, "gas"), a.String(3, "memo")));

    /// <summary>From the contract's own account.</summary>
    [UnmanagedCallersOnly]
    public static int Withdraw(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.withdraw", static (c, a) =>
            Move(c, c.Frame.Contract, a.Name(0, "to"), a.String(1, "amount"), a.Number(3, "gas"), a.String(2, "memo")));

    /// <summary>Into the contract's own account.</summary>
    [UnmanagedCallersOnly]
    public static int Deposit(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "blockchain.deposit", static (c, a) =>
            Move(c, a.Name(0, "from"), c.Frame.Contract, a.String(1, "amount"), a.Number(3, "gas"), a.String(2, "memo")));

    private static HostResult Move(HostCallContext c, string from, string to, string amount, double gasUsed, string memo)
    {
        c.GasAtHostCall = (long)gasUsed;
        if (System.Text.Encoding.UTF8.GetByteCount(memo) > Execution.TokenContract.MaxMemoBytes)
            throw new HostException($"memo too large: at most {Execution.TokenContract.MaxMemoBytes} bytes");
        // These act with the calling contract's authority, as IOST's callWithAuth into token.iost does.
        if (from != c.Frame.Contract && !c.Transaction.RequireAuth(from, "transfer", c.Frame)) throw new HostException($"transfer: {from}@transfer has not authorised this transaction");
        if (!Accounts.AccountStore.CanReceive(c.World, c.Transaction.Rules, to)) throw new HostException($"invalid account: {to} is not an account (sign it up first)");
        var value = NativeToken.ParseAmount(amount);
        Execution.TokenContract.Settled(c.Transaction, NativeToken.Name, from);
        NativeToken.Transfer(c.World, from, to, value);
        c.Transaction.Amounts.Taken(NativeToken.Name, from, value);
        return HostResult.Undefined;
    }
}
