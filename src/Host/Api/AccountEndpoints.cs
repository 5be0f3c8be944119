using System.Text.Json.Nodes;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;
using ActorVm.Storage.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVm.Host.Api;

/// <summary>GET /v1/accounts/{id}: the account as auth.iost keeps it (or as the chain implies it), with its iost balance.</summary>
internal static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app, NodeActors actors) =>
        app.MapGet("/v1/accounts/{id}", async (string id) =>
        {
            if (!AccountId.IsValid(id)) throw ApiException.BadRequest(AccountId.Problem(id));
            var keys = new[] { StateKeys.MapField(AccountStore.Contract, AccountStore.Map, id), StateKeys.Balance(NativeToken.Name, id) };
            var values = (await actors.StateDb.Ask<StoredValues>(new ReadKeys(keys), actors.AskTimeout)).Values;
            var stored = values[0] is { } json ? Account.Parse(json) : null;
            if ((stored ?? actors.Admission.Keys.Rules.ImpliedAccount(id)) is not { } account)
                return Results.Json(new { error = "not found", detail = $"no account {id}" }, statusCode: 404);
            var answer = JsonNode.Parse(account.ToJson())!.AsObject();
            answer["stored"] = stored is not null;
            answer["balance"] = values[1] ?? "0";
            return Results.Text(answer.ToJsonString(), "application/json");
        });
}
