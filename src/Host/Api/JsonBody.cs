using System.Text.Json;
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
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body is not valid JSON: {e.Message}");
        }
    }

    public static string RequiredString(JsonElement obj, string name, string path = "") =>
        OptionalString(obj, name, path) ?? throw ApiException.BadRequest($"{path}{name} is required");

    public static string? OptionalString(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw ApiException.BadRequest($"{path}{name} must be a string");
    }
}
