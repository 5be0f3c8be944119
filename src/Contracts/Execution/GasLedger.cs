using System.Globalization;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// gas.iost's accounts, as go-iost keeps them (vm/database/gas_handler.go): per account the IOST
/// pledged for it (<c>gt</c>), its gas limit (<c>gl</c>), its gas at the last refresh (<c>gs</c>) and
/// that refresh's block time (<c>gu</c>); per pledger a map of what it pledged for whom (<c>gp</c>).
/// Each pledged IOST gives 100,000 gas at once and 1.15 more per second, up to 300,000. Gas has two
/// decimals; all arithmetic is decimal, and time is the block's, so every node computes the same.
/// </summary>
public static class GasLedger
{
    public const string Contract = "gas.iost";

    public const decimal ImmediatePerIost = 100_000m;
    public const decimal LimitPerIost = 300_000m;

    /// <summary>(300,000 - 100,000) / 2 days, truncated to gas's two decimals, as go-iost's DivInt leaves it.</summary>
    public const decimal IncreasePerIostPerSecond = 1.15m;

    /// <summary>Longest time one refresh accrues for (go-iost's gasMaxIncreaseSeconds).</summary>
    public const long MaxIncreaseSeconds = 3 * 24 * 3600;

    /// <summary>What must stay pledged for an account after an unpledge, and the least one action may move (IOST).</summary>
    public const decimal MinPledgeOfUser = 10m;
    public const decimal MinPledgePerAction = 1m;

    public static decimal Pledged(IWorldState world, string name) => Read(world, name + "gt");

    public static decimal Limit(IWorldState world, string name) => Read(world, name + "gl");

    /// <summary>What a pledger has pledged for an account.</summary>
    public static decimal PledgedBy(IWorldState world, string pledger, string name) =>
        world.MapGet(Contract, pledger + "gp", name) is { } text ? Parse(text) : 0m;

    /// <summary>The accounts a pledger has pledged for, in the order it first did.</summary>
    public static IReadOnlyList<string> PledgedFor(IWorldState world, string pledger) => world.MapKeys(Contract, pledger + "gp");

    /// <summary>An account's gas at a block time: its stock plus what its pledge accrued since, up to its limit.</summary>
    public static decimal Current(IWorldState world, string name, long timeNanos)
    {
        var updated = world.GetValue(Contract, name + "gu") is { } u ? long.Parse(u, CultureInfo.InvariantCulture) : 0L;
        return Current(Pledged(world, name), Limit(world, name), Read(world, name + "gs"), updated, timeNanos);
    }

    /// <summary>The same from an account's stored fields (pledged, limit, stock, last refresh), for readers outside a transaction.</summary>
    public static decimal Current(decimal pledged, decimal limit, decimal stock, long updatedNanos, long timeNanos)
    {
        if (updatedNanos == 0) return stock;
        var seconds = Math.Clamp((timeNanos - updatedNanos) / 1_000_000_000m, 0m, MaxIncreaseSeconds);
        var accrued = decimal.Round(pledged * IncreasePerIostPerSecond * seconds, 2, MidpointRounding.AwayFromZero);
        return Truncate(Math.Min(limit, stock + accrued));
    }

    /// <summary>Where an account's gas fields are kept (gas.iost's keys): pledged, limit, stock, last refresh.</summary>
    public static IReadOnlyList<string> FieldKeys(string name) => [name + "gt", name + "gl", name + "gs", name + "gu"];

    /// <summary>The map of what an account pledged, one field per account it pledged for.</summary>
    public static string PledgeMap(string pledger) => pledger + "gp";

    /// <summary>Takes gas from an account at a block time; false, leaving it as it was, when it has less.</summary>
    public static bool TryCharge(IWorldState world, string name, decimal gas, long timeNanos)
    {
        var current = Current(world, name, timeNanos);
        if (current < gas) return false;
        Write(world, name + "gs", current - gas);
        world.PutValue(Contract, name + "gu", timeNanos.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>
    /// Changes what a pledger has pledged for an account by <paramref name="delta"/> IOST (negative to
    /// unpledge), with its gas: a pledge adds its immediate gas; an unpledge lowers the limit and the
    /// stock with it. A refusal says why in IOST's words.
    /// </summary>
    internal static void Pledge(IWorldState world, string pledger, string name, decimal delta, long timeNanos)
    {
        var total = Pledged(world, name);
        var byPledger = PledgedBy(world, pledger, name);
        if (delta < 0)
        {
            if (total + delta < MinPledgeOfUser) throw new Api.HostException($"unpledge too much ({Format(total)} - {Format(-delta)}) less than {Format(MinPledgeOfUser)}");
            if (byPledger + delta < 0) throw new Api.HostException($"you cannot unpledge more than your pledge {Format(-delta)} > {Format(byPledger)}");
            if (world.GetValue(Contract, name + "gu") is null) throw new Api.HostException("cannot unpledge! No pledge before");
        }
        var stock = Current(world, name, timeNanos);
        var limit = Limit(world, name) + delta * LimitPerIost;
        if (delta > 0) stock += delta * ImmediatePerIost;
        Write(world, name + "gt", total + delta);
        Write(world, name + "gl", limit);
        Write(world, name + "gs", Math.Min(stock, limit));
        world.PutValue(Contract, name + "gu", timeNanos.ToString(CultureInfo.InvariantCulture));
        if (byPledger + delta == 0) world.MapDelete(Contract, pledger + "gp", name);
        else world.MapPut(Contract, pledger + "gp", name, Format(byPledger + delta));
    }

    private static decimal Read(IWorldState world, string key) => world.GetValue(Contract, key) is { } text ? Parse(text) : 0m;

    private static void Write(IWorldState world, string key, decimal value) => world.PutValue(Contract, key, Format(value));

    private static decimal Truncate(decimal gas) => decimal.Truncate(gas * 100) / 100;

    public static decimal Parse(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString("0.##################", CultureInfo.InvariantCulture);
}
