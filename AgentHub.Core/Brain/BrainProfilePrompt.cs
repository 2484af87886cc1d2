using System.Text;

namespace AgentHub.Core.Brain;

/// <summary>The business profile as the system prompt carries it: one labelled line per field given, at most a token budget.</summary>
public static class BrainProfilePrompt
{
    public static string? For(BrainProfile? profile, int maxTokens)
    {
        if (profile is null)
        {
            return null;
        }

        var text = new StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(label).Append(": ").AppendLine(value.Trim());
            }
        }

        Line("Name", profile.BusinessName);
        Line("What it sells", profile.Offer);
        Line("Audience", profile.Audience);
        Line("Voice and tone", profile.Voice);
        Line("Words to use", profile.WordsToUse);
        Line("Words to avoid", profile.WordsToAvoid);
        Line("Website", profile.Website);
        return text.Length == 0 ? null : BrainTokens.Truncate(text.ToString().TrimEnd(), maxTokens);
    }
}
