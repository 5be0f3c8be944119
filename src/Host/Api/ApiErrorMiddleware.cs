using ActorVm.Actors.Runtime;
using Microsoft.AspNetCore.Http;

namespace ActorVm.Host.Api;

/// <summary>Turns refusals and overload into JSON errors; bad input never becomes a 5xx.</summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await Write(context, e.StatusCode, e.Error, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            await Write(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload too large" : "bad request", e.Message);
        }
        catch (AskTimeoutException e)
        {
            await Write(context, StatusCodes.Status503ServiceUnavailable, "busy", e.Message);
        }
    }

    private static Task Write(HttpContext context, int status, string error, string detail)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error, detail });
    }
}
