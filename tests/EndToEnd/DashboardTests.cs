using Microsoft.Playwright;

namespace ActorVm.EndToEnd;

/// <summary>GET /dashboard in a real headless Chromium (Debian's, driven by Playwright): it shows the chain and the pool as they change.</summary>
public sealed class DashboardTests : NodeTest
{
    private const string Chromium = "/usr/bin/chromium";
    private const float Patience = 90_000;

    /// <summary>A pool that starts at one worker and resizes after every message, so load shows at once.</summary>
    protected override (string Name, string Value)[] Environment =>
        [("ACTORVM_POOL__LOWERBOUND", "1"), ("ACTORVM_POOL__UPPERBOUND", "4"), ("ACTORVM_POOL__MESSAGESPERRESIZE", "1")];

    private const string Spinner = "class S { spin() { let x = 0; for (let i = 0; i < 200000; i++) x += i; return x; } } module.exports = S;";
    private const string SpinnerAbi = """{"lang":"javascript","version":"1.0.0","abi":[{"name":"spin","args":[]}]}""";

    [Fact]
    public async Task The_dashboard_shows_a_new_block_and_the_pool_resizing_under_load()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/bootstrap.sh installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's own network traffic (updates, sync) is refused on closed machines: it is turned off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(Node.BaseAddress, "/dashboard").ToString());

        var id = await Client.Deploy(Spinner, SpinnerAbi);
        var (_, status) = await Client.Send(HttpMethod.Get, "/v1/status");
        var height = status["height"]!.GetValue<long>();
        await page.WaitForSelectorAsync($"#blocks li.block[data-height='{height}']", new() { Timeout = Patience });

        using var load = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
                await Client.Send(HttpMethod.Post, "/v1/query", $$"""{"contract":"{{id}}","actionName":"spin","data":"[]"}""");
        })).ToList();
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const c = document.querySelector('#pool-chart'); return c && Number(c.dataset.maxSize) > Number(c.dataset.minSize); }",
                null, new() { Timeout = Patience });
        }
        finally
        {
            await load.CancelAsync();
            await Task.WhenAll(clients);
        }

        Assert.Equal(height.ToString(), await page.GetAttributeAsync($"#blocks li.block[data-height='{height}']", "data-height"));
        Assert.Empty(errors);
        // docs/dashboard.png is taken this way: ACTORVM_DASHBOARD_SCREENSHOT=docs/dashboard.png.
        var screenshot = System.Environment.GetEnvironmentVariable("ACTORVM_DASHBOARD_SCREENSHOT") is { Length: > 0 } kept ? kept : Path.Combine(Data, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
    }
}
