using ActorVm.Actors.Runtime;
using ActorVm.Storage.State;

namespace ActorVm.Actors.State;

/// <summary>Writes a sealed block to disk (synced); answered with <see cref="BlockWritten"/>. Seal numbers the seal.</summary>
internal sealed record WriteBlock(SealedBlock Block, long Seal);

/// <summary>The block of this seal is on disk, or (Problem) could not be written: nothing of it was.</summary>
internal sealed record BlockWritten(long Seal, string? Problem);

/// <summary>
/// The StateDB actor's disk: writes sealed blocks one at a time, in the order they come, on a thread of
/// its own, so that the StateDB actor keeps answering while a synced write waits for the disk.
/// </summary>
internal sealed class BlockWriter : ActorBase
{
    public BlockWriter(StateDb db, long reserveBytes) => Receive<WriteBlock>(m =>
    {
        string? problem = null;
        try
        {
            db.Write(m.Block);
        }
        catch (Exception e)
        {
            problem = db.WriteProblem(reserveBytes) ?? $"block {m.Block.Block.Height} could not be written: {e.Message}";
        }
        Sender.Tell(new BlockWritten(m.Seal, problem));
    });
}
