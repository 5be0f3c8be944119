namespace ActorVm.Host.Api;

/// <summary>A request the API refuses; answered as {error, detail} with the status code.</summary>
public sealed class ApiException(int statusCode, string error, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Error { get; } = error;

    public static ApiException BadRequest(string detail) => new(400, "bad request", detail);
}
