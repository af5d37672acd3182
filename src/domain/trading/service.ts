import { DomainService } from "../context.js";
import { startOfDayIn, type Month, type Period } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import type { Customer } from "../../db/repositories/customers.js";
import { nextNumber } from "../counters.js";
import { STANDING } from "./entries.js";

export interface OrderInput {
  amount: bigint;
  orderedOn?: Date | undefined;
  product?: string | undefined;
  spec?: string | undefined;
  quantity?: number | undefined;
  settled?: boolean | undefined;
}

/** 进货、回款、销售费用、费用预算与销售计划: the trading data entered from chat. */
export class TradingService extends DomainService {
  /** A day given by the user means that day; no day means now. */
  private when(day: Date | undefined): Date {
    const now = this.now();
    return !day || day.getTime() === startOfDayIn(now, this.timezone).getTime() ? now : day;
  }

  /** Runs a write, then lets the alerts follow what it changed for the customer. */
  private async changing<T>(customer: Customer, write: () => Promise<T>): Promise<T> {
    const result = await write();
    await this.afterChange([customer.id]);
    return result;
  }

  private positive(amount: bigint): void {
    if (amount <= 0n) throw new UserError("trading.amountNotPositive");
  }

  async addOrder(customer: Customer, input: OrderInput) {
    this.positive(input.amount);
    const orderedAt = this.when(input.orderedOn);
    return this.changing(customer, () =>
      this.db.$transaction(async (tx) => {
        const order = await tx.order.create({
          data: {
            workspaceId: this.actor.workspaceId,
            number: await nextNumber(tx, this.actor.workspaceId, "order"),
            customerId: customer.id,
            orderedAt,
            amount: input.amount,
            product: input.product ?? null,
            spec: input.spec ?? null,
            quantity: input.quantity ?? null,
            settled: input.settled ?? false,
            createdAt: this.now(),
          },
        });
        await touchLastOrder(tx, customer.id, orderedAt);
        return { order, outstanding: await outstanding(tx, customer.id) };
      }),
    );
  }

  async addPayment(
    customer: Customer,
    input: { amount: bigint; paidOn?: Date | undefined; note?: string | undefined },
  ) {
    this.positive(input.amount);
    return this.changing(customer, () =>
      this.db.$transaction(async (tx) => {
        const payment = await tx.payment.create({
          data: {
            workspaceId: this.actor.workspaceId,
            number: await nextNumber(tx, this.actor.workspaceId, "payment"),
            customerId: customer.id,
            paidAt: this.when(input.paidOn),
            amount: input.amount,
            note: input.note ?? null,
            createdAt: this.now(),
          },
        });
        return { payment, outstanding: await outstanding(tx, customer.id) };
      }),
    );
  }

  async addExpense(
    customer: Customer,
    input: { amount: bigint; category: string; spentOn?: Date | undefined; note?: string | undefined },
  ) {
    this.positive(input.amount);
    return this.changing(customer, () =>
      this.db.$transaction(async (tx) =>
        tx.expense.create({
          data: {
            workspaceId: this.actor.workspaceId,
            number: await nextNumber(tx, this.actor.workspaceId, "expense"),
            customerId: customer.id,
            spentAt: this.when(input.spentOn),
            category: input.category,
            amount: input.amount,
            note: input.note ?? null,
            createdAt: this.now(),
          },
        }),
      ),
    );
  }

  /** Sets (or replaces) a customer's expense budget for a period; returns the amount it replaced. */
  async setBudget(customer: Customer, period: Period, amount: bigint): Promise<bigint | null> {
    this.positive(amount);
    return this.changing(customer, () =>
      this.db.$transaction(async (tx) => {
        const previous = await tx.expenseBudget.findFirst({
          where: { customerId: customer.id, period },
          select: { amount: true },
        });
        await tx.expenseBudget.upsert({
          where: {
            workspaceId_customerId_period: { workspaceId: this.actor.workspaceId, customerId: customer.id, period },
          },
          create: { workspaceId: this.actor.workspaceId, customerId: customer.id, period, amount },
          update: { amount },
        });
        return previous?.amount ?? null;
      }),
    );
  }

  /** Sets (or replaces) a customer's sales target for a month (进度计划); returns the amount it replaced. */
  async setPlan(customer: Customer, month: Month, amount: bigint): Promise<bigint | null> {
    this.positive(amount);
    return this.changing(customer, () =>
      this.db.$transaction(async (tx) => {
        const previous = await tx.salesPlan.findFirst({
          where: { customerId: customer.id, month },
          select: { amount: true },
        });
        await tx.salesPlan.upsert({
          where: {
            workspaceId_customerId_month: { workspaceId: this.actor.workspaceId, customerId: customer.id, month },
          },
          create: { workspaceId: this.actor.workspaceId, customerId: customer.id, month, amount },
          update: { amount },
        });
        return previous?.amount ?? null;
      }),
    );
  }
}

/** 外欠款: all orders less all payments, leaving out those voided. */
export async function outstanding(db: WorkspaceDb | WorkspaceTx, customerId: number): Promise<bigint> {
  const [orders, payments] = await Promise.all([
    db.order.aggregate({ where: { customerId, ...STANDING }, _sum: { amount: true } }),
    db.payment.aggregate({ where: { customerId, ...STANDING }, _sum: { amount: true } }),
  ]);
  return (orders._sum.amount ?? 0n) - (payments._sum.amount ?? 0n);
}

/** Keeps the customer's last order date, which the churn rule and the card read. */
export async function touchLastOrder(tx: WorkspaceTx, customerId: number, orderedAt: Date): Promise<void> {
  await tx.customer.updateMany({
    where: { id: customerId, OR: [{ lastOrderAt: null }, { lastOrderAt: { lt: orderedAt } }] },
    data: { lastOrderAt: orderedAt },
  });
}
