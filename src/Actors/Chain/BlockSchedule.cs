using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Chain;

/// <summary>
/// Waves of a block's transactions to run side by side: no two transactions of a wave are expected to
/// touch the same state, and each wave runs after the ones before it. No plan (Serial) means the block
/// runs in order on one lane. A plan is only a guess: the block's result never depends on it.
/// </summary>
public sealed record BlockPlan(IReadOnlyList<IReadOnlyList<int>> Waves)
{
    public static readonly BlockPlan Serial = new([]);

    public bool IsSerial => Waves.Count == 0;
}

/// <summary>
/// Guesses which transactions touch the same state from what they name: their publisher and the text
/// arguments of their actions (accounts, keys), plus the contract itself when its calls were seen to
/// collide without naming it. A deploy or code update comes after everything before it and before
/// everything after it. A block with little to run side by side (a hot spot) runs serially.
/// </summary>
public static class BlockSchedule
{
    /// <summary>The fewest transactions worth a lane of their own.</summary>
    public const int MinLaneTransactions = 8;

    /// <summary>What a wave's round trip to the workers costs, in transactions' time.</summary>
    private const int WaveCost = 4;

    public static BlockPlan Plan(IReadOnlyList<Transaction> transactions, int lanes, IReadOnlySet<string> contended)
    {
        if (lanes < 2 || transactions.Count < 2 * MinLaneTransactions) return BlockPlan.Serial;
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new int[transactions.Count];
        var (floor, deepest) = (0, 0);
        var names = new List<string>();
        for (var i = 0; i < transactions.Count; i++)
        {
            names.Clear();
            var barrier = Names(transactions[i], contended, names);
            var level = floor;
            foreach (var name in names) level = Math.Max(level, last.GetValueOrDefault(name));
            level = barrier ? deepest + 1 : level + 1;
            if (barrier) floor = level;
            foreach (var name in names) last[name] = level;
            levels[i] = level;
            deepest = Math.Max(deepest, level);
        }
        var waves = new List<int>[deepest];
        for (var w = 0; w < deepest; w++) waves[w] = [];
        for (var i = 0; i < levels.Length; i++) waves[levels[i] - 1].Add(i);
        var parallelCost = waves.Sum(w => (w.Count + lanes - 1) / lanes + WaveCost);
        return parallelCost * 5 >= transactions.Count * 4 ? BlockPlan.Serial : new BlockPlan(waves);
    }

    /// <summary>Adds the names the transaction may touch state by; true when it must run alone (it changes code).</summary>
    private static bool Names(Transaction tx, IReadOnlySet<string> contended, List<string> names)
    {
        names.Add("p:" + tx.Publisher);
        foreach (var action in tx.Actions)
        {
            if (action.Contract == "system") return true;
            if (contended.Contains(action.Contract)) names.Add("c:" + action.Contract);
            // The built-in token's first argument is the token's name, which every transfer of it shares.
            var skip = action.Contract == "token" ? 1 : 0;
            foreach (var arg in action.Arguments ?? [])
            {
                if (skip-- > 0) continue;
                // The text as sent: decoding it could fail, and equal names are all a guess needs.
                if (arg.ValueKind == JsonValueKind.String) names.Add("a:" + arg.GetRawText());
            }
        }
        return false;
    }
}
