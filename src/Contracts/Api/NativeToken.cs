using System.Globalization;
using System.Text.RegularExpressions;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Api;

/// <summary>
/// The native token that blockchain.transfer, withdraw and deposit move: balances as exact decimal
/// strings with at most <see cref="Decimals"/> decimals. A transfer without funds ends the whole
/// transaction with BALANCE_NOT_ENOUGH.
/// </summary>
public static partial class NativeToken
{
    public const string Name = "iost";
    public const int Decimals = 8;

    public static decimal ParseAmount(string amount)
    {
        if (!AmountPattern().IsMatch(amount) || !decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new HostException($"amount '{amount}' must be a positive decimal with at most {Decimals} decimals");
        return value;
    }

    public static string Format(decimal amount) => amount.ToString("0.########", CultureInfo.InvariantCulture);

    public static decimal Balance(IWorldState world, string account) =>
        world.GetBalance(Name, account) is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;

    public static void Transfer(IWorldState world, string from, string to, decimal amount)
    {
        var balance = Balance(world, from);
        if (balance < amount)
            throw new TransactionAbortException(StatusCode.BalanceNotEnough,
                $"balance not enough: {from} has {Format(balance)} {Name}, needs {Format(amount)}");
        world.SetBalance(Name, from, Format(balance - amount));
        world.SetBalance(Name, to, Format(Balance(world, to) + amount));
    }

    [GeneratedRegex(@"^\d{1,20}(\.\d{1,8})?$")]
    private static partial Regex AmountPattern();
}
