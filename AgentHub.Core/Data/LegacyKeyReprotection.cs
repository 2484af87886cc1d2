using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Data;

/// <summary>
/// Keys that earlier versions stored without a key-encryption key hold their master key in clear. At startup each such
/// key is re-protected in place, the way Data Protection itself encrypts a new key: every element marked
/// `requiresEncryption` is replaced by an `encryptedSecret` element naming the decryptor. The key (and every secret
/// encrypted with it) stays readable; only its storage changes.
/// </summary>
internal static class LegacyKeyReprotection
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public static async Task<int> ReprotectAsync(AgentHubDbContext db, IXmlEncryptor encryptor, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            if (key.Xml is null)
            {
                continue;
            }

            var element = XElement.Parse(key.Xml);
            var secrets = element.DescendantsAndSelf().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
            foreach (var secret in secrets)
            {
                var encrypted = encryptor.Encrypt(secret);
                secret.ReplaceWith(new XElement(EncryptedSecret,
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                    encrypted.EncryptedElement));
            }

            if (secrets.Count > 0)
            {
                key.Xml = element.ToString(SaveOptions.DisableFormatting);
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
