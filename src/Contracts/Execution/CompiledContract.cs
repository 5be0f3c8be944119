namespace ActorVm.Contracts.Execution;

/// <summary>One instrumented module, with where the instrumenter inserted text: [line, column, length].</summary>
public sealed record CompiledModule(string Path, string Code, IReadOnlyList<int[]> Insertions)
{
    /// <summary>Maps a 1-based column of the instrumented code back to the contract's own source.</summary>
    public int OriginalColumn(int line, int column)
    {
        var at = column - 1;
        var shift = 0;
        foreach (var insertion in Insertions.Where(i => i[0] == line).OrderBy(i => i[1]))
        {
            var start = insertion[1] + shift;
            if (at < start) break;
            if (at < start + insertion[2]) return insertion[1] + 1;
            shift += insertion[2];
        }
        return at - shift + 1;
    }
}

/// <summary>A contract after the compile phase: its instrumented modules and entry.</summary>
public sealed record CompiledContract(string CodeHash, string Entry, IReadOnlyList<CompiledModule> Modules)
{
    public CompiledModule? Module(string path) => Modules.FirstOrDefault(m => m.Path == path);
}
