using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Vm;

/// <summary>The checks a transaction must pass before it is executed at all (WRONG_TX_FORMAT).</summary>
public static class TransactionFormat
{
    public const int MaxActions = 64;
    public const int MaxDataBytes = 512 * 1024;

    /// <summary>Null when the transaction is well formed, else what is wrong with it.</summary>
    /// <remarks>A gas limit above the chain's cap is allowed: the transaction runs under the cap.</remarks>
    public static string? Check(Transaction tx)
    {
        if (tx.Actions.Count == 0) return "a transaction needs at least one action";
        if (tx.Actions.Count > MaxActions) return $"a transaction holds at most {MaxActions} actions";
        if (string.IsNullOrEmpty(tx.Publisher)) return "publisher is required";
        if (tx.GasLimit <= 0) return "gasLimit must be positive";
        for (var i = 0; i < tx.Actions.Count; i++)
        {
            var a = tx.Actions[i];
            if (string.IsNullOrEmpty(a.Contract)) return $"action {i}: contract is required";
            if (a.Contract.Length > 64 || !IsContractId(a.Contract))
                return $"action {i}: contract '{a.Contract}' is not a contract id";
            if (string.IsNullOrEmpty(a.ActionName)) return $"action {i}: actionName is required";
            if (a.Data.Length > MaxDataBytes) return $"action {i}: data is larger than {MaxDataBytes} bytes";
            if (a.Arguments is null) return $"action {i}: data must be a JSON array, as a string";
        }
        return null;
    }

    private static bool IsContractId(string contract)
    {
        foreach (var c in contract)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.')) return false;
        return true;
    }
}
