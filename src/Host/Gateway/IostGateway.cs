using System.Net;
using System.Text.Json;
using ActorVm.Actors.Runtime;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Host.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorVm.Host.Gateway;

/// <summary>
/// IOST's HTTP gateway on its own port (30001 by default, as an IOST node's): IOST's paths and JSON,
/// so that IOST's JS SDK and tools work unchanged. Bodies are read whatever their Content-Type (the SDK
/// sends text/plain), which is safe because a write here must carry the publisher's signature. Errors
/// are IOST's: HTTP 400 with {"code", "message"}.
/// </summary>
internal static class IostGateway
{
    public const int Unknown = 2;
    public const int InvalidArgument = 3;
    public const int Unimplemented = 12;

    public static WebApplication Build(NodeSettings settings, NodeActors actors)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", Microsoft.Extensions.Logging.LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = ApiServer.MaxBodyBytes;
            var host = settings.Node.Host;
            k.Listen(host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), settings.Gateway.Port);
        });
        var app = builder.Build();
        var safety = new BrowserSafety(BrowserSafety.Hosts(settings.Node.Host, settings.Node.AllowedHosts), settings.Gateway.AllowOrigins,
            writesNeedJson: false, (http, status, message) => Error(http, status, Unknown, message));
        app.Use(safety.InvokeAsync);
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (ApiException e)
            {
                await Error(http, 400, e.StatusCode == 400 ? InvalidArgument : Unknown, e.Message);
            }
            catch (GatewayException e)
            {
                await Error(http, 400, Unknown, e.Message);
            }
            catch (ArgumentException e)
            {
                // A name no state key can hold (a token or contract with '-', an empty id).
                await Error(http, 400, Unknown, e.Message);
            }
            catch (AskTimeoutException e)
            {
                await Error(http, 400, Unknown, $"the node is busy: {e.Message}");
            }
        });
        app.MapChainEndpoints(settings, actors);
        app.MapTransactionEndpoints(actors);
        app.MapStateEndpoints(actors);
        app.MapFallback((HttpContext http) => Error(http, 400, Unimplemented, "Not Implemented"));
        return app;
    }

    public static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            JsonBody.CheckNames(doc.RootElement);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body is not JSON: {e.Message}");
        }
    }

    public static IResult Json(Action<Utf8JsonWriter> body) => Results.Text(IostJson.Write(body), "application/json");

    private static Task Error(HttpContext http, int status, int code, string message)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(IostJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }));
    }
}

/// <summary>A lookup that found nothing or a request the gateway refuses, in IOST's words.</summary>
internal sealed class GatewayException(string message) : Exception(message);
