using System.Net;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Config;
using ActorVm.Host.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVm.Host.Api;

/// <summary>The HTTP gateway (docs/http-api.md) on Kestrel.</summary>
internal static class ApiServer
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplication Build(NodeOptions options, NodeActors actors)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A port in use is said in one line by the node; the host's own report of it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            k.Listen(address, options.Port);
        });
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = ChainJson.Options.PropertyNamingPolicy);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "ActorVm node API", Version = "v1", Description = "The node's own HTTP API; docs/http-api.md describes each endpoint." };
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        var safety = new BrowserSafety(BrowserSafety.Hosts(options.Host, options.AllowedHosts), options.CorsOrigins, writesNeedJson: true,
            (http, status, detail) => { http.Response.StatusCode = status; return http.Response.WriteAsJsonAsync(new { error = "refused", detail }); });
        app.Use(safety.InvokeAsync);
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapStatus(actors);
        app.MapContracts(actors);
        app.MapTransactions(actors);
        app.MapState(actors);
        app.MapAccounts(actors);
        app.MapQuery(actors);
        app.MapBlocks(actors);
        app.MapEvents(actors, TimeSpan.FromMilliseconds(options.EventHeartbeatMs));
        app.MapMetrics(actors);
        app.MapHealth(actors);
        app.MapDashboard();
        // GET /openapi/v1.json: the endpoints above, as ASP.NET Core describes them.
        app.MapOpenApi();
        if (actors.ClusterView is { } cluster) app.MapGet("/v1/cluster", () => Results.Json(cluster()));
        app.MapFallback("{*path}", (HttpContext http) => Results.Json(new { error = "not found", detail = $"no endpoint {http.Request.Method} {http.Request.Path}" }, statusCode: 404));
        return app;
    }
}
