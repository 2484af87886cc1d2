using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Accounts;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Workspaces;

public sealed record WorkspaceView(Guid Id, string Name, WorkspaceRole YourRole, IReadOnlyList<MemberView> Members, IReadOnlyList<InvitationView> Invitations);
