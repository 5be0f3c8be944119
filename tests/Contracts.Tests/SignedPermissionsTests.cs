using ActorVm.Contracts.Chain;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>What a contract's requireAuth counts as signed: each well-formed signer and the publisher's active.</summary>
public sealed class SignedPermissionsTests
{
    [Fact]
    public void The_publisher_signs_with_its_active_permission_only()
    {
        var signed = new SignedPermissions("alice", []);

        Assert.True(signed.Contains("alice", "active"));
        Assert.False(signed.Contains("alice", "owner"));
        Assert.False(signed.Contains("bob", "active"));
    }

    [Fact]
    public void A_signer_counts_for_its_own_account_and_permission()
    {
        var signed = new SignedPermissions("alice", ["bob@vote", "carol@active"]);

        Assert.True(signed.Contains("bob", "vote"));
        Assert.True(signed.Contains("carol", "active"));
        Assert.False(signed.Contains("bob", "active"));
        Assert.False(signed.Contains("bo", "b@vote"));
    }

    [Fact]
    public void A_malformed_signer_names_no_permission()
    {
        var signed = new SignedPermissions("alice", ["bob@vote@x", "dave"]);

        Assert.False(signed.Contains("bob", "vote@x"));
        Assert.False(signed.Contains("bob@vote", "x"));
        Assert.False(signed.Contains("dave", ""));
    }
}
