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
    // Made when a token first moves: most transactions move none, and this is on every transaction's path.
    private Dictionary<string, decimal>? _taken;
    private Dictionary<string, decimal>? _takenBefore;

    /// <summary>A limit's value: the amount, decimal.MaxValue for "unlimited", null when it is neither.</summary>
    public static decimal? Parse(string value) =>
        value == "unlimited" ? decimal.MaxValue
        : decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    /// <summary>Records an amount leaving an account; contracts' own outflows are not limited.</summary>
    public void Taken(string token, string from, decimal amount)
    {
        if (AccountId.IsContract(from) || amount <= 0) return;
        _taken ??= new Dictionary<string, decimal>(StringComparer.Ordinal);
        _taken[token] = _taken.GetValueOrDefault(token) + amount;
    }

    /// <summary>Marks the start of a top-level call: what it takes is held against its method's ABI limits.</summary>
    public void BeginAction() => _takenBefore = _taken is null ? null : new Dictionary<string, decimal>(_taken, StringComparer.Ordinal);

    /// <summary>
    /// The first token taken past a limit, as IOST words it, or null: what the action just run took,
    /// against its method's ABI amountLimit (when it has an ABI), then all the transaction took, against its own.
    /// </summary>
    public string? Exceeded(IReadOnlyList<AmountLimit>? abiLimits)
    {
        if (_taken is null) return null;
        foreach (var (token, amount) in _taken.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var inAction = amount - (_takenBefore?.GetValueOrDefault(token) ?? 0);
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
