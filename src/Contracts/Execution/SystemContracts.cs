using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>A contract built into the node, in C#, under the names it answers to.</summary>
internal interface ISystemContract
{
    IReadOnlyList<string> Names { get; }

    /// <summary>Runs one call, with the frame it is called in (whose authority it acts under) and the gas it may use.</summary>
    ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit);
}

/// <summary>The one place that names the system contracts: a transaction's actions and contracts' calls reach them here.</summary>
public static class SystemContracts
{
    private static readonly ISystemContract[] All = [new SystemContract(), new TokenContract(), new AuthContract(), new Token721Contract(), new DomainContract()];

    private static readonly Dictionary<string, ISystemContract> ByName =
        All.SelectMany(c => c.Names.Select(n => (Name: n, Contract: c))).ToDictionary(e => e.Name, e => e.Contract, StringComparer.Ordinal);

    internal static ISystemContract? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool IsSystem(string name) => ByName.ContainsKey(name);
}
