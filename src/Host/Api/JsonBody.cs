using System.Text.Json;
using ActorVm.Contracts.Chain;
using Microsoft.AspNetCore.Http;

namespace ActorVm.Host.Api;

/// <summary>Reads a request body as a JSON object and its fields, refusing anything else clearly.</summary>
internal static class JsonBody
{
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("the body must be a JSON object");
            CheckNames(doc.RootElement);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Refuses (400) a body with a member name that decodes to a lone surrogate: looking up any member
    /// of that object would throw. Values are checked where they are read (<see cref="Text"/>).
    /// </summary>
    public static void CheckNames(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    try
                    {
                        if (!Transaction.IsValidText(member.Name)) throw new InvalidOperationException();
                    }
                    catch (InvalidOperationException)
                    {
                        throw ApiException.BadRequest("the body holds a member name that is not valid Unicode text (a lone surrogate)");
                    }
                    CheckNames(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckNames(item);
                break;
        }
    }

    public static string RequiredString(JsonElement obj, string name, string path = "") =>
        OptionalString(obj, name, path) ?? throw ApiException.BadRequest($"{path}{name} is required");

    public static string? OptionalString(JsonElement obj, string name, string path = "")
    {
        if (obj.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"{(path.Length > 0 ? path[..^1] : "the body")} must be an object");
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return Text(value, $"{path}{name}");
    }

    /// <summary>An object's member names and texts, refusing what <see cref="Text"/> refuses.</summary>
    public static Dictionary<string, string> Texts(JsonElement obj, string what)
    {
        var texts = new Dictionary<string, string>();
        try
        {
            foreach (var member in obj.EnumerateObject())
            {
                if (!Transaction.IsValidText(member.Name)) throw new InvalidOperationException();
                texts[member.Name] = Text(member.Value, $"{what}.{member.Name}");
            }
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest($"{what} must map valid Unicode names to strings");
        }
        return texts;
    }

    /// <summary>A JSON string as text that can be encoded again: escapes that decode to a lone surrogate are refused.</summary>
    public static string Text(JsonElement value, string what)
    {
        if (value.ValueKind != JsonValueKind.String) throw ApiException.BadRequest($"{what} must be a string");
        var invalid = ApiException.BadRequest($"{what} must be valid Unicode text (no lone surrogates)");
        try
        {
            var text = value.GetString()!;
            return Transaction.IsValidText(text) ? text : throw invalid;
        }
        catch (InvalidOperationException)
        {
            throw invalid;
        }
    }
}
