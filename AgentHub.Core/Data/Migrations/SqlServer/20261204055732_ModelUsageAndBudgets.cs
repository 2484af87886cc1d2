using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentHub.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ModelUsageAndBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BudgetAlerted",
                table: "Workspaces",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BudgetCostMicros",
                table: "Workspaces",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BudgetTokens",
                table: "Workspaces",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Tasks",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "person");

            migrationBuilder.AddColumn<string>(
                name: "SourceRef",
                table: "Tasks",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelUsage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkspaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Model = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    AgentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConversationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SourceRef = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostMicros = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelUsage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelUsageDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkspaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AgentId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Model = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostMicros = table.Column<long>(type: "bigint", nullable: false),
                    UnpricedCalls = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelUsageDays", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelUsage_ConversationId",
                table: "ModelUsage",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelUsage_TaskId",
                table: "ModelUsage",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelUsage_WorkspaceId_At",
                table: "ModelUsage",
                columns: new[] { "WorkspaceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelUsageDays_WorkspaceId_Day_AgentId_Source_Model",
                table: "ModelUsageDays",
                columns: new[] { "WorkspaceId", "Day", "AgentId", "Source", "Model" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelUsage");

            migrationBuilder.DropTable(
                name: "ModelUsageDays");

            migrationBuilder.DropColumn(
                name: "BudgetAlerted",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "BudgetCostMicros",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "BudgetTokens",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SourceRef",
                table: "Tasks");
        }
    }
}
