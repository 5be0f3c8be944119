using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ActorVm.EndToEnd;

/// <summary>GET /openapi/v1.json describes exactly the endpoints the node serves and docs/http-api.md lists.</summary>
public sealed partial class OpenApiTests : NodeTest
{
    private static string Repository => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ActorVmCommand.Executable)!, "../../../../.."));

    private async Task<HashSet<string>> Described()
    {
        var (status, document) = await Client.Send(HttpMethod.Get, "/openapi/v1.json");
        Assert.Equal(200, status);
        return document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).ToHashSet();
    }

    [Fact]
    public async Task Every_described_endpoint_is_served()
    {
        foreach (var endpoint in await Described())
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var concrete = Parameter().Replace(path, m => m.Value == "{height}" ? "1" : "x");
            // The event stream never ends by itself: a bad filter makes it answer at once.
            if (concrete == "/v1/events") concrete += "?topic=none";

            var (_, body) = await Client.SendRaw(new HttpMethod(method), concrete, method == "POST" ? "{}" : null);

            Assert.DoesNotContain("no endpoint", body);
        }
    }

    [Fact]
    public async Task The_document_and_docs_http_api_list_the_same_endpoints()
    {
        var listed = File.ReadLines(Path.Combine(Repository, "docs", "http-api.md"))
            .SkipWhile(l => l != "### Summary of the endpoints").Skip(1).TakeWhile(l => !l.StartsWith('#'))
            .Select(l => SummaryRow().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")
            // Served only by a cluster node, and the document itself.
            .Where(e => e is not ("GET /v1/cluster" or "GET /openapi/v1.json"))
            .ToHashSet();

        Assert.Equal(listed.Order(), (await Described()).Order());
    }

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^\| `(GET|POST) ([^`\[]+)(?:\[[^`]*\])?` \|")]
    private static partial Regex SummaryRow();
}
