using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Data;

/// <summary>
/// The key-encryption certificate that protects the Data Protection key ring stored in the database. It lives outside
/// the database, so a copy of the database (or of a backup) alone decrypts nothing. It comes from
/// `DataProtection:Certificate:Base64` (a PKCS#12 file, base64, for environments that pass secrets as variables),
/// else `DataProtection:Certificate:Path`, else the default file <see cref="DefaultFileName"/> in the data folder, which
/// AgentHub generates on first run with mode 0600. Loaded on first use, when the host's configuration is complete.
/// </summary>
public sealed partial class KeyRingCertificate(
    IOptions<KeyRingCertificateOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<KeyRingCertificate> logger) : IDisposable
{
    public const string DefaultFileName = "agenthub-keyring.pfx";

    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;
    private IServiceProvider? _decryptionServices;

    /// <summary>The certificate, with its private key.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            lock (_gate)
            {
                return _certificate ??= Load();
            }
        }
    }

    /// <summary>
    /// The framework's own XML decryptor, given this certificate. It reads its certificates from options that only the
    /// Data Protection builder can set, so it gets a small container of its own, built once.
    /// </summary>
    internal IXmlDecryptor Decryptor
    {
        get
        {
            lock (_gate)
            {
                _decryptionServices ??= new ServiceCollection()
                    .AddLogging()
                    .AddDataProtection().UnprotectKeysWithAnyCertificate(Certificate).Services
                    .BuildServiceProvider();
                return new EncryptedXmlDecryptor(_decryptionServices);
            }
        }
    }

    /// <summary>
    /// Decrypts every encrypted secret in a stored key's XML with this certificate (throws when one does not decrypt):
    /// the readiness probe's proof that the key ring in the database is readable, independent of in-memory caches.
    /// </summary>
    public void VerifyDecrypts(string keyXml)
    {
        var secrets = System.Xml.Linq.XElement.Parse(keyXml).Descendants()
            .Where(e => e.Name.LocalName == "encryptedSecret" && (string?)e.Attribute("decryptorType") == typeof(KeyRingXmlDecryptor).AssemblyQualifiedName);
        foreach (var secret in secrets)
        {
            _ = Decryptor.Decrypt(secret.Elements().Single());
        }
    }

    private X509Certificate2 Load()
    {
        var settings = options.Value;
        if (settings.Base64 is { Length: > 0 } base64)
        {
            return Import(Convert.FromBase64String(base64), settings.Password, "DataProtection:Certificate:Base64");
        }

        if (settings.Path is { Length: > 0 } configured)
        {
            if (!File.Exists(configured))
            {
                throw new InvalidOperationException(
                    $"DataProtection:Certificate:Path points at '{Path.GetFullPath(configured)}', which does not exist. Restore the certificate from its backup: without it the stored secrets cannot be decrypted.");
            }

            return Import(File.ReadAllBytes(configured), settings.Password, configured);
        }

        var path = DefaultPath();
        if (!File.Exists(path))
        {
            Generate(path);
        }

        return Import(File.ReadAllBytes(path), password: null, path);
    }

    private static X509Certificate2 Import(byte[] pkcs12, string? password, string source)
    {
        var certificate = X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The key ring certificate from {source} has no RSA private key.");
        }

        return certificate;
    }

    /// <summary>Creates the certificate file with mode 0600; a file another instance created first wins.</summary>
    private void Generate(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        DataFolder.Create(directory);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=AgentHub key ring protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var bytes = certificate.Export(X509ContentType.Pkcs12);

        var temporary = Path.Combine(directory, $".{DefaultFileName}.{Guid.NewGuid():N}.tmp");
        using (var stream = DataFolder.CreatePrivateFile(temporary))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            LogGenerated(logger, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The data folder: beside the SQLite database, or `data/` under the working directory for SQL Server.</summary>
    private string DefaultPath()
    {
        var connectionString = configuration.GetConnectionString("AgentHub");
        var provider = configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var sqliteFile = provider == DatabaseProvider.Sqlite
            ? DatabaseOptions.SqliteFile(connectionString is { Length: > 0 } ? connectionString : DatabaseOptions.DefaultSqliteConnectionString)
            : null;
        var folder = sqliteFile is null ? Path.GetFullPath("data") : Path.GetDirectoryName(sqliteFile)!;
        return Path.Combine(folder, DefaultFileName);
    }

    public void Dispose()
    {
        _certificate?.Dispose();
        (_decryptionServices as IDisposable)?.Dispose();
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Generated the key ring certificate {Path}. Back it up apart from the database: without it the stored secrets cannot be decrypted.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
