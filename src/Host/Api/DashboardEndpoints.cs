using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /dashboard: a live page of the node (height, block times, tx/s, the worker pool, mempool, blocks, events, cluster), served from the binary.</summary>
internal static class DashboardEndpoints
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ActorVm.Host.dashboard.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard", (HttpContext http) =>
        {
            // The page's own inline script and style, and calls to this node only.
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(Page.Value, "text/html; charset=utf-8");
        });
}
