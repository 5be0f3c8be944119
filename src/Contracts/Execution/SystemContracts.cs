using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>A contract built into the node, in C#, under the names it answers to.</summary>
internal interface ISystemContract
{
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Whether this contract stands in for a genesis JavaScript contract (auth.iost for account.js): a
    /// contract the genesis block deploys under its name takes its place.
    /// </summary>
    bool IsStandIn => false;

    /// <summary>Runs one call, with the frame it is called in (whose authority it acts under) and the gas it may use.</summary>
    ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit);
}

/// <summary>The one place that names the system contracts: a transaction's actions and contracts' calls reach them here.</summary>
public static class SystemContracts
{
    private static readonly ISystemContract[] All = [new SystemContract(), new TokenContract(), new AuthContract(), new Token721Contract(), new DomainContract(), new GasContract(), new RamMarket()];

    private static readonly Dictionary<string, ISystemContract> ByName =
        All.SelectMany(c => c.Names.Select(n => (Name: n, Contract: c))).ToDictionary(e => e.Name, e => e.Contract, StringComparer.Ordinal);

    internal static ISystemContract? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The built-in contract a call reaches under this name, unless a deployed contract has taken a stand-in's place.</summary>
    internal static ISystemContract? Resolve(string name, IWorldState world) =>
        ByName.GetValueOrDefault(name) is { } found && !(found.IsStandIn && world.GetContract(name) is not null) ? found : null;

    public static bool IsSystem(string name) => ByName.ContainsKey(name);

    /// <summary>Whether a call under this name reaches a built-in contract in this state.</summary>
    public static bool IsSystem(string name, IWorldState world) => Resolve(name, world) is not null;
}
