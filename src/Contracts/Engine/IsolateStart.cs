namespace ActorVm.Contracts.Engine;

/// <summary>What a new isolate starts from (avm_v8.h's AVM_SNAPSHOT_*).</summary>
public enum IsolateStart
{
    /// <summary>Runs the library scripts in every new context: only to compare against the snapshots.</summary>
    WithoutSnapshot = 0,

    /// <summary>The runtime's snapshot: calls only, no compile. What a worker starts from, in half the time of the other.</summary>
    Calls = 1,

    /// <summary>The snapshot with the compiler's context (acorn and the instrumenter) as well: the process's compiler.</summary>
    WithCompiler = 2,
}
