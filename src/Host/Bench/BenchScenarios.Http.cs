using System.Diagnostics;
using System.Text.Json;

namespace ActorVm.Host.Bench;

/// <summary>The HTTP rows, and the warm-ups that run until the runtime stops recompiling.</summary>
internal sealed partial class BenchScenarios
{
    /// <summary>Committed transfers submitted over HTTP in batches; done when the last one's receipt exists.</summary>
    public async Task TransfersOverHttp(string token, int accounts, int transfers, int batchSize, int senders = 4, string key = "transfers_http_tps")
    {
        progress($"{transfers} transfers over HTTP in batches of {batchSize}, {senders} clients at once");
        using var client = new HttpClient { BaseAddress = http, Timeout = Wait };
        // The request bodies are written before the clock starts, as the in-process client signs its
        // transfers before its clock: a client's own work is not the node's (each sent with its length:
        // a body streamed as it is serialised goes in chunks, which the server reassembles).
        var pairs = new TransferPairs(accounts, false, _seed++);
        var batches = new Queue<List<byte[]>>();
        for (var taken = 0; taken < transfers; taken += batchSize)
            batches.Enqueue(Enumerable.Range(0, Math.Min(batchSize, transfers - taken)).Select(_ => TransferJson(token, pairs.Next())).ToList());
        var gate = new Lock();
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        // Each client sends a batch, waits for its answer, sends the next, as the in-process client
        // keeps transactions in flight; done when every client's last transaction has its receipt.
        async Task<string?> Sender()
        {
            string? last = null;
            for (;;)
            {
                List<byte[]> batch;
                lock (gate)
                {
                    if (!batches.TryDequeue(out batch!)) return last;
                }
                // A full mempool answers 503 with what it did accept: send the rest again a little later.
                while (batch.Count > 0)
                {
                    using var content = new ByteArrayContent(BatchBody(batch));
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync("/v1/transactions/batch", content);
                    using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                    if (!answer.RootElement.TryGetProperty("txHashes", out var accepted) || accepted.ValueKind != JsonValueKind.Array)
                        throw new InvalidOperationException($"batch refused: {answer.RootElement}");
                    var count = accepted.GetArrayLength();
                    if (count > 0) last = accepted[count - 1].GetString();
                    batch = batch.Skip(count).ToList();
                    if (batch.Count > 0) await Task.Delay(100);
                }
            }
        }
        var lasts = await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(Sender)));
        foreach (var last in lasts.OfType<string>())
            while ((await client.GetAsync($"/v1/transactions/{last}/receipt")).StatusCode != System.Net.HttpStatusCode.OK) await Task.Delay(10);
        results.Set(key, transfers / clock.Elapsed.TotalSeconds);
        results.Set($"{key[..^"_tps".Length]}_cpu_us_per_tx", (ProcessCpu() - cpu).TotalMicroseconds / transfers);
    }

    /// <summary>
    /// The processor time of the whole process (node and client, all threads): per transaction, a cost
    /// that moves less with the machine's speed than a throughput does (time given to other guests is not in it).
    /// </summary>
    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// Rounds of 20,000 in-process transfers until one ends with fewer than 20 methods compiled in it
    /// (at most 8 rounds), as <see cref="WarmUpOverHttp"/> does for HTTP.
    /// </summary>
    public async Task WarmUpInProcess(string token, int accounts) =>
        results.Set("warmup_inproc_rounds", await UntilCompiled(() => TransfersInProcess(token, accounts, 20_000, "warmup_transfers_inproc"), 8));

    /// <summary>How many rounds ran until one compiled fewer than 20 methods (or the last allowed ran).</summary>
    private static async Task<int> UntilCompiled(Func<Task> round, int most)
    {
        var rounds = 0;
        long compiled;
        do
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round();
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            rounds++;
        } while (compiled >= 20 && rounds < most);
        return rounds;
    }

    /// <summary>
    /// Rounds of 10,000 transfers in requests of 500, as the measured run sends them, until one ends
    /// with fewer than 20 methods compiled in it (at most 12 rounds): the runtime optimises a method
    /// after 30 calls, once no new code has been compiled for a moment, on one background thread.
    /// </summary>
    public async Task WarmUpOverHttp(string token, int accounts) =>
        results.Set("warmup_http_rounds", await UntilCompiled(() => TransfersOverHttp(token, accounts, 10_000, 500, key: "warmup_transfers_http_tps"), 12));

    /// <summary>One transfer in the API's short unsigned form, as UTF-8 JSON.</summary>
    private static byte[] TransferJson(string token, (string From, string To) pair) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        publisher = pair.From,
        actions = new[] { new { contract = token, actionName = "transfer", data = $"[\"{pair.From}\", \"{pair.To}\", 1]" } },
    });

    /// <summary>{"transactions": [...]} around transactions already written as JSON.</summary>
    private static byte[] BatchBody(List<byte[]> transactions)
    {
        var body = new MemoryStream();
        body.Write("{\"transactions\":["u8);
        for (var i = 0; i < transactions.Count; i++)
        {
            if (i > 0) body.WriteByte((byte)',');
            body.Write(transactions[i]);
        }
        body.Write("]}"u8);
        return body.ToArray();
    }
}
