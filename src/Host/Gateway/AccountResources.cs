using System.Globalization;
using System.Text.Json;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Execution;
using ActorVm.Host.Api;
using ActorVm.Storage.State;

namespace ActorVm.Host.Gateway;

/// <summary>
/// An account's gas and RAM as IOST's getAccount shows them (go-iost rpc/api_service.go): gas from
/// gas.iost's ledger at the head block's time, RAM from its ram token balance and ram.iost's record
/// of what it holds (TR) and uses (UR).
/// </summary>
internal sealed record AccountResources(decimal Gas, decimal Pledged, decimal Limit, IReadOnlyList<(string Pledger, decimal Amount)> PledgedInfo,
    long RamAvailable, long RamUsed, long RamTotal)
{
    public static async Task<AccountResources> ReadAsync(NodeActors actors, string name)
    {
        var gas = GasLedger.FieldKeys(name).Select(k => StateKeys.Value(GasLedger.Contract, k));
        var ram = new[] { StateKeys.Balance("ram", name), StateKeys.Value("ram.iost", "UR" + name), StateKeys.Value("ram.iost", "TR" + name) };
        var pledgeFields = StateKeys.MapFields(GasLedger.Contract, GasLedger.PledgeMap(name));
        var values = (await actors.StateDb.Ask<StoredValues>(new ReadKeys([.. gas, .. ram, pledgeFields]), actors.AskTimeout)).Values;
        var head = (await actors.StateDb.Ask<StoredBlock>(new ReadBlock(null), actors.AskTimeout)).Block;
        decimal Dec(int i) => values[i] is { } v && decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
        var updated = values[3] is { } u && long.TryParse(u, CultureInfo.InvariantCulture, out var t) ? t : 0L;
        var (pledged, limit) = (Dec(0), Dec(1));
        var current = GasLedger.Current(pledged, limit, Dec(2), updated, head?.Time ?? 0);

        var targets = values[7] is { } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
        var amounts = targets.Count == 0 ? [] : (await actors.StateDb.Ask<StoredValues>(
            new ReadKeys(targets.Select(f => StateKeys.MapField(GasLedger.Contract, GasLedger.PledgeMap(name), f)).ToArray()), actors.AskTimeout)).Values;
        var info = targets.Select((f, i) => (f, amounts[i] is { } a ? GasLedger.Parse(a) : 0m)).Where(p => p.Item2 != 0).ToList();
        return new AccountResources(current, pledged, limit, info, (long)Dec(4), (long)Dec(5), (long)Dec(6));
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject("gas_info");
        w.WriteNumber("current_total", (double)Gas);
        w.WriteNumber("transferable_gas", 0);
        w.WriteNumber("pledge_gas", (double)Gas);
        w.WriteNumber("increase_speed", (double)(Pledged * GasLedger.IncreasePerIostPerSecond));
        w.WriteNumber("limit", (double)Limit);
        w.WriteStartArray("pledged_info");
        foreach (var (pledger, amount) in PledgedInfo)
        {
            w.WriteStartObject();
            w.WriteString("pledger", pledger);
            w.WriteNumber("amount", (double)amount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("ram_info");
        w.Int64("available", RamAvailable);
        w.Int64("used", RamUsed);
        w.Int64("total", RamTotal);
        w.WriteEndObject();
    }
}
