using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// The real app, started as its own process (`dotnet AgentHub.Web.dll`) on a loopback port with its own SQLite file
/// and every provider pointed at a loopback <see cref="FakeProviderServer"/>.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppServer(Process process, string baseUrl, string databasePath)
    {
        _process = process;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public string BaseUrl { get; }
    public string DatabasePath { get; }
    public int ProcessId => _process.Id;
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <param name="appDirectory">A folder holding AgentHub.Web.dll (a publish folder); by default the build output.</param>
    /// <param name="environment">Development serves static web assets from the build output; a publish folder runs in Production.</param>
    public static async Task<AppServer> StartAsync(
        FakeProviderServer providers,
        IDictionary<string, string>? settings = null,
        string? appDirectory = null,
        string environment = "Development",
        string? databasePath = null)
    {
        var webDirectory = appDirectory ?? WebOutputDirectory();
        var port = FreePort();
        Directory.CreateDirectory(TestPaths.Databases);
        // A second instance may share the first one's database (and its key ring certificate beside it).
        databasePath ??= Path.Combine(TestPaths.Databases, $"e2e-{Guid.NewGuid():N}.db");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(webDirectory, "AgentHub.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ConnectionStrings__AgentHub"] = $"Data Source={databasePath}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Links the app writes (the OAuth redirect URI, invitation links) point at this instance.
        info.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in providers.BaseUrlSettings())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        var server = new AppServer(process, $"http://127.0.0.1:{port}", databasePath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{server.Output}");
            }

            try
            {
                using var response = await http.GetAsync($"{server.BaseUrl}/Account/Login");
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"The app did not start within 60 s:\n{server.Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>AgentHub.Web's own build output, in the configuration the tests were built in.</summary>
    private static string WebOutputDirectory()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/{Configuration}/net10.0
        var directory = Path.Combine(TestPaths.RepositoryRoot, "AgentHub.Web", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(directory, "AgentHub.Web.dll")) ? directory : AppContext.BaseDirectory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process at once, as a crash or an OOM kill would: no shutdown, no cleanup.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
