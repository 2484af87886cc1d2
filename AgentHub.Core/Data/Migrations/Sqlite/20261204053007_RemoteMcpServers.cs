using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentHub.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RemoteMcpServers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RemoteMcpServerId",
                table: "Approvals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RemoteMcpServers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HeaderName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: true),
                    AgentIds = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ToolsJson = table.Column<string>(type: "TEXT", nullable: true),
                    ToolsRefreshedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NeedsRefresh = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemoteMcpServers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemoteMcpServers_WorkspaceId_Name",
                table: "RemoteMcpServers",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemoteMcpServers");

            migrationBuilder.DropColumn(
                name: "RemoteMcpServerId",
                table: "Approvals");
        }
    }
}
