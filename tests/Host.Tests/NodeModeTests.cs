using ActorVm.Host.Config;
using ActorVm.Host.Signing;

namespace ActorVm.Host.Tests;

/// <summary>Dev mode on loopback only, production beyond it, and the keys each mode implies.</summary>
public sealed class NodeModeTests
{
    private static NodeSettings Load(params (string Key, string Value)[] flags) =>
        NodeConfiguration.Load(null, flags.ToDictionary(f => f.Key, f => (string?)f.Value));

    [Fact]
    public void On_loopback_the_default_is_dev_mode_with_the_gateway_on_30001_and_chain_1024()
    {
        var settings = Load();

        Assert.True(settings.Node.IsDevelopment);
        Assert.Equal(30001, settings.Gateway.Port);
        Assert.Equal(1024u, settings.Chain.Id);
    }

    [Fact]
    public void Beyond_loopback_the_default_is_production_mode()
    {
        Assert.False(Load(("node:host", "0.0.0.0")).Node.IsDevelopment);
    }

    [Fact]
    public void Dev_mode_beyond_loopback_is_refused()
    {
        var e = Assert.Throws<ConfigurationException>(() => Load(("node:host", "0.0.0.0"), ("node:mode", "dev")));
        Assert.Contains("loopback", e.Message);
    }

    [Fact]
    public void An_unknown_mode_is_refused() =>
        Assert.Contains("node:mode", Assert.Throws<ConfigurationException>(() => Load(("node:mode", "trusting"))).Message);

    [Fact]
    public void A_batch_is_admitted_as_each_transaction_would_be_alone()
    {
        var admission = new TransactionAdmission(NodeKeys.From(Load(("node:dataDir", Path.GetTempPath()))));
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        Contracts.Chain.Transaction Tx(long time, string publisher) => new(time, time + 60_000_000_000, 1_000_000, publisher, [],
            [new Contracts.Chain.TxAction("token.iost", "transfer", "[\"iost\",\"alice\",\"bob\",\"1\",\"\"]")]);
        var signedBefore = admission.Admit(Tx(now + 2, "carol"));
        List<Contracts.Chain.Transaction> batch = [Tx(now, "alice"), Tx(now - 600_000_000_000, "bob"), signedBefore, Tx(now + 1, "dave")];

        var admitted = admission.AdmitAll(batch);

        Assert.Equal(admission.Admit(batch[0]).Hash, admitted[0].Admitted!.Hash);
        Assert.Contains("expired", admitted[1].Refused!.Message);
        Assert.Equal(signedBefore.Hash, admitted[2].Admitted!.Hash);
        Assert.Equal(admission.Admit(batch[3]).Hash, admitted[3].Admitted!.Hash);
        Assert.All(new[] { admitted[0], admitted[2], admitted[3] }, a => Assert.Null(a.Admitted!.Signing.Problem));
    }

    [Fact]
    public void In_dev_mode_the_dev_key_signs_and_governs_unclaimed_names()
    {
        var keys = NodeKeys.From(Load(("node:dataDir", Path.GetTempPath())));

        Assert.NotNull(keys.Signer);
        Assert.Equal(NodeKeys.DevKey.PublicKeyBase58, keys.Rules.DevKey);
    }

    [Fact]
    public void In_production_mode_nothing_signs_for_clients_and_configured_accounts_exist()
    {
        var data = Directory.CreateTempSubdirectory("actorvm-keys-").FullName;
        try
        {
            var keys = NodeKeys.From(Load(("node:mode", "production"), ("node:dataDir", data), ("chain:accounts:0", "admin:" + NodeKeys.DevKey.PublicKeyBase58)));

            Assert.Null(keys.Signer);
            Assert.Null(keys.Rules.DevKey);
            Assert.Equal(NodeKeys.DevKey.PublicKeyBase58, keys.Rules.GenesisKeys["admin"]);
            // The producer key is generated once and kept: the same on the next start.
            Assert.Equal(keys.Producer.PublicKeyBase58, NodeKeys.From(Load(("node:mode", "production"), ("node:dataDir", data))).Producer.PublicKeyBase58);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void A_configured_account_that_is_not_id_and_key_is_refused() =>
        Assert.Contains("chain:accounts", Assert.Throws<ConfigurationException>(() =>
            NodeKeys.From(Load(("node:mode", "production"), ("chain:accounts:0", "x:y")))).Message);

    [Fact]
    public void A_data_directory_keeps_the_settings_of_its_chain_and_refuses_others()
    {
        var data = Directory.CreateTempSubdirectory("actorvm-identity-").FullName;
        try
        {
            using (var db = Storage.State.StateDb.Open(data))
            {
                ChainIdentity.Check(db, new Contracts.Chain.ChainRules(1024, NodeKeys.DevKey.PublicKeyBase58), 400_000);
                ChainIdentity.Check(db, new Contracts.Chain.ChainRules(1024, NodeKeys.DevKey.PublicKeyBase58), 400_000);

                var e = Assert.Throws<ConfigurationException>(() => ChainIdentity.Check(db, Contracts.Chain.ChainRules.Production, 400_000));
                Assert.Contains("mode is dev", e.Message);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
