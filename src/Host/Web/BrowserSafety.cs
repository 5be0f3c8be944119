using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ActorVm.Host.Web;

/// <summary>
/// What keeps a web page from using a node it was not meant to: the Host header must name this node
/// (DNS rebinding), cross-origin requests get CORS headers only for configured origins ("*" for any),
/// and, where asked, a write must be sent as application/json (a cross-site form or text/plain POST
/// cannot be).
/// </summary>
public sealed class BrowserSafety(IReadOnlySet<string> hosts, IReadOnlyList<string> origins, bool writesNeedJson, Func<HttpContext, int, string, Task> refuse)
{
    public static IReadOnlySet<string> Hosts(string nodeHost, IEnumerable<string> configured) =>
        new HashSet<string>(["localhost", "127.0.0.1", "::1", nodeHost, .. configured], StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var host = request.Host.Host.Trim('[', ']');
        if (!hosts.Contains(host))
        {
            await refuse(context, StatusCodes.Status421MisdirectedRequest, $"this node does not answer to host '{request.Host.Host}' (node:allowedHosts)");
            return;
        }
        var origin = request.Headers.Origin;
        var allowed = !StringValues.IsNullOrEmpty(origin) && origins.Any(o => o == "*" || string.Equals(o, origin, StringComparison.OrdinalIgnoreCase));
        if (allowed)
        {
            context.Response.Headers.AccessControlAllowOrigin = origins.Contains("*") ? "*" : origin.ToString();
            context.Response.Headers.Vary = "Origin";
        }
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            // A preflight: allowed only with its origin's headers; never reaches an endpoint.
            if (allowed)
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                context.Response.Headers.AccessControlAllowHeaders = "Content-Type, Accept";
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        // A browser names the page's origin on every cross-site POST; one not allowed may not write, preflight or not.
        var sameOrigin = Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        if (HttpMethods.IsPost(request.Method) && !StringValues.IsNullOrEmpty(origin) && !allowed && !sameOrigin)
        {
            await refuse(context, StatusCodes.Status403Forbidden, $"origin {origin} may not send requests to this node (its CORS origins)");
            return;
        }
        if (writesNeedJson && HttpMethods.IsPost(request.Method) && !IsJson(request.ContentType))
        {
            await refuse(context, StatusCodes.Status415UnsupportedMediaType, "send the body as Content-Type: application/json");
            return;
        }
        await next(context);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
