import type { PrismaClient } from "./client.js";

export class WorkspaceScopeViolation extends Error {}

const READS_AND_FILTERED_WRITES = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);

function scopedWhere(model: string, key: string, workspaceId: number, where: unknown): object {
  const asked = (where as Record<string, unknown> | undefined)?.[key];
  if (asked !== undefined && asked !== workspaceId) {
    throw new WorkspaceScopeViolation(`${model} queried for ${key} ${String(asked)} in workspace ${workspaceId}`);
  }
  return { ...(where as object), [key]: workspaceId };
}

function checkData(model: string, workspaceId: number, data: unknown): void {
  for (const row of Array.isArray(data) ? data : [data]) {
    const value = (row as { workspaceId?: unknown } | undefined)?.workspaceId;
    if (value !== workspaceId) {
      throw new WorkspaceScopeViolation(
        `${model} written with workspaceId ${String(value)} in workspace ${workspaceId}`,
      );
    }
  }
}

/**
 * A client that can only see and write one workspace's rows: every filter gets the workspace id
 * added, and every row written must carry it. Repositories receive this, never the bare client,
 * so no command can reach another workspace's data by mistake. Raw SQL is not covered and must
 * filter by workspace itself.
 */
export function scopeToWorkspace(prisma: PrismaClient, workspaceId: number) {
  return prisma.$extends({
    name: "workspace-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const a = (args ?? {}) as Record<string, unknown>;
          const key = model === "Workspace" ? "id" : "workspaceId";
          if (READS_AND_FILTERED_WRITES.has(operation)) {
            return query({ ...a, where: scopedWhere(model, key, workspaceId, a.where) });
          }
          if (CREATES.has(operation)) {
            if (model === "Workspace")
              throw new WorkspaceScopeViolation("cannot create a workspace from a workspace scope");
            checkData(model, workspaceId, a.data);
            return query(a);
          }
          if (operation === "upsert") {
            checkData(model, workspaceId, a.create);
            return query({ ...a, where: scopedWhere(model, key, workspaceId, a.where) });
          }
          throw new WorkspaceScopeViolation(`${operation} on ${model} is not allowed in a workspace scope`);
        },
      },
    },
  });
}

export type WorkspaceDb = ReturnType<typeof scopeToWorkspace>;
/** The client inside `db.$transaction(async (tx) => ...)`: scoped the same way. */
export type WorkspaceTx = Parameters<Parameters<WorkspaceDb["$transaction"]>[0]>[0];
