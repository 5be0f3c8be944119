using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>A built-in contract's call of token.iost, as go-iost's natives make it (h.Call / h.CallWithAuth).</summary>
internal static class TokenCalls
{
    /// <param name="lent">Contracts whose authority the call carries (the caller's own for CallWithAuth; none for a plain call).</param>
    public static void Call(TransactionContext tx, CallFrame caller, IReadOnlySet<string> lent, string method, params string[] args)
    {
        var callee = new CallFrame(TokenContract.IostName, method, "", caller.Contract, false, lent);
        var outcome = TokenContract.Run(tx, callee, new TxAction(TokenContract.IostName, method, JsonSerializer.Serialize(args)));
        if (outcome.Succeeded) return;
        if (outcome.Code == StatusCode.WrongParameter) throw new HostException(outcome.Message);
        throw new TransactionAbortException(outcome.Code, outcome.Message);
    }

    /// <summary>With the calling contract's own authority.</summary>
    public static void CallWithAuth(TransactionContext tx, CallFrame caller, string method, params string[] args) =>
        Call(tx, caller, new HashSet<string>(StringComparer.Ordinal) { caller.Contract }, method, args);
}
