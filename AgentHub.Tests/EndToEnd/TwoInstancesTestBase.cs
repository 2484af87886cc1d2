using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Two app processes on one SQLite file, with the loopback fake providers and the fake model: what must happen once
/// across instances (a task run, an approved write, a webhook event) is proven here.
/// </summary>
public abstract class TwoInstancesTestBase : IAsyncLifetime
{
    protected FakeProviderServer Providers { get; private set; } = null!;
    protected FakeModelServer Model { get; private set; } = null!;
    protected AppServer First { get; private set; } = null!;
    protected AppServer Second { get; private set; } = null!;
    private Dictionary<string, string> _settings = [];

    /// <summary>When the first process was started.</summary>
    protected System.Diagnostics.Stopwatch SinceStart { get; } = new();

    /// <summary>Settings both processes get on top of the base's.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Providers = await FakeProviderServer.StartAsync();
        Model = await FakeModelServer.StartAsync();
        var settings = Model.Settings().ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Tasks:PollInterval"] = "00:00:00.100";
        settings["Webhooks:PollInterval"] = "00:00:00.100";
        settings["RateLimits:ConnectionTests:PermitLimit"] = "1000";
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _settings = settings;
        SinceStart.Start();
        First = await AppServer.StartAsync(Providers, settings);
        Second = await AppServer.StartAsync(Providers, settings, databasePath: First.DatabasePath);
    }

    /// <summary>Kills the second process at once (a crash: no shutdown) and starts a new one on the same database.</summary>
    protected async Task RestartSecondAsync()
    {
        await Second.KillAsync(); // not disposed: that would delete the shared database
        Second = await AppServer.StartAsync(Providers, _settings, databasePath: First.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Model.DisposeAsync();
        await Providers.DisposeAsync();
    }

    /// <summary>Registers an owner on the first instance; returns a client with its bearer token for each instance.</summary>
    protected async Task<(HttpClient First, HttpClient Second)> SignInAsync(string email)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(First.BaseUrl) };
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = AgentHubFactory.Password })).EnsureSuccessStatusCode();
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = AgentHubFactory.Password })).Content.ReadFromJsonAsync<JsonObject>();
        HttpClient Bearer(string baseUrl) => new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", (string)login!["accessToken"]!) } };
        return (Bearer(First.BaseUrl), Bearer(Second.BaseUrl));
    }
}
