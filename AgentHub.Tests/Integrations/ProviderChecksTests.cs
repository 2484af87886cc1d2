using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// Every provider against the loopback fake that plays it as documented: the exact request it receives, and the
/// outcome for valid credentials, a wrong secret, 429, 500, a hang, and answers without identity or access.
/// </summary>
public sealed class ProviderChecksTests(ProviderChecksFixture fixture) : IClassFixture<ProviderChecksFixture>
{
    public static TheoryData<string> AllProviders => new(FakeProviders.All.Select(p => p.Id));

    public static TheoryData<string> ProvidersWithAccessRules =>
        new(FakeProviders.All.Where(p => p.PermissionMissingBody is not null).Select(p => p.Id));

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task ValidCredentials_GiveConnected_AndTheProviderReceivesTheDocumentedRequest(string providerId)
    {
        var fake = Start(providerId);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.Valid);

        Assert.True(result.Outcome.Success, result.Outcome.Message);
        Assert.Equal(OutcomeReason.Ok, result.Outcome.Reason);
        Assert.Equal(ConnectionStatus.Connected, result.Integration.Status);

        var request = Assert.Single(fixture.Providers.RequestsFor(providerId));
        Assert.Equal(fake.Method, request.Method);
        Assert.Equal(fake.Path, request.Path);
        Assert.Equal(fake.Query, request.Query);
        if (fake.AuthHeader is { } header)
        {
            Assert.Equal(header.Value, request.Header(header.Name));
        }

        if (providerId is "semrush" or "grammarly")
        {
            Assert.Null(request.Header("Authorization"));
        }
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task AWrongSecret_GivesErrorWithAuthInvalid(string providerId)
    {
        var fake = Start(providerId);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.WithWrongSecret());

        Assert.Equal(OutcomeReason.AuthInvalid, result.Outcome.Reason);
        Assert.Equal(ConnectionStatus.Error, result.Integration.Status);
        Assert.Equal(OutcomeReason.AuthInvalid, result.Integration.StatusReason);
        Assert.NotNull(result.Outcome.Field);
        Assert.Single(fixture.Providers.RequestsFor(providerId));
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A429_GivesRateLimited_WithRetryAfter(string providerId)
    {
        var fake = Start(providerId, FakeProviderMode.RateLimited);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.Valid);

        Assert.Equal(OutcomeReason.RateLimited, result.Outcome.Reason);
        Assert.Equal(30, result.Outcome.RetryAfterSeconds);
        Assert.Equal(ConnectionStatus.Error, result.Integration.Status);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A500_GivesProviderError_WithOneAttempt(string providerId)
    {
        var fake = Start(providerId, FakeProviderMode.ServerError);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.Valid);

        Assert.Equal(OutcomeReason.ProviderError, result.Outcome.Reason);
        Assert.Equal(500, result.Outcome.HttpStatus);
        Assert.Single(fixture.Providers.RequestsFor(providerId));
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task AHang_GivesUnreachable_AtTheBudget_NotBefore(string providerId)
    {
        var fake = Start(providerId, FakeProviderMode.Hang);

        var test = fixture.ConfigureAndConnectAsync(providerId, fake.Valid);
        await fixture.WaitForRequestsAsync(providerId);
        fixture.Clock.Advance(ProviderChecksFixture.Budget - TimeSpan.FromMilliseconds(1));
        await Task.WhenAny(test, Task.Delay(100));
        Assert.False(test.IsCompleted, "the check ended before its budget was spent");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await test.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OutcomeReason.Unreachable, result.Outcome.Reason);
        Assert.Equal(ProviderChecksFixture.Budget, result.Outcome.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero);
        Assert.Contains("did not answer", result.Outcome.Message);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task ASuccessStatusWithoutTheIdentityField_IsNotConnected(string providerId)
    {
        var fake = Start(providerId, FakeProviderMode.MissingIdentity);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.Valid);

        Assert.False(result.Outcome.Success);
        Assert.Equal(OutcomeReason.ProviderError, result.Outcome.Reason);
    }

    [Theory]
    [MemberData(nameof(ProvidersWithAccessRules))]
    public async Task AnAccountWithoutTheNeededAccess_GivesPermissionMissing(string providerId)
    {
        var fake = Start(providerId, FakeProviderMode.PermissionMissing);

        var result = await fixture.ConfigureAndConnectAsync(providerId, fake.Valid);

        Assert.Equal(OutcomeReason.PermissionMissing, result.Outcome.Reason);
        Assert.Equal(ConnectionStatus.Error, result.Integration.Status);
    }

    [Fact]
    public async Task ZendeskAnsweringAnAnonymousCaller_IsNotConnected()
    {
        // Zendesk answers 200 with "id": null to a caller without credentials; only the identity rule catches it.
        var fake = Start("zendesk", FakeProviderMode.MissingIdentity);

        var result = await fixture.ConfigureAndConnectAsync("zendesk", fake.Valid);

        Assert.Equal(OutcomeReason.ProviderError, result.Outcome.Reason);
    }

    [Fact]
    public async Task MetaCode190With400_IsAnAuthFailure_WithTheProvidersMessage()
    {
        var fake = Start("instagram");

        var result = await fixture.ConfigureAndConnectAsync("instagram", fake.WithWrongSecret());

        Assert.Equal(OutcomeReason.AuthInvalid, result.Outcome.Reason);
        Assert.Equal(400, result.Outcome.HttpStatus);
        Assert.Equal("Invalid OAuth access token - Cannot parse access token", result.Outcome.ProviderMessage);
        Assert.Equal("access_token", result.Outcome.Field);
    }

    [Fact]
    public async Task SemrushError120Text_IsAnAuthFailure()
    {
        var fake = Start("semrush");

        var result = await fixture.ConfigureAndConnectAsync("semrush", fake.WithWrongSecret());

        Assert.Equal(OutcomeReason.AuthInvalid, result.Outcome.Reason);
        Assert.Equal("ERROR 120 :: WRONG KEY - ID PAIR", result.Outcome.ProviderMessage);
    }

    [Fact]
    public async Task SendGridKeyWithoutMailSend_IsPermissionMissing_NamingTheScope()
    {
        var fake = Start("sendgrid", FakeProviderMode.PermissionMissing);

        var result = await fixture.ConfigureAndConnectAsync("sendgrid", fake.Valid);

        Assert.Equal(OutcomeReason.PermissionMissing, result.Outcome.Reason);
        Assert.Contains("mail.send", result.Outcome.Message);
    }

    [Fact]
    public async Task SearchConsoleWithoutTheSite_IsPermissionMissing_PointingAtTheSiteField()
    {
        var fake = Start("google_search_console", FakeProviderMode.PermissionMissing);

        var result = await fixture.ConfigureAndConnectAsync("google_search_console", fake.Valid);

        Assert.Equal(OutcomeReason.PermissionMissing, result.Outcome.Reason);
        Assert.Equal("site_url", result.Outcome.Field);
        Assert.Contains("https://www.acme.com/", result.Outcome.Message);
    }

    [Theory]
    [InlineData(FakeProviderMode.SlowBody)]
    [InlineData(FakeProviderMode.HugeBody)]
    public async Task ASlowOrHugeBody_EndsWithinTheBudget(FakeProviderMode mode)
    {
        var fake = Start("hubspot", mode);

        // A huge body is cut at the size limit without any time passing; a slow one ends when the budget is spent.
        var test = fixture.ConfigureAndConnectAsync("hubspot", fake.Valid);
        if (mode == FakeProviderMode.SlowBody)
        {
            await fixture.WaitForRequestsAsync("hubspot");
            fixture.Clock.Advance(ProviderChecksFixture.Budget);
        }

        var result = await test.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.Outcome.Success);
        Assert.True(TimeSpan.FromMilliseconds(result.Outcome.DurationMs ?? 0) <= ProviderChecksFixture.Budget);
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed()
    {
        await using var target = await LoopbackListener.StartAsync();
        fixture.Providers.RedirectTarget = target.Url;
        var fake = Start("brevo", FakeProviderMode.Redirect);

        var result = await fixture.ConfigureAndConnectAsync("brevo", fake.Valid);

        Assert.Equal(OutcomeReason.ProviderError, result.Outcome.Reason);
        Assert.Contains("redirect", result.Outcome.Message);
        await Task.Delay(100); // give a followed redirect time to arrive
        Assert.Equal(0, target.Connections);
    }

    private FakeProvider Start(string providerId, FakeProviderMode mode = FakeProviderMode.Normal)
    {
        fixture.Providers.Reset();
        fixture.Providers.SetMode(providerId, mode);
        return FakeProviders.Get(providerId);
    }
}
