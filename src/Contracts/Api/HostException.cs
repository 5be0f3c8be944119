using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Api;

/// <summary>Thrown by a host function to raise a JS Error with this message in the contract.</summary>
public sealed class HostException(string message) : Exception(message);

/// <summary>Thrown by a host function to end the whole transaction with a status no try/catch can intercept.</summary>
public sealed class TransactionAbortException(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;
}
