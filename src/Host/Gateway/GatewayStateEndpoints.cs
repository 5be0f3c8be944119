using System.Globalization;
using System.Text.Json;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Api;
using ActorVm.Storage.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Gateway;

/// <summary>
/// getAccount, getTokenBalance, the token721 reads (token721.iost's storage), getContract, getContractStorage and
/// getContractStorageFields, all on the last committed block (which is final here, so by_longest_chain
/// changes nothing).
/// </summary>
internal static class GatewayStateEndpoints
{
    public static void MapStateEndpoints(this IEndpointRouteBuilder app, NodeActors actors)
    {
        app.MapGet("/getAccount/{name}/{reversible}", async (string name, string reversible) =>
        {
            GatewayChainEndpoints.Flag(reversible, "by_longest_chain");
            CheckId(name);
            var values = await Read(actors, StateKeys.MapField(AccountStore.Contract, AccountStore.Map, name), StateKeys.Balance(NativeToken.Name, name));
            var account = (values[0] is { } json ? Account.Parse(json) : null) ?? actors.Admission.Keys.Rules.ImpliedAccount(name)
                ?? throw new GatewayException("account not found");
            var balance = values[1] ?? "0";
            var resources = await AccountResources.ReadAsync(actors, name);
            return IostGateway.Json(w => WriteAccount(w, account, balance, resources));
        });
        app.MapGet("/getTokenBalance/{account}/{token}/{reversible}", async (string account, string token, string reversible) =>
        {
            GatewayChainEndpoints.Flag(reversible, "by_longest_chain");
            CheckId(account);
            var values = await Read(actors, StateKeys.Balance(token, account), StateKeys.MapField(TokenStorage.Contract, TokenStorage.FrozenMap(account), token));
            var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block;
            // As IOST answers: frozen amounts whose time has come count in the balance; the others are listed.
            var frozen = TokenFrozen.Parse(values[1]);
            var now = head?.Time ?? 0;
            var balance = decimal.Parse(values[0] ?? "0", CultureInfo.InvariantCulture) + frozen.Where(f => f.Time <= now).Sum(f => f.Amount);
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("balance", (double)balance);
                w.WriteStartArray("frozen_balances");
                foreach (var f in frozen.Where(f => f.Time > now))
                {
                    w.WriteStartObject();
                    w.WriteNumber("amount", (double)f.Amount);
                    w.Int64("time", f.Time);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });
        app.MapGet("/getToken721Balance/{account}/{token}/{reversible}", async (string account, string token, string reversible) =>
        {
            CheckId(account);
            var values = await Read(actors, StateKeys.MapField(Token721Storage.Contract, Token721Storage.BalanceMap(account), token),
                StateKeys.MapFields(Token721Storage.Contract, Token721Storage.MetadataMap(token, account)));
            var ids = values[1] is { } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.Int64("balance", long.TryParse(values[0], CultureInfo.InvariantCulture, out var n) ? n : 0);
                w.WriteStartArray("tokenIDs");
                foreach (var id in ids) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });
        app.MapGet("/getToken721Owner/{token}/{id}/{reversible}", async (string token, string id, string reversible) =>
        {
            var owner = await Token721Owner(actors, token, id);
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("owner", owner);
                w.WriteEndObject();
            });
        });
        app.MapGet("/getToken721Metadata/{token}/{id}/{reversible}", async (string token, string id, string reversible) =>
        {
            var owner = await Token721Owner(actors, token, id);
            var metadata = (await Read(actors, StateKeys.MapField(Token721Storage.Contract, Token721Storage.MetadataMap(token, owner), id)))[0] ?? "";
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("metadata", metadata);
                w.WriteEndObject();
            });
        });
        app.MapGet("/getContract/{id}/{reversible}", async (string id, string reversible) =>
        {
            CheckId(id);
            var values = await Read(actors, StateKeys.Code(id), StateKeys.Abi(id));
            if (values[0] is not { } code || values[1] is not { } abi) throw new GatewayException("contract not found");
            return IostGateway.Json(w => WriteContract(w, id, code, abi));
        });
        app.MapPost("/getContractStorage", async (HttpRequest request) =>
        {
            var body = await IostGateway.ReadBodyAsync(request);
            var (id, key, field) = (Text(body, "id"), Text(body, "key"), Text(body, "field"));
            CheckId(id);
            var value = (await actors.StateDb.Ask<StoredValue>(new ReadValue(id, key, field.Length == 0 ? null : field), actors.AskTimeout)).Value;
            var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block;
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("data", value ?? "null");
                w.WriteString("block_hash", head?.Hash ?? "");
                w.Int64("block_number", head?.Height ?? 0);
                w.WriteEndObject();
            });
        });
        app.MapPost("/getContractStorageFields", async (HttpRequest request) =>
        {
            var body = await IostGateway.ReadBodyAsync(request);
            CheckId(Text(body, "id"));
            var fields = (await Read(actors, StateKeys.MapFields(Text(body, "id"), Text(body, "key"))))[0] is { } json
                ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
            var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block;
            return IostGateway.Json(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("fields");
                foreach (var f in fields) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteString("block_hash", head?.Hash ?? "");
                w.Int64("block_number", head?.Height ?? 0);
                w.WriteEndObject();
            });
        });
    }

    private static async Task<string> Token721Owner(NodeActors actors, string token, string id) =>
        (await Read(actors, StateKeys.MapField(Token721Storage.Contract, Token721Storage.InfoMap(token), id)))[0] is { } owner && long.TryParse(id, out _)
            ? owner : throw new GatewayException($"token {token} {id} not found");

    private static async Task<IReadOnlyList<string?>> Read(NodeActors actors, params string[] keys) =>
        (await actors.StateDb.Ask<StoredValues>(new ReadKeys(keys), actors.AskTimeout)).Values;

    private static string Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? JsonBody.Text(v, name) : "";

    /// <summary>IOST's checkIDValid: an account name, or a contract id.</summary>
    private static void CheckId(string id)
    {
        if (id.StartsWith("Contract", StringComparison.Ordinal) || id.EndsWith(".iost", StringComparison.Ordinal))
        {
            if (id.Length >= 100) throw new GatewayException($"id invalid. ContractID length should be less then 100 - {id.Length}");
            if (id.Contains('-')) throw new GatewayException($"id invalid. id contains invalid character - {(int)'-'}");
            return;
        }
        if (id.Length is < 5 or > 11) throw new GatewayException($"id invalid. id length should be between 5,11 - {id.Length} ");
        if (id.FirstOrDefault(c => !(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) is var bad and not '\0')
            throw new GatewayException($"id invalid. id contains invalid character - {(int)bad}");
    }

    private static void WriteAccount(Utf8JsonWriter w, Account account, string balance, AccountResources resources)
    {
        w.WriteStartObject();
        w.WriteString("name", account.Id);
        w.WriteNumber("balance", double.Parse(balance, CultureInfo.InvariantCulture));
        resources.Write(w);
        w.WriteStartObject("permissions");
        foreach (var (name, p) in account.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(name);
            w.WriteString("name", p.Name);
            w.WriteStartArray("group_names");
            foreach (var g in p.Groups ?? []) w.WriteStringValue(g);
            w.WriteEndArray();
            Items(w, p.Items);
            w.Int64("threshold", p.Threshold);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("groups");
        foreach (var (name, g) in account.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(name);
            w.WriteString("name", g.Name);
            Items(w, g.Items);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("frozen_balances");
        w.WriteEndArray();
        w.WriteStartArray("vote_infos");
        w.WriteEndArray();
        w.WriteString("balance_string", balance);
        w.WriteEndObject();
    }

    private static void Items(Utf8JsonWriter w, IReadOnlyList<PermissionItem>? items)
    {
        w.WriteStartArray("items");
        foreach (var item in items ?? [])
        {
            w.WriteStartObject();
            w.WriteString("id", item.Id);
            w.WriteBoolean("is_key_pair", item.IsKeyPair);
            w.Int64("weight", item.Weight);
            w.WriteString("permission", item.Permission ?? "");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteContract(Utf8JsonWriter w, string id, string code, string abiJson)
    {
        using var abi = JsonDocument.Parse(abiJson);
        var root = abi.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("code", code);
        w.WriteString("language", Field("lang") is { Length: > 0 } lang ? lang : "javascript");
        w.WriteString("version", Field("version"));
        w.WriteString("orig_code", "");
        w.WriteStartArray("abis");
        if (root.TryGetProperty("abi", out var methods) && methods.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in methods.EnumerateArray())
            {
                w.WriteStartObject();
                w.WriteString("name", m.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "");
                w.WriteStartArray("args");
                if (m.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array)
                    foreach (var a in args.EnumerateArray()) w.WriteStringValue(a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText());
                w.WriteEndArray();
                w.WriteStartArray("amount_limit");
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>token.iost's frozen amounts of an account, as the gateway reads them.</summary>
internal static class TokenFrozen
{
    public static IReadOnlyList<(decimal Amount, long Time)> Parse(string? json)
    {
        if (json is null) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => (decimal.Parse(e.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture), e.GetProperty("ftime").GetInt64())).ToList();
    }
}
