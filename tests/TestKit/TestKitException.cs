namespace ActorVm.Actors.TestKit;

/// <summary>An expectation of the TestKit that did not hold.</summary>
public sealed class TestKitException(string message) : Exception(message);
