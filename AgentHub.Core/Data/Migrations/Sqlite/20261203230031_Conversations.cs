using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentHub.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LinkedTaskId",
                table: "TaskSteps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConversationId",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Depth",
                table: "Tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentTaskId",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TurnIndex",
                table: "Tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TurnCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    SummarizedTurns = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                });

            // Every task asked before conversations existed becomes a one-turn conversation of its own (same id).
            migrationBuilder.Sql("""
                INSERT INTO "Conversations" ("Id", "WorkspaceId", "AgentId", "Title", "CreatedBy", "CreatedAt", "UpdatedAt", "TurnCount", "SummarizedTurns") SELECT "Id", "WorkspaceId", "AgentId", substr(replace(replace("Description", char(10), ' '), char(13), ' '), 1, 199), "CreatedBy", "CreatedAt", "UpdatedAt", 1, 0 FROM "Tasks";
                """);
            migrationBuilder.Sql("""
                UPDATE "Tasks" SET "ConversationId" = "Id", "TurnIndex" = 1;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ConversationId_TurnIndex",
                table: "Tasks",
                columns: new[] { "ConversationId", "TurnIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ParentTaskId",
                table: "Tasks",
                column: "ParentTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_WorkspaceId_AgentId_UpdatedAt",
                table: "Conversations",
                columns: new[] { "WorkspaceId", "AgentId", "UpdatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Tasks_Conversations_ConversationId",
                table: "Tasks",
                column: "ConversationId",
                principalTable: "Conversations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Tasks_Conversations_ConversationId",
                table: "Tasks");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ConversationId_TurnIndex",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ParentTaskId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "LinkedTaskId",
                table: "TaskSteps");

            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Depth",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ParentTaskId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "TurnIndex",
                table: "Tasks");
        }
    }
}
