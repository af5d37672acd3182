import { chunks } from "../../core/chunks.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { nextCustomerCode } from "../counters.js";
import { diffProfile, type FieldChange, type ProfileInput } from "../customers/fields.js";
import { recordCustomerChange } from "../customers/history.js";
import { changesSearchKeys, rewriteSearchTerms, writeSearchTerms } from "../customers/search-index.js";
import { nameKey, phoneKey } from "../customers/duplicates.js";
import { readSetting } from "../settings.js";
import { STANDING_CONTACT } from "../contacts/service.js";
import { visitDueAt, type CadenceFacts } from "../visits/cadence.js";
import type { ImportKind } from "./columns.js";
import { LEDGER_KINDS, ledgerImporter, type LedgerKind } from "./ledger.js";
import type { ParsedRow, RowProblem } from "./parse.js";
import {
  firstOfKey,
  LOOKUP_CHUNK,
  resolveCustomers,
  type ImportPlan,
  type Importer,
  type PlanContext,
} from "./rows.js";

/** Rows written per statement, and between progress reports. */
const BATCH = 1_000;

type CustomerRow = Awaited<ReturnType<WorkspaceDb["customer"]["findFirstOrThrow"]>>;

/** Sales plans (per customer and month) and expense budgets (per customer and period): set or replaced. */
async function planTargets(ctx: PlanContext, kind: "plans" | "budgets", rows: ParsedRow[]): Promise<ImportPlan> {
  const problems: RowProblem[] = [];
  const customers = await resolveCustomers(ctx, rows, problems);
  const keyField = kind === "plans" ? "month" : "period";
  const seen = new Map<string, number>();
  const wanted = rows.filter((row) => {
    const customer = customers.get(row);
    if (!customer) return false;
    return firstOfKey(
      seen,
      `${customer.id}@${row.values[keyField] as string}`,
      row,
      `${customer.name} ${row.values[keyField] as string}`,
      problems,
    );
  });
  const ids = [...new Set(wanted.map((r) => customers.get(r)!.id))];
  const existing = new Map<string, { id: number; amount: bigint }>();
  for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
    const found =
      kind === "plans"
        ? (
            await ctx.db.salesPlan.findMany({
              where: { customerId: { in: chunk } },
              select: { id: true, customerId: true, month: true, amount: true },
            })
          ).map((p) => ({ ...p, key: p.month }))
        : (
            await ctx.db.expenseBudget.findMany({
              where: { customerId: { in: chunk } },
              select: { id: true, customerId: true, period: true, amount: true },
            })
          ).map((p) => ({ ...p, key: p.period }));
    for (const p of found) existing.set(`${p.customerId}@${p.key}`, p);
  }
  const creates: { customerId: number; key: string; amount: bigint }[] = [];
  const updates: { id: number; amount: bigint }[] = [];
  for (const row of wanted) {
    const customerId = customers.get(row)!.id;
    const key = row.values[keyField] as string;
    const amount = row.values.amount as bigint;
    const before = existing.get(`${customerId}@${key}`);
    if (!before) creates.push({ customerId, key, amount });
    else if (before.amount !== amount) updates.push({ id: before.id, amount });
  }
  const workspaceId = ctx.actor.workspaceId;
  return {
    created: creates.length,
    updated: updates.length,
    unchanged: wanted.length - creates.length - updates.length,
    problems,
    size: creates.length + updates.length,
    async write(tx, progress) {
      for (const batch of chunks(creates, BATCH)) {
        if (kind === "plans")
          await tx.salesPlan.createMany({
            data: batch.map((c) => ({ workspaceId, customerId: c.customerId, month: c.key, amount: c.amount })),
          });
        else
          await tx.expenseBudget.createMany({
            data: batch.map((c) => ({ workspaceId, customerId: c.customerId, period: c.key, amount: c.amount })),
          });
      }
      progress(creates.length);
      await ctx.bulk.setColumn(
        tx,
        kind === "plans" ? "SalesPlan" : "ExpenseBudget",
        "amount",
        updates.map((u) => [u.id, u.amount]),
      );
      progress(creates.length + updates.length);
    },
  };
}

const CONTACT_FIELDS = ["title", "phone", "role", "stance", "birthday"] as const;

/** Contacts, one per customer and name: new ones added, known ones updated where the file differs. */
async function planContacts(ctx: PlanContext, rows: ParsedRow[]): Promise<ImportPlan> {
  const problems: RowProblem[] = [];
  const customers = await resolveCustomers(ctx, rows, problems);
  const ids = [...new Set([...customers.values()].map((c) => c.id))];
  const existing = new Map<string, Record<string, unknown> & { id: number }>();
  for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
    for (const c of await ctx.db.contact.findMany({ where: { customerId: { in: chunk }, ...STANDING_CONTACT } }))
      existing.set(`${c.customerId}@${c.name}`, c);
  }
  const seen = new Map<string, number>();
  const creates: Prisma.ContactCreateManyInput[] = [];
  const updates: { id: number; customerId: number; data: Record<string, unknown>; changes: FieldChange[] }[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const customer = customers.get(row);
    if (!customer) continue;
    const name = row.values.name as string;
    const key = `${customer.id}@${name}`;
    if (!firstOfKey(seen, key, row, `${customer.name} ${name}`, problems)) continue;
    const given = Object.fromEntries(
      CONTACT_FIELDS.filter((f) => row.values[f] !== undefined).map((f) => [f, row.values[f]]),
    );
    const before = existing.get(key);
    if (!before) {
      creates.push({ workspaceId: ctx.actor.workspaceId, customerId: customer.id, name, ...given });
      continue;
    }
    const changes = Object.entries(given)
      .filter(
        ([f, v]) =>
          String(before[f] instanceof Date ? (before[f] as Date).toISOString() : before[f]) !==
          String(v instanceof Date ? v.toISOString() : v),
      )
      .map(([f, v]) => ({ field: `contact.${f}`, from: stringify(before[f]), to: stringify(v) }));
    if (changes.length === 0) unchanged++;
    else updates.push({ id: before.id, customerId: customer.id, data: given, changes });
  }
  return {
    created: creates.length,
    updated: updates.length,
    unchanged,
    problems,
    size: creates.length + updates.length,
    async write(tx, progress) {
      for (const batch of chunks(creates, BATCH)) await tx.contact.createMany({ data: batch });
      for (const u of updates) {
        await tx.contact.update({ where: { id: u.id }, data: u.data });
        await recordCustomerChange(tx, ctx.actor, u.customerId, "contact_edit", u.changes, ctx.now);
      }
      progress(creates.length + updates.length);
    },
  };
}

/**
 * New customers of a file that are already on file (撞单), or twice in the file, by normalized name
 * or phone: each is a row problem naming the customer it repeats, with its owner.
 */
async function duplicateRows(
  ctx: PlanContext,
  creates: { row: ParsedRow; input: ProfileInput }[],
): Promise<{ problems: RowProblem[]; lines: Set<number> }> {
  const existing = await ctx.db.customer.findMany({
    select: { code: true, name: true, phone: true, owner: { select: { name: true } } },
  });
  const byName = new Map<string, (typeof existing)[number]>();
  const byPhone = new Map<string, (typeof existing)[number]>();
  const remember = <T>(map: Map<string, T>, key: string | null, value: T) => {
    if (key !== null && !map.has(key)) map.set(key, value);
  };
  for (const c of existing) {
    remember(byName, nameKey(c.name), c);
    remember(byPhone, phoneKey(c.phone), c);
  }
  const inFileByName = new Map<string, ParsedRow>();
  const inFileByPhone = new Map<string, ParsedRow>();
  const problems: RowProblem[] = [];
  for (const { row, input } of creates) {
    const name = nameKey(input.name as string);
    const phone = phoneKey(input.phone as string | undefined);
    const known = byName.get(name) ?? (phone === null ? undefined : byPhone.get(phone));
    const earlier = inFileByName.get(name) ?? (phone === null ? undefined : inFileByPhone.get(phone));
    if (known)
      problems.push({
        line: row.line,
        reason: "import.row.alreadyOnFile",
        params: { name: known.name, code: known.code, owner: known.owner?.name ?? "-" },
      });
    else if (earlier)
      problems.push({
        line: row.line,
        reason: "import.row.sameCustomerInFile",
        params: { name: earlier.values.name as string, earlier: earlier.line },
      });
    else {
      remember(inFileByName, name, row);
      remember(inFileByPhone, phone, row);
    }
  }
  return { problems, lines: new Set(problems.map((p) => p.line)) };
}

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * Customers, matched by code (or by exact name when the file has no code): new ones are created
 * with the importer as owner unless the file names one; known ones get the fields the file
 * changes, each change recorded in the profile history.
 */
async function planCustomers(ctx: PlanContext, rows: ParsedRow[], allowDuplicates: boolean): Promise<ImportPlan> {
  const problems: RowProblem[] = [];
  const users = await ctx.db.user.findMany({ where: { active: true }, select: { id: true, name: true } });
  const userByName = new Map(users.map((u) => [u.name, u]));
  const codes = rows.flatMap((r) => (typeof r.values.code === "string" ? [r.values.code.toUpperCase()] : []));
  const names = rows.map((r) => r.values.name as string);
  const byCode = new Map<string, CustomerRow>();
  const byName = new Map<string, CustomerRow>();
  for (const chunk of chunks(codes, LOOKUP_CHUNK))
    for (const c of await ctx.db.customer.findMany({ where: { code: { in: chunk } } })) byCode.set(c.code, c);
  for (const chunk of chunks(names, LOOKUP_CHUNK))
    for (const c of await ctx.db.customer.findMany({ where: { name: { in: chunk } } })) byName.set(c.name, c);

  const seen = new Map<string, number>();
  const creates: { row: ParsedRow; input: ProfileInput; ownerId: number }[] = [];
  const updates: {
    id: number;
    before: CustomerRow;
    input: ProfileInput;
    changes: FieldChange[];
    ownerId?: number;
    ownerChange?: FieldChange;
  }[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const { owner, ...fields } = row.values as Record<string, unknown> & { owner?: string };
    const code = typeof fields.code === "string" ? fields.code.toUpperCase() : undefined;
    if (!firstOfKey(seen, code ?? `name:${fields.name as string}`, row, code ?? (fields.name as string), problems))
      continue;
    const ownerUser = owner === undefined ? undefined : userByName.get(owner);
    if (owner !== undefined && !ownerUser) {
      problems.push({ line: row.line, reason: "import.row.unknownUser", params: { user: owner } });
      continue;
    }
    const input = { ...fields, ...(code ? { code } : {}) } as ProfileInput;
    const before = code ? byCode.get(code) : byName.get(fields.name as string);
    if (!before) {
      if (fields.type === undefined) {
        problems.push({ line: row.line, reason: "import.row.typeRequired", params: {} });
        continue;
      }
      creates.push({ row, input, ownerId: ownerUser?.id ?? ctx.actor.id });
      continue;
    }
    const changes = diffProfile(before, input);
    const ownerChange =
      ownerUser && ownerUser.id !== before.ownerId
        ? { field: "owner", from: users.find((u) => u.id === before.ownerId)?.name ?? null, to: ownerUser.name }
        : undefined;
    if (changes.length === 0 && !ownerChange) unchanged++;
    else
      updates.push({
        id: before.id,
        before,
        input,
        changes,
        ...(ownerChange ? { ownerId: ownerUser!.id, ownerChange } : {}),
      });
  }
  if (!allowDuplicates && creates.length > 0) {
    const duplicates = await duplicateRows(ctx, creates);
    problems.push(...duplicates.problems);
    creates.splice(0, creates.length, ...creates.filter((c) => !duplicates.lines.has(c.row.line)));
  }
  const settings = await readSetting(ctx.db, "visits");
  const workspaceId = ctx.actor.workspaceId;
  const record = (tx: WorkspaceTx, customerId: number, action: string, changes: FieldChange[]) =>
    recordCustomerChange(tx, ctx.actor, customerId, action, changes, ctx.now);
  return {
    created: creates.length,
    updated: updates.length,
    unchanged,
    problems,
    size: creates.length + updates.length,
    async write(tx, progress) {
      let done = 0;
      for (const c of creates) {
        const code = (c.input.code as string | undefined) ?? (await nextCustomerCode(tx, workspaceId));
        const facts = {
          status: "active",
          tier: null,
          visitCadenceDays: null,
          relationSince: null,
          lastVisitAt: null,
          createdAt: ctx.now,
          ...c.input,
        } as Parameters<typeof visitDueAt>[0];
        const customer = await tx.customer.create({
          data: {
            ...c.input,
            code,
            workspaceId,
            ownerId: c.ownerId,
            createdAt: ctx.now,
            profileUpdatedAt: ctx.now,
            visitDueAt: visitDueAt(facts, settings),
          } as Prisma.CustomerUncheckedCreateInput,
        });
        await writeSearchTerms(tx, workspaceId, customer);
        await record(tx, customer.id, "import", diffProfile({}, { ...c.input, code }));
        if (++done % BATCH === 0) progress(done);
      }
      for (const u of updates) {
        const data = Object.fromEntries(u.changes.map((c) => [c.field, u.input[c.field as keyof ProfileInput]]));
        // The next visit falls due by the customer as it will be, in the same write.
        const due = visitDueAt({ ...u.before, ...(data as Partial<CadenceFacts>) }, settings);
        const customer = await tx.customer.update({
          where: { id: u.id },
          data: { ...data, ...(u.ownerId ? { ownerId: u.ownerId } : {}), profileUpdatedAt: ctx.now, visitDueAt: due },
        });
        if (changesSearchKeys(u.changes)) await rewriteSearchTerms(tx, workspaceId, customer);
        await record(tx, u.id, "import", [...u.changes, ...(u.ownerChange ? [u.ownerChange] : [])]);
        if (++done % BATCH === 0) progress(done);
      }
      progress(done);
    },
  };
}

/**
 * The importer for a kind. Orders, payments and expenses stage their rows as the file is read (see
 * ledgerImporter); customers, contacts, plans and budgets, whose files hold one row per customer
 * at most, are planned once every row is in, since a row there may change what an earlier one did.
 */
export function startImport(
  ctx: PlanContext,
  kind: ImportKind,
  options: { defaultCategory: string; allowDuplicates: boolean },
): Importer {
  if ((LEDGER_KINDS as readonly string[]).includes(kind))
    return ledgerImporter(ctx, kind as LedgerKind, options.defaultCategory);
  const rows: ParsedRow[] = [];
  const plan = (): Promise<ImportPlan> => {
    switch (kind) {
      case "customers":
        return planCustomers(ctx, rows, options.allowDuplicates);
      case "contacts":
        return planContacts(ctx, rows);
      default:
        return planTargets(ctx, kind as "plans" | "budgets", rows);
    }
  };
  return {
    async add(batch) {
      rows.push(...batch);
      return [];
    },
    plan,
    async discard() {},
  };
}
