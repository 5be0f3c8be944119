using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Gateway;

namespace ActorVm.Host.Api;

/// <summary>
/// Turns the API's transaction JSON (docs/http-api.md) into a <see cref="Transaction"/>: IOST's signed form as
/// it is, or the short unsigned form ({actions, publisher?, signers?, gasLimit?}), which gets this
/// node's chain id, the time now and signers as id@active where no permission is named.
/// </summary>
internal static class TransactionRequest
{
    public const string DefaultPublisher = "anonymous";
    public const long DefaultGasLimit = 1_000_000;
    private static readonly long ExpirationNanos = (long)TimeSpan.FromSeconds(90).TotalNanoseconds;
    private static long _lastTime;

    public static Transaction Parse(JsonElement body, long maxGas, uint chainId)
    {
        if (IostTransactionJson.IsIostForm(body)) return IostTransactionJson.Parse(body);
        if (body.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("a transaction must be an object");
        if (!body.TryGetProperty("actions", out var list) || list.ValueKind != JsonValueKind.Array)
            throw ApiException.BadRequest("actions must be an array of {contract, actionName, data}");
        var actions = new List<TxAction>();
        var i = 0;
        foreach (var a in list.EnumerateArray())
        {
            var path = $"actions[{i++}].";
            if (a.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"{path[..^1]} must be an object");
            actions.Add(new TxAction(JsonBody.RequiredString(a, "contract", path), JsonBody.RequiredString(a, "actionName", path),
                JsonBody.OptionalString(a, "data", path) ?? "[]"));
        }
        var tx = Create(JsonBody.OptionalString(body, "publisher"), Signers(body), GasLimit(body, maxGas), actions, chainId);
        return tx.TextProblem() is { } problem ? throw ApiException.BadRequest(problem) : tx;
    }

    public static Transaction Create(string? publisher, IReadOnlyList<string> signers, long gasLimit, IReadOnlyList<TxAction> actions, uint chainId)
    {
        var time = NextTime();
        var withPermissions = signers.Select(s => s.Contains('@') ? s : s + "@active").ToList();
        // As iwallet's default: the short form lets its calls move any amount (IOST's form says its own limits).
        return new Transaction(time, time + ExpirationNanos, gasLimit, publisher ?? DefaultPublisher, withPermissions, actions)
        {
            ChainId = chainId,
            AmountLimit = [new AmountLimit("*", "unlimited")],
        };
    }

    /// <summary>Unix nanoseconds, strictly increasing, so that two equal requests never share a hash.</summary>
    private static long NextTime()
    {
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        while (true)
        {
            var last = Interlocked.Read(ref _lastTime);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastTime, next, last) == last) return next;
        }
    }

    private static IReadOnlyList<string> Signers(JsonElement body)
    {
        if (!body.TryGetProperty("signers", out var s) || s.ValueKind == JsonValueKind.Null) return [];
        if (s.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest("signers must be an array of strings");
        return s.EnumerateArray().Select((e, i) => JsonBody.Text(e, $"signers[{i}]")).ToList();
    }

    private static long GasLimit(JsonElement body, long maxGas)
    {
        if (!body.TryGetProperty("gasLimit", out var g) || g.ValueKind == JsonValueKind.Null) return Math.Min(DefaultGasLimit, maxGas);
        if (g.ValueKind != JsonValueKind.Number || !g.TryGetInt64(out var v) || v <= 0) throw ApiException.BadRequest("gasLimit must be a positive integer");
        return v <= maxGas ? v : throw ApiException.BadRequest($"gasLimit {v} is over this node's cap of {maxGas} (limits:maxTxGas)");
    }
}
