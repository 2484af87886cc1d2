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

public sealed record MemberView(string UserId, string Email, WorkspaceRole Role, DateTime JoinedAt);
