using System.Globalization;
using ActorVm.Contracts.Accounts;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Settles a transaction's RAM charges (go-iost's teller DoPay): system contracts (*.iost) never pay;
/// a contract's charges go to its owner; each payer's ram balance falls by what it used, or rises by
/// what it freed, and ram.iost's record of its use (UR) follows. A payer short of RAM fails the transaction.
/// </summary>
public static class RamPayment
{
    public const string Token = "ram";
    public const string RamContract = "ram.iost";

    /// <summary>Null when every payer could pay, else why not (the caller drops the transaction's writes).</summary>
    /// <param name="usage">Each payer's net bytes, in name order (<see cref="TransactionContext.RamUsage"/>).</param>
    public static string? Settle(TransactionContext tx, IReadOnlyList<KeyValuePair<string, long>> usage)
    {
        foreach (var (payer, bytes) in usage)
        {
            if (bytes == 0 || payer.EndsWith(".iost", StringComparison.Ordinal)) continue;
            var account = AccountId.IsContract(payer) ? tx.World.MapGet(SystemContract.IostName, SystemContract.OwnerMap, payer) : payer;
            if (account is null) continue;
            var balance = long.Parse(tx.World.GetBalance(Token, account) ?? "0", CultureInfo.InvariantCulture);
            if (balance < bytes) return $"pay ram failed. id: {account} need {bytes}, actual {balance}";
            tx.World.SetBalance(Token, account, (balance - bytes).ToString(CultureInfo.InvariantCulture));
            var used = long.TryParse(tx.World.GetValue(RamContract, "UR" + account), CultureInfo.InvariantCulture, out var u) ? u : 0;
            tx.World.PutValue(RamContract, "UR" + account, (used + bytes).ToString(CultureInfo.InvariantCulture));
        }
        return null;
    }
}
