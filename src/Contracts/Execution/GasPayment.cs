using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// How a publisher pays for a transaction's gas where the chain charges gas (go-iost's
/// CheckTxGasLimitValid and the teller's DoPay): before it runs, the publisher must hold at least the
/// gas limit; after, it pays the gas used times the gas ratio, failed or not.
/// </summary>
public static class GasPayment
{
    public static bool Applies(ChainRules rules, BlockContext block) => rules.ChargesGas && block.Number > 0;

    /// <summary>The gas a publisher pays: gas used times the ratio (in hundredths).</summary>
    public static decimal Cost(long gasUsed, long gasRatio) => gasUsed * (decimal)gasRatio / 100m;

    /// <summary>
    /// Why the publisher cannot pay for the gas limit, or null. A transaction that only pledges for its
    /// publisher counts the gas the pledge gives at once, as IOST does, so an account with none can start.
    /// </summary>
    public static string? Shortfall(Transaction tx, IWorldState world, BlockContext block, long gasLimit)
    {
        var current = GasLedger.Current(world, tx.Publisher, block.Time);
        var needed = Math.Min(tx.GasLimit, gasLimit);
        if (current >= needed) return null;
        if (SelfPledge(tx) is { } amount && current + amount * GasLedger.ImmediatePerIost >= needed) return null;
        return $"gas not enough: user {tx.Publisher} has {GasLedger.Format(current)} < {needed} (pledge IOST to gas.iost for gas, or lower the gas limit)";
    }

    /// <summary>Takes the cost from the publisher; when it has less, takes what it has and answers false.</summary>
    public static bool Pay(IWorldState world, string publisher, decimal cost, BlockContext block)
    {
        if (GasLedger.TryCharge(world, publisher, cost, block.Time)) return true;
        GasLedger.TryCharge(world, publisher, GasLedger.Current(world, publisher, block.Time), block.Time);
        return false;
    }

    private static decimal? SelfPledge(Transaction tx)
    {
        if (tx.Actions is not [{ Contract: GasLedger.Contract, ActionName: "pledge" } action]) return null;
        if (action.Arguments is not [{ ValueKind: JsonValueKind.String } from, { ValueKind: JsonValueKind.String } to, { ValueKind: JsonValueKind.String } amount]) return null;
        if (from.GetString() != tx.Publisher || to.GetString() != tx.Publisher) return null;
        return decimal.TryParse(amount.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    }
}
