using System.Globalization;
using System.Text.Json;
using AgentHub.Core.Actions;
using AgentHub.Core.Common;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Core;

/// <summary>A sentence Core keeps: English as stored, the reader's language on a page, and safe to read back.</summary>
public sealed class SentenceTests
{
    [Fact]
    public void ASentence_IsStoredInEnglish_AndReadInTheCurrentLanguage()
    {
        var sentence = new Sentence("Actions_NotConnected", "HubSpot", "hubspot_search_contacts");

        Assert.Equal("HubSpot is not connected, so hubspot_search_contacts cannot run. Ask the workspace owner to connect it.", sentence.English());
        var stored = Sentence.FromJson(sentence.ToJson());
        Assert.Equal(sentence.Key, stored!.Key);
        Assert.Equal(sentence.Args, stored.Args);
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.Equal("HubSpot n’est pas connecté, donc hubspot_search_contacts ne peut pas s’exécuter. Demandez au propriétaire de l’espace de le connecter.",
                stored.InCurrentLanguage());
            Assert.StartsWith("HubSpot is not connected", stored.English());
        }
    }

    [Fact]
    public void ADecimalArgument_IsWrittenTheCulturesWay_AndOtherArgumentsAsTheyAre()
    {
        var sentence = new Sentence("Tasks_OutOfTimeMinutes", 2.5);
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.Contains("2,5 minutes", sentence.InCurrentLanguage());
            Assert.Contains("2.5 minutes", sentence.English());
            Assert.Contains("v1.2.3", new Sentence("Tasks_Answered", "v1.2.3").InCurrentLanguage());
        }
    }

    [Fact]
    public void ASentenceMayHoldASentence_ReadInTheSameLanguage()
    {
        var sentence = Sentence.FromJson(new Sentence("Audit_DetailMembersMayNot", new Sentence("Audit_CanChangeIntegrations")).ToJson())!;

        Assert.Equal("members may not change integrations", sentence.English());
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.Equal("les membres ne peuvent pas modifier les intégrations", sentence.InCurrentLanguage());
        }
    }

    [Fact]
    public void AnOutcomeWithASentence_SurvivesTheSerializerTheResponseCacheUses()
    {
        var outcome = ActionOutcome.Failed(new Sentence("Actions_ProviderFailedDetail", "SEMrush", 500, "upstream"), 500);

        var copy = JsonSerializer.Deserialize<ActionOutcome>(JsonSerializer.Serialize(outcome))!;

        Assert.Equal("SEMrush failed (500): upstream", copy.Content);
        Assert.Equal(outcome.Sentence!.English(), copy.Sentence!.English());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"k":"NoSuchKey","a":[]}""")]
    [InlineData("""{"a":["x"]}""")]
    [InlineData("[1,2]")]
    [InlineData("""{"k":"Actions_NotConnected","a":["only one"]}""")]
    [InlineData("""{"k":"Actions_NotConnected","a":["x",{"k":"NoSuchKey","a":[]}]}""")]
    [InlineData("""{"k":"Actions_NotConnected","a":["x",3]}""")]
    [InlineData("""{"k":7}""")]
    public void WhatIsNotAKnownSentence_ReadsAsNone(string? json) => Assert.Null(Sentence.FromJson(json));
}
