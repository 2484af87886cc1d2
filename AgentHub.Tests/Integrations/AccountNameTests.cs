using System.Net;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// The account's name from a successful check (catalog `account_name`): what an approver reads instead of an id,
/// cleaned like any provider text (no secret, no control or bidirectional-override character, bounded).
/// </summary>
public sealed class AccountNameTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    private static readonly Dictionary<string, string> Values = new() { ["access_token"] = "EAAG-secret-token", ["instagram_account_id"] = "17841400000000001" };

    private static string? NameFrom(string body) =>
        OutcomeClassifier.Classify(Catalog.FindCheck("instagram")!, Values, ["EAAG-secret-token"], HttpStatusCode.OK, null, body).AccountName;

    [Fact]
    public void ASuccessfulCheck_KeepsTheAccountsName()
    {
        Assert.Equal("acme", NameFrom("""{"id":"17841400000000001","username":"acme"}"""));
        Assert.Null(NameFrom("""{"id":"17841400000000001"}"""));
    }

    [Fact]
    public void TheName_LosesBidirectionalOverrides_ControlCharacters_AndSecrets()
    {
        var name = NameFrom("""{"id":"17841400000000001","username":"acme\u202Eevil\u0007 EAAG-secret-token"}""");
        Assert.NotNull(name);
        Assert.DoesNotContain('\u202E', name);
        Assert.DoesNotContain('\u0007', name);
        Assert.DoesNotContain("EAAG-secret-token", name);
        Assert.StartsWith("acme", name);
    }

    [Fact]
    public void AFailedCheck_NamesNoAccount()
    {
        var outcome = OutcomeClassifier.Classify(Catalog.FindCheck("instagram")!, Values, [], HttpStatusCode.Unauthorized, null, """{"username":"acme"}""");
        Assert.Null(outcome.AccountName);
    }
}
