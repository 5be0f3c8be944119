namespace ActorVm.Contracts.Api;

/// <summary>Thrown by a host function to raise a JS Error with this message in the contract.</summary>
public sealed class HostException(string message) : Exception(message);
