namespace ActorVm.Host.Config.Hocon;

/// <summary>Reads HOCON text into a resolved tree: includes read, duplicates merged, substitutions replaced.</summary>
public static class HoconDocument
{
    /// <param name="text">The document.</param>
    /// <param name="fileName">Named in errors and values; includes are found next to it.</param>
    /// <param name="environment">Where a substitution the document does not define is looked up
    /// (by default the process's environment variables).</param>
    public static HoconObject Parse(string text, string? fileName = null, Func<string, string?>? environment = null)
    {
        var context = new ParseContext();
        if (fileName is not null) context.OpenFiles.Add(Path.GetFullPath(fileName));
        var root = HoconParser.Parse(text, fileName, context, filePrefix: [], included: false);
        return new SubstitutionResolver(root, environment ?? Environment.GetEnvironmentVariable).ResolveDocument();
    }

    public static HoconObject Load(string path, Func<string, string?>? environment = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException($"cannot read the file: {e.Message}", path, inner: e);
        }
        return Parse(text, path, environment);
    }
}
