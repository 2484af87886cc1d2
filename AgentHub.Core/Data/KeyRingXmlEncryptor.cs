using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Data;

/// <summary>
/// Encrypts each new Data Protection key with the <see cref="KeyRingCertificate"/> (the framework's
/// <see cref="CertificateXmlEncryptor"/>), naming <see cref="KeyRingXmlDecryptor"/> as the type that reads it back.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRingCertificate certificate, ILoggerFactory loggerFactory) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var encrypted = new CertificateXmlEncryptor(certificate.Certificate, loggerFactory).Encrypt(plaintextElement);
        return new EncryptedXmlInfo(encrypted.EncryptedElement, typeof(KeyRingXmlDecryptor));
    }
}
