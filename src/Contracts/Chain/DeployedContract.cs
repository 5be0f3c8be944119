namespace ActorVm.Contracts.Chain;

/// <summary>A contract as stored: its source, its ABI as deployed (JSON) and its owner.</summary>
public sealed record DeployedContract(string Id, string Code, string AbiJson, string Owner);
