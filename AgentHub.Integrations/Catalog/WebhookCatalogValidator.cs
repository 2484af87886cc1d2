using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Proves each provider's webhook section complete at startup: a signed scheme names its header and a secret the
/// workspace enters, the signed payload uses known parts and signs the body once, a timestamp that is signed has a
/// place in the request (and one that has a place is signed), the handshakes have what they need, and suggested rules
/// name an agent that uses the provider.
/// </summary>
internal static class WebhookCatalogValidator
{
    private static readonly HashSet<string> PayloadParts = ["method", "uri", "timestamp", "body"];

    internal static void Check(IReadOnlyList<AgentDefinition> agents, IEnumerable<ProviderDefinition> providers, List<string> problems)
    {
        foreach (var provider in providers)
        {
            if (provider.Webhook is not { } hook)
            {
                continue;
            }

            void Problem(string text) => problems.Add($"{provider.Id}.webhook: {text}");

            var secrets = hook.Secrets.Select(s => s.Name).ToList();
            if (secrets.Count != secrets.Distinct(StringComparer.Ordinal).Count())
            {
                Problem("a secret is defined twice");
            }

            if (string.IsNullOrWhiteSpace(hook.Setup))
            {
                Problem("setup must say how to register the address with the provider");
            }

            if (hook.SubjectId.Count > 0 && hook.SubjectPattern is null)
            {
                Problem("subject_id needs a subject_pattern: the shape a rule's {id} may take");
            }
            else if (hook.SubjectPattern is { } pattern && (!pattern.StartsWith('^') || !pattern.EndsWith('$') || !Compiles(pattern)))
            {
                Problem("subject_pattern must be a valid regular expression anchored with ^ and $");
            }

            var parts = CatalogTemplates.Placeholders(hook.SignedPayload).ToList();
            foreach (var unknown in parts.Where(p => !PayloadParts.Contains(p)))
            {
                Problem($"the signed payload names an unknown part {{{unknown}}}");
            }

            var hasTimestamp = hook.TimestampHeader is not null || hook.TimestampPart is not null;
            if (hook.IsSigned)
            {
                if (string.IsNullOrEmpty(hook.SignatureHeader))
                {
                    Problem("a signed scheme needs its signature header");
                }

                if (hook.SecretField is null || hook.Secrets.FirstOrDefault(s => s.Name == hook.SecretField) is not { Required: true })
                {
                    Problem("a signed scheme needs its secret field among the required secrets");
                }

                if (parts.Count(p => p == "body") != 1)
                {
                    Problem("the signed payload must contain the raw body exactly once");
                }

                if (parts.Contains("timestamp") != hasTimestamp)
                {
                    Problem("a timestamp is signed exactly when the request carries one (header or signature part)");
                }

                if ((hook.TimestampPart is null) != (hook.SignaturePart is null))
                {
                    Problem("a signature header of parts names both the timestamp part and the signature part");
                }

                if (hook.Algorithm == WebhookAlgorithm.EcdsaP256Sha256 && hook.SignatureEncoding != SignatureEncoding.Base64)
                {
                    Problem("an ECDSA signature is base64 (DER)");
                }
            }
            else if (hook.SignatureHeader is not null || hook.SecretField is not null || hasTimestamp || hook.SignedPayload != "{body}")
            {
                Problem("an unsigned scheme has no signature, timestamp or signing secret");
            }

            var basic = secrets.Count(s => s is "basic_username" or "basic_password");
            if (basic is 1)
            {
                Problem("Basic authentication needs both basic_username and basic_password");
            }

            switch (hook.Handshake)
            {
                case WebhookHandshake.Meta when !secrets.Contains("verify_token"):
                    Problem("Meta's handshake needs a verify_token secret");
                    break;
                case WebhookHandshake.TwitterCrc when hook.Algorithm != WebhookAlgorithm.HmacSha256:
                    Problem("X's CRC handshake is an HMAC-SHA256 under the signing secret");
                    break;
            }

            foreach (var pointer in hook.EventId.Concat(hook.EventType).Concat(hook.SubjectId).Where(p => !p.StartsWith('/')))
            {
                Problem($"{pointer} is not a JSON pointer");
            }

            foreach (var rule in hook.SuggestedRules)
            {
                if (agents.FirstOrDefault(a => a.Id == rule.AgentId) is not { } agent || agent.FindIntegration(provider.Id) is null)
                {
                    Problem($"the suggested rule for {rule.EventType} names {rule.AgentId}, which does not use {provider.Name}");
                }

                if (CatalogTemplates.Placeholders(rule.Instruction).Any(p => p is not ("id" or "type")))
                {
                    Problem($"the suggested rule for {rule.EventType} may only use {{id}} and {{type}}");
                }
            }
        }
    }

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
