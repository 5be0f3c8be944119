using ActorVm.Contracts.Genesis;

namespace ActorVm.Contracts.Tests.Genesis;

public sealed class GenesisConfigTests
{
    /// <summary>go-iost's config/genesis/genesis.yml, as a local IOST node has it.</summary>
    private const string IostGenesisYml = """
        creategenesis: true
        tokeninfo:
          foundationaccount: foundation
          iosttotalsupply: 90000000000
          iostdecimal: 8
        witnessinfo:
          - id: producer000
            owner: 6sNQa7PV2SFzqCBtQUcQYJGGoU7XaB6R4xuCQVXNZe6b 
            active: 6sNQa7PV2SFzqCBtQUcQYJGGoU7XaB6R4xuCQVXNZe6b
            signatureblock: 6sNQa7PV2SFzqCBtQUcQYJGGoU7XaB6R4xuCQVXNZe6b
            balance: 0
        admininfo:
          id: admin
          owner: Gcv8c2tH8qZrUYnKdEEdTtASsxivic2834MQW6mgxqto 
          active: Gcv8c2tH8qZrUYnKdEEdTtASsxivic2834MQW6mgxqto
          balance: 21000000000
        foundationinfo:
          id: foundation
          owner: Gcv8c2tH8qZrUYnKdEEdTtASsxivic2834MQW6mgxqto
          active: Gcv8c2tH8qZrUYnKdEEdTtASsxivic2834MQW6mgxqto
          balance: 0 # none at first
        initialtimestamp: "2018-11-10T11:04:05Z"
        """;

    [Fact]
    public void Go_iosts_genesis_yml_reads_as_iosts_local_node_configuration()
    {
        var config = GenesisConfig.From(GenesisYaml.Parse(IostGenesisYml));

        Assert.Equal(GenesisConfig.IostLocal.TokenInfo, config.TokenInfo);
        Assert.Equal(GenesisConfig.IostLocal.Witnesses, config.Witnesses);
        Assert.Equal(GenesisConfig.IostLocal.Admin, config.Admin);
        Assert.Equal(GenesisConfig.IostLocal.Foundation, config.Foundation);
        Assert.Equal(GenesisConfig.IostLocal.TimeNanos, config.TimeNanos);
    }

    [Fact]
    public void A_genesis_without_an_admin_is_refused_naming_the_key()
    {
        var e = Assert.Throws<FormatException>(() => GenesisConfig.From(GenesisYaml.Parse(IostGenesisYml.Replace("admininfo:", "adminx:"))));
        Assert.Contains("admininfo", e.Message);
    }

    [Fact]
    public void Yaml_that_is_not_a_map_is_refused_with_its_line()
    {
        var e = Assert.Throws<FormatException>(() => GenesisYaml.Parse("tokeninfo:\n  just text"));
        Assert.Contains("line 2", e.Message);
    }
}
