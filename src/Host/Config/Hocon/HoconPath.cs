using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ActorVm.Host.Config.Hocon;

/// <summary>Path expressions (<c>a.b."c.d"</c>): how keys and substitutions name a place in the tree.</summary>
internal static class HoconPath
{
    /// <summary>
    /// Splits the pieces of a key or substitution into keys: dots outside quotes separate keys, a quoted
    /// piece is taken whole (<c>"a.b"</c> is one key, <c>"/vm/workers"</c> too).
    /// </summary>
    public static bool TryBuild(IEnumerable<(string Text, bool Quoted)> pieces, out List<string> keys, [NotNullWhen(false)] out string? problem)
    {
        keys = [];
        var current = new StringBuilder();
        var currentWritten = false; // a quoted "" counts: it is how an empty key is written
        foreach (var (text, quoted) in pieces)
        {
            if (quoted)
            {
                current.Append(text);
                currentWritten = true;
                continue;
            }
            var parts = text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (!currentWritten) return Fail(out problem);
                    keys.Add(current.ToString());
                    current.Clear();
                    currentWritten = false;
                }
                current.Append(parts[i]);
                currentWritten |= parts[i].Length > 0;
            }
        }
        if (!currentWritten) return Fail(out problem);
        keys.Add(current.ToString());
        problem = null;
        return true;
    }

    private static bool Fail(out string problem)
    {
        problem = "a path has an empty key (two dots in a row, or a dot at the start or end); quote an empty key as \"\"";
        return false;
    }

    /// <summary>The path as it would be written, quoting keys that need it.</summary>
    public static string Render(IEnumerable<string> keys) => string.Join(".", keys.Select(RenderKey));

    private static string RenderKey(string key) =>
        key.Length > 0 && key.All(c => c != '.' && !HoconLexer.EndsUnquoted(c)) ? key : "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix) =>
        prefix.Count <= path.Count && prefix.Select((key, i) => key == path[i]).All(same => same);
}
