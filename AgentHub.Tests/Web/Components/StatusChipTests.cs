using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Shared;
using Bunit;

namespace AgentHub.Tests.Web.Components;

public sealed class StatusChipTests : ComponentTestBase
{
    [Theory]
    [InlineData(ConnectionStatus.Connected, "connected", "mud-chip-color-success", "Connected")]
    [InlineData(ConnectionStatus.Pending, "pending", "mud-chip-color-warning", "Pending")]
    [InlineData(ConnectionStatus.Error, "error", "mud-chip-color-error", "Error")]
    [InlineData(ConnectionStatus.Disconnected, "disconnected", "mud-chip-color-default", "Disconnected")]
    public void EachStatus_HasItsColourIconAndLabel(ConnectionStatus status, string code, string colourClass, string label)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));

        var element = chip.Find(".status-chip");
        Assert.Equal(code, element.GetAttribute("data-status"));
        Assert.Contains(colourClass, element.ClassName);
        Assert.Contains(label, element.TextContent);
        Assert.NotNull(element.QuerySelector("svg"));
    }

    [Fact]
    public void TheReasonsSentence_IsTheTooltip_AndTheAccessibleName()
    {
        var chip = Render<StatusChip>(p => p
            .Add(c => c.Status, ConnectionStatus.Error)
            .Add(c => c.Message, "Zendesk rejected the credentials."));

        Assert.Contains("Zendesk rejected the credentials.", chip.Find(".status-chip").GetAttribute("aria-label"));
        Assert.Contains("Zendesk rejected the credentials.", chip.Markup);
    }

    [Fact]
    public void Distinct_StatusesLookDistinct()
    {
        var looks = Enum.GetValues<ConnectionStatus>()
            .Select(s => (StatusPresentation.ColorOf(s), StatusPresentation.IconOf(s), StatusPresentation.LabelOf(TestText.For<SharedText>(), s)))
            .ToList();

        Assert.Equal(looks.Count, looks.Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Item1).Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Item2).Distinct().Count());
    }
}
