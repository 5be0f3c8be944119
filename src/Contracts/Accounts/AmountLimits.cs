using System.Globalization;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Accounts;

/// <summary>
/// A transaction's amount_limit, as IOST applies it (go-iost vm/monitor.go): what its top-level calls
/// may take in all, per token, out of accounts (not contracts) through token transfers; a token
/// without an entry falls under "*"; with neither, nothing may be taken. "unlimited" is no limit.
/// </summary>
public sealed class AmountLimits(Transaction tx)
{
    private readonly Dictionary<string, decimal> _taken = new(StringComparer.Ordinal);

    /// <summary>A limit's value: the amount, decimal.MaxValue for "unlimited", null when it is neither.</summary>
    public static decimal? Parse(string value) =>
        value == "unlimited" ? decimal.MaxValue
        : decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    /// <summary>Records an amount leaving an account; contracts' own outflows are not limited.</summary>
    public void Taken(string token, string from, decimal amount)
    {
        if (AccountId.IsContract(from) || amount <= 0) return;
        _taken[token] = _taken.GetValueOrDefault(token) + amount;
    }

    /// <summary>The first token taken past its limit, as IOST words it, or null.</summary>
    public string? Exceeded()
    {
        foreach (var (token, amount) in _taken.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (amount > (Limit(token) ?? Limit("*") ?? 0)) return $"token {token} exceed amountLimit in tx. need {amount.ToString(CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    private decimal? Limit(string token) => tx.AmountLimit.FirstOrDefault(a => a.Token == token) is { } limit ? Parse(limit.Value) : null;
}
