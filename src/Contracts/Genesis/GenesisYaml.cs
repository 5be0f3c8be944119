using System.Text.Json.Nodes;

namespace ActorVm.Contracts.Genesis;

/// <summary>
/// The part of YAML that go-iost's genesis.yml uses: nested maps by indentation, lists of maps or
/// scalars ("- "), plain or quoted scalars and comments. Anything else is refused with its line.
/// </summary>
public static class GenesisYaml
{
    private sealed record Line(int Number, int Indent, string Text);

    public static JsonObject Parse(string text)
    {
        var lines = text.Replace("\r", "").Split('\n')
            .Select((raw, i) => (Raw: StripComment(raw), Number: i + 1))
            .Where(l => l.Raw.Trim().Length > 0)
            .Select(l => new Line(l.Number, l.Raw.Length - l.Raw.TrimStart(' ').Length, l.Raw.Trim()))
            .ToList();
        var position = 0;
        var root = ParseMap(lines, ref position, 0);
        if (position < lines.Count) throw new FormatException($"genesis.yml line {lines[position].Number}: unexpected indentation");
        return root;
    }

    private static JsonObject ParseMap(List<Line> lines, ref int position, int indent)
    {
        var map = new JsonObject();
        while (position < lines.Count && lines[position].Indent == indent && !lines[position].Text.StartsWith('-'))
        {
            var line = lines[position++];
            var colon = line.Text.IndexOf(':');
            if (colon <= 0) throw new FormatException($"genesis.yml line {line.Number}: expected 'key: value'");
            var key = line.Text[..colon].Trim();
            var rest = line.Text[(colon + 1)..].Trim();
            map[key] = rest.Length > 0 ? Scalar(rest) : Nested(lines, ref position, indent);
        }
        return map;
    }

    /// <summary>What follows "key:" on the next lines: a deeper map, a list, or nothing.</summary>
    private static JsonNode? Nested(List<Line> lines, ref int position, int indent)
    {
        if (position >= lines.Count) return null;
        var next = lines[position];
        if (next.Text.StartsWith('-') && next.Indent >= indent) return ParseList(lines, ref position, next.Indent);
        return next.Indent > indent ? ParseMap(lines, ref position, next.Indent) : null;
    }

    private static JsonArray ParseList(List<Line> lines, ref int position, int indent)
    {
        var list = new JsonArray();
        while (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith('-'))
        {
            var line = lines[position];
            var item = line.Text[1..].TrimStart();
            if (item.Length == 0) throw new FormatException($"genesis.yml line {line.Number}: empty list item");
            if (!item.Contains(':') || item.StartsWith('"') || item.StartsWith('\''))
            {
                position++;
                list.Add(Scalar(item));
                continue;
            }
            // "- key: value" opens a map whose keys sit at the column of "key".
            var column = indent + (line.Text.Length - item.Length);
            lines[position] = line with { Indent = column, Text = item };
            list.Add(ParseMap(lines, ref position, column));
        }
        return list;
    }

    private static JsonNode? Scalar(string text)
    {
        if (text.Length >= 2 && (text[0] == '"' && text[^1] == '"' || text[0] == '\'' && text[^1] == '\'')) return JsonValue.Create(text[1..^1]);
        if (text is "true" or "false") return JsonValue.Create(text == "true");
        if (text is "null" or "~") return null;
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return JsonValue.Create(n);
        return JsonValue.Create(text);
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '#' && (i == 0 || line[i - 1] == ' ')) return line[..i].TrimEnd();
        }
        return line.TrimEnd();
    }
}
