using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AgentHub.Core.Accounts;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// The language: the account's choice, else the browser's Accept-Language, else English; `html lang` follows; the REST
/// API stays English whatever the caller's language. The browser's time zone is kept per account.
/// </summary>
public sealed partial class LocalizationTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private HttpClient Anonymous(string? acceptLanguage)
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null)
        {
            browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return browser;
    }

    [Fact]
    public async Task AFrenchBrowser_GetsTheSignInPageInFrench_AndAnEnglishOneInEnglish()
    {
        using var french = Anonymous("fr-FR,fr;q=0.9,en;q=0.5");
        var page = await french.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"fr\"", page);
        Assert.Contains("Se connecter", page);
        Assert.DoesNotContain(">Sign in<", page);

        using var english = Anonymous("en-GB");
        var englishPage = await english.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\"", englishPage);
        Assert.Contains("Sign in", englishPage);

        // A language AgentHub does not speak falls back to English.
        using var german = Anonymous("de-DE");
        Assert.Contains("<html lang=\"en\"", await german.GetStringAsync("/Account/Login"));
    }

    [Fact]
    public async Task TheApi_StaysEnglish_ForAFrenchCaller()
    {
        Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");
        try
        {
            using var response = await Client.PostAsJsonAsync("/api/tasks", new { agent_id = "nobody", description = "x" });
            var problem = await ReadProblemAsync(response, 400);
            Assert.Equal("One or more values are not valid.", (string)problem["title"]!);
            Assert.Contains("There is no agent", problem["errors"]!.ToJsonString());

            using var invalid = await Client.PatchAsJsonAsync("/api/workspace", new { name = "" });
            var nameProblem = await ReadProblemAsync(invalid, 400);
            Assert.Equal("Give the workspace a name.", (string)nameProblem["errors"]!["name"]![0]!);
        }
        finally
        {
            Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        }
    }

    [Fact]
    public async Task TheLanguageMenu_StoresTheChoiceOnTheAccount_WhichWinsOverTheBrowser_OnAnyDevice()
    {
        using var browser = await CookieBrowserAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var home = await browser.GetStringAsync("/workspace");
        Assert.Contains("<html lang=\"en\"", home);

        using (var chosen = await browser.PostAsync("/preferences/language", Form(home, ("language", "fr"), ("returnUrl", "/workspace"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            Assert.Equal("/workspace", chosen.Headers.Location!.OriginalString);
        }

        Assert.Equal("fr", (await UserAsync(Owner.Email)).Language);
        Assert.Contains("<html lang=\"fr\"", await browser.GetStringAsync("/workspace"));

        // Another browser, in English, with no culture cookie: the account's choice comes with the sign-in.
        using var other = await CookieBrowserAsync();
        other.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await other.GetStringAsync("/workspace");
        Assert.Contains("<html lang=\"fr\"", page);
        Assert.Contains("Espace de travail", page);
    }

    [Fact]
    public async Task TheLanguageMenu_RefusesAForeignReturnUrl_AndIgnoresAnUnknownLanguage()
    {
        using var browser = await CookieBrowserAsync();
        var home = await browser.GetStringAsync("/workspace");
        using (var foreign = await browser.PostAsync("/preferences/language", Form(home, ("language", "fr"), ("returnUrl", "https://evil.test/"))))
        {
            Assert.Equal("/", foreign.Headers.Location!.OriginalString);
        }

        using (await browser.PostAsync("/preferences/language", Form(home, ("language", "klingon"), ("returnUrl", "/"))))
        {
        }

        Assert.Equal("fr", (await UserAsync(Owner.Email)).Language);
    }

    [Fact]
    public async Task TheBrowsersTimeZone_IsKeptOnTheAccount_AndAnUnknownOneIsRefused()
    {
        using var browser = await CookieBrowserAsync();
        var page = await browser.GetStringAsync("/workspace");
        Assert.Contains("data-timezone-form", page);

        using (var unknown = await browser.PostAsync("/preferences/timezone", Form(page, ("timeZone", "Mars/Olympus_Mons"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }

        Assert.Null((await UserAsync(Owner.Email)).TimeZone);

        using (var stored = await browser.PostAsync("/preferences/timezone", Form(page, ("timeZone", "Europe/Paris"))))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        Assert.Equal("Europe/Paris", (await UserAsync(Owner.Email)).TimeZone);
        // The re-issued sign-in cookie carries the zone: the page now knows it and posts nothing more.
        Assert.Contains("data-known-zone=\"Europe/Paris\"", await browser.GetStringAsync("/workspace"));
    }

    [Fact]
    public async Task AnOwner_RenamesTheWorkspace_AndSetsItsLanguage_AMemberCannot()
    {
        using (var renamed = await Client.PatchAsJsonAsync("/api/workspace", new { name = "  Boulangerie Martin  ", language = "fr" }))
        {
            var workspace = await ReadJsonAsync(renamed, 200);
            Assert.Equal("Boulangerie Martin", (string)workspace["name"]!);
            Assert.Equal("fr", (string)workspace["language"]!);
        }

        var audit = await GetJsonAsync("/api/audit");
        Assert.Contains(audit["entries"]!.AsArray(), e => (string)e!["action"]! == "update_workspace" && ((string)e["detail"]!).Contains("→ Boulangerie Martin"));

        using (var badLanguage = await Client.PatchAsJsonAsync("/api/workspace", new { language = "xx" }))
        {
            var problem = await ReadProblemAsync(badLanguage, 400);
            Assert.Contains("Language must be one of", (string)problem["errors"]!["language"]![0]!);
        }

        using (var tooLong = await Client.PatchAsJsonAsync("/api/workspace", new { name = new string('a', 129) }))
        {
            await ReadProblemAsync(tooLong, 400);
        }

        // A right-to-left override would make the name read differently from what it is.
        using (var spoofed = await Client.PatchAsJsonAsync("/api/workspace", new { name = "Acme\u202Egnp.exe" }))
        {
            await ReadProblemAsync(spoofed, 400);
        }

        var member = await InviteAsync(Unique("member@acme.test"), "member");
        using var refused = await member.Client.PatchAsJsonAsync("/api/workspace", new { name = "Mine now" });
        await ReadProblemAsync(refused, 403);
        Assert.Equal("Boulangerie Martin", (string)(await GetJsonAsync("/api/workspace"))["name"]!);
    }

    [Fact]
    public async Task ANewWorkspace_IsNamedAfterTheCompany_OrThePerson_NeverAfterAMailService()
    {
        var company = await Factory.CreateUserAsync(Unique("jane@acme-bakery.test"));
        var personal = await Factory.CreateUserAsync(Unique("jean.dupont@gmail.com"));
        try
        {
            Assert.Equal("Acme-bakery", (string)(await ReadJsonAsync(await company.Client.GetAsync("/api/workspace"), 200))["name"]!);
            var name = (string)(await ReadJsonAsync(await personal.Client.GetAsync("/api/workspace"), 200))["name"]!;
            Assert.StartsWith("jean.dupont", name);
            Assert.DoesNotContain("gmail", name);
        }
        finally
        {
            company.Client.Dispose();
            personal.Client.Dispose();
        }
    }

    private async Task<AgentHubUser> UserAsync(string email)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(values);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
