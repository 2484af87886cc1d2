using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentHub.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AccessTokenExpiresAt",
                table: "Connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthMethod",
                table: "Connections",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "credentials");

            migrationBuilder.AddColumn<DateTime>(
                name: "NextRefreshAttemptAt",
                table: "Connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RefreshFailures",
                table: "Connections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "TokensRefreshedAt",
                table: "Connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "OAuthApps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthApps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OAuthApps_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OAuthFlows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StateHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    ProtectedCodeVerifier = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthFlows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OAuthFlows_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Connections_AuthMethod_AccessTokenExpiresAt",
                table: "Connections",
                columns: new[] { "AuthMethod", "AccessTokenExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OAuthApps_WorkspaceId_ProviderId",
                table: "OAuthApps",
                columns: new[] { "WorkspaceId", "ProviderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OAuthFlows_ExpiresAt",
                table: "OAuthFlows",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthFlows_StateHash",
                table: "OAuthFlows",
                column: "StateHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OAuthFlows_WorkspaceId",
                table: "OAuthFlows",
                column: "WorkspaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropTable(
                name: "OAuthApps");

            migrationBuilder.DropTable(
                name: "OAuthFlows");

            migrationBuilder.DropIndex(
                name: "IX_Connections_AuthMethod_AccessTokenExpiresAt",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "AccessTokenExpiresAt",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "AuthMethod",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "NextRefreshAttemptAt",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "RefreshFailures",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "TokensRefreshedAt",
                table: "Connections");
        }
    }
}
