using ActorVm.Host.Config.Hocon;
using Microsoft.Extensions.Configuration;
using static ActorVm.Host.Tests.Hocon.HoconText;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconConfigurationTests
{
    private const string Deployment = """
        akka.actor.deployment {
          "/vm/workers" {
            router = idle-first-pool
            resizer {
              enabled = on
              lower-bound = 2
              upper-bound = 4
            }
          }
        }
        """;

    private sealed class Resizer
    {
        public bool Enabled { get; set; }

        [ConfigurationKeyName("lower-bound")]
        public int LowerBound { get; set; }

        [ConfigurationKeyName("upper-bound")]
        public int UpperBound { get; set; }
    }

    [Fact]
    public void An_akka_deployment_block_flattens_to_configuration_keys()
    {
        var flat = Flatten(Deployment);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["akka:actor:deployment:/vm/workers:router"] = "idle-first-pool",
            ["akka:actor:deployment:/vm/workers:resizer:enabled"] = "true",
            ["akka:actor:deployment:/vm/workers:resizer:lower-bound"] = "2",
            ["akka:actor:deployment:/vm/workers:resizer:upper-bound"] = "4",
        }, flat);
    }

    [Fact]
    public void Flattening_gives_arrays_index_segments_and_empty_containers_a_null()
    {
        var flat = Flatten("seeds = [ a, { host = b } ]\nnothing = null\nnone = []\nempty {}");

        Assert.Equal(new Dictionary<string, string?>
        {
            ["seeds:0"] = "a",
            ["seeds:1:host"] = "b",
            ["nothing"] = null,
            ["none"] = null,
            ["empty"] = null,
        }, flat);
    }

    [Fact]
    public void Each_value_records_the_line_and_file_that_defined_it()
    {
        var root = Parse("a = 1\n\nb {\n  c = 2\n}\na = 3");

        Assert.Equal([("a", 6), ("b:c", 4)], root.Flatten().Select(leaf => (leaf.Path, leaf.Line)));
        Assert.Equal("test.conf", root["b"].File);
    }

    [Fact]
    public void The_configuration_source_reads_text_into_keys_that_bind_to_options()
    {
        var config = new ConfigurationBuilder().AddHocon(new HoconConfigurationSource(Deployment, "deployment.conf", Environment())).Build();

        var resizer = config.GetSection("akka:actor:deployment:/vm/workers:resizer").Get<Resizer>()!;

        Assert.Equal("idle-first-pool", config["akka:actor:deployment:/vm/workers:router"]);
        Assert.Equal((true, 2, 4), (resizer.Enabled, resizer.LowerBound, resizer.UpperBound));
    }

    [Fact]
    public void The_configuration_source_reads_a_file_and_an_optional_missing_one_is_empty()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "node { port = 31000 }");
            var config = new ConfigurationBuilder()
                .AddHocon(file, environment: Environment())
                .AddHocon(file + ".absent", optional: true)
                .Build();

            Assert.Equal("31000", config["node:port"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_required_file_is_an_error_naming_it()
    {
        var builder = new ConfigurationBuilder().AddHocon("/nonexistent/actorvm.conf");

        var error = Assert.Throws<HoconException>(() => builder.Build());

        Assert.Equal("/nonexistent/actorvm.conf", error.FileName);
    }
}
