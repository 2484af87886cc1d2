using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Core.Data;

/// <summary>
/// Decrypts a key the <see cref="KeyRingXmlEncryptor"/> wrote, with the framework's <see cref="EncryptedXmlDecryptor"/>
/// and the <see cref="KeyRingCertificate"/>. Data Protection creates it by the type name stored in each key's XML: keep
/// the name (or add a forwarding type) if it ever moves.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        services.GetRequiredService<KeyRingCertificate>().Decryptor.Decrypt(encryptedElement);
}
