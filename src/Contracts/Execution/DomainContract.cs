using System.Text.Json;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The built-in <c>domain.iost</c> (go-iost vm/native/domain.go): link(url, contractId) gives a
/// contract a name that transactions and contracts may call it by; transfer(url, to) hands the name
/// to another account. A name is 5-16 characters of a-z, 0-9, _ and '.', with at least one '.';
/// names ending in .iost are the admin's. The publisher claims the name and must satisfy its
/// "domain" permission (falling back to active).
/// </summary>
internal sealed class DomainContract : ISystemContract
{
    public const string Name = "domain.iost";
    private const string Targets = "url";
    private const string Owners = "owner";
    private const string Permission = "domain";
    private const string Admin = "admin";
    private const long CallGas = 300;

    public IReadOnlyList<string> Names => [Name];

    /// <summary>The contract a name links to, or null (read through the caller's state, so it is deterministic).</summary>
    public static string? Resolve(IWorldState world, string url) =>
        url.Contains('.') && !SystemContracts.IsSystem(url) ? world.MapGet(Name, Targets, url) : null;

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        try
        {
            var args = action.Arguments ?? throw new HostException("data must be a JSON array of the arguments");
            if (args.Count != 2 || args.Any(a => a.ValueKind != JsonValueKind.String))
                throw new HostException($"domain.iost.{action.ActionName} takes 2 strings");
            var (url, second) = (args[0].GetString()!, args[1].GetString()!);
            var applicant = tx.Tx.Publisher;
            var owner = tx.World.MapGet(Name, Owners, url);
            switch (action.ActionName)
            {
                case "link":
                    CheckUrl(url);
                    if (url.EndsWith(".iost", StringComparison.Ordinal) && !tx.RequireAuth(Admin, Permission, frame))
                        throw new HostException("only admin has permission to claim url .iost");
                    if (owner is not null && owner != applicant) throw new HostException("no privilege of claimed url");
                    if (!tx.RequireAuth(applicant, Permission, frame)) throw new HostException("no permission of claimed url");
                    tx.World.MapPut(Name, Targets, url, second);
                    tx.World.MapPut(Name, Owners, url, applicant);
                    break;
                case "transfer":
                    if (owner is null) throw new HostException("url doesn't have owner. Link directly");
                    if (owner != applicant) throw new HostException("no privilege of claimed url");
                    if (!tx.RequireAuth(applicant, Permission, frame)) throw new HostException("no permission of claimed url");
                    tx.World.MapPut(Name, Owners, url, second);
                    break;
                default:
                    throw new HostException($"domain.iost has no method '{action.ActionName}'");
            }
            return new(StatusCode.Success, "", null, CallGas);
        }
        catch (HostException e)
        {
            return new(StatusCode.RuntimeError, e.Message, null, CallGas);
        }
    }

    private static void CheckUrl(string url)
    {
        if (url.Length is < 5 or > 16) throw new HostException($"url invalid. url length should be between 5,16 got {url}");
        if (!url.Contains('.')) throw new HostException("url invalid. url must contain '.'");
        if (url.FirstOrDefault(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.')) is var bad and not '\0')
            throw new HostException($"url invalid. url contains invalid character {(int)bad}");
    }
}
