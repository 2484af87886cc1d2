using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Data;

/// <summary>`DataProtection:Certificate`.</summary>
public sealed class KeyRingCertificateOptions
{
    public string? Path { get; set; }
    public string? Password { get; set; }
    public string? Base64 { get; set; }
}
