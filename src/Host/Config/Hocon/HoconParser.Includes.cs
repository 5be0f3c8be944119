using System.Text;

namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// <c>include "x.conf"</c>, <c>include file("x.conf")</c>, and either inside <c>required(...)</c>:
/// the included file's fields take the place of the statement, merging as repeated keys do.
/// </summary>
internal sealed partial class HoconParser
{
    private void ParseInclude(ObjectNode obj)
    {
        var include = Advance();
        SkipBlank();
        // The argument's shape with its one quoted name blanked: `required(file(""))`. Unquoted
        // parentheses lex as parts of unquoted strings, so the shape is read from their text.
        var shape = new StringBuilder();
        var names = new List<Token>();
        while (Peek().Kind is TokenKind.Unquoted or TokenKind.QuotedString or TokenKind.Whitespace)
        {
            var next = Advance();
            if (next.Kind == TokenKind.QuotedString)
            {
                names.Add(next);
                shape.Append("\"\"");
            }
            else if (next.Kind == TokenKind.Unquoted) shape.Append(next.Text);
        }
        var (required, nextToIncluder) = shape.ToString() switch
        {
            "\"\"" => (false, true),
            "required(\"\")" => (true, true),
            "file(\"\")" => (false, false),
            "required(file(\"\"))" => (true, false),
            var other when other.Contains("url(") || other.Contains("classpath(") =>
                throw include.At.Error("include url(...) and classpath(...) are not supported; include a file"),
            _ => throw include.At.Error(
                "include must be followed by a quoted file name, file(\"...\") or required(\"...\"); quote \"include\" to use it as a key"),
        };
        var name = names[0];
        // The spec: a bare name is found next to the including file; file(...) is opened as given.
        var path = nextToIncluder && _file is not null && !Path.IsPathRooted(name.Text)
            ? Path.Combine(Path.GetDirectoryName(_file) ?? "", name.Text)
            : name.Text;
        if (!File.Exists(path))
        {
            if (required) throw name.At.Error($"the required include {path} does not exist");
            return; // the spec: a missing include reads as an empty object
        }

        var fullPath = Path.GetFullPath(path);
        if (!_context.OpenFiles.Add(fullPath)) throw name.At.Error($"{path} includes itself");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw name.At.Error($"cannot read the included file {path}: {e.Message}");
        }
        var scopePath = _context.Current.PathInFile;
        IReadOnlyList<string> prefix = scopePath is null ? [] : [.. _filePrefix, .. scopePath];
        var included = Parse(text, path, _context, prefix, included: true);
        _context.OpenFiles.Remove(fullPath);
        foreach (var (key, value) in included.Fields)
            obj.Fields[key] = NodeMerge.Merge(obj.Fields.TryGetValue(key, out var earlier) ? earlier : null, value);
    }
}
