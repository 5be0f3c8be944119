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
    private Dictionary<string, decimal> _takenBefore = new(StringComparer.Ordinal);

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

    /// <summary>Marks the start of a top-level call: what it takes is held against its method's ABI limits.</summary>
    public void BeginAction() => _takenBefore = new Dictionary<string, decimal>(_taken, StringComparer.Ordinal);

    /// <summary>
    /// The first token taken past a limit, as IOST words it, or null: what the action just run took,
    /// against its method's ABI amountLimit (when it has an ABI), then all the transaction took, against its own.
    /// </summary>
    public string? Exceeded(IReadOnlyList<AmountLimit>? abiLimits)
    {
        foreach (var (token, amount) in _taken.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var inAction = amount - _takenBefore.GetValueOrDefault(token);
            if (abiLimits is not null && inAction > (Limit(abiLimits, token) ?? Limit(abiLimits, "*") ?? 0))
                return $"token {token} exceed amountLimit in abi. need {inAction.ToString(CultureInfo.InvariantCulture)}";
            if (amount > (Limit(tx.AmountLimit, token) ?? Limit(tx.AmountLimit, "*") ?? 0))
                return $"token {token} exceed amountLimit in tx. need {amount.ToString(CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    private static decimal? Limit(IReadOnlyList<AmountLimit> limits, string token) =>
        limits.FirstOrDefault(a => a.Token == token) is { } limit ? Parse(limit.Value) : null;
}
