import { z } from 'zod';
import { Id } from '../../shared/common';
import { AppError } from '../../shared/errors';
import { ESCALATION_ERRORS } from '../../shared/escalation';
import { relationsTo } from '../../shared/tickets';
import type { PersonDoc } from '../_lib/caller';
import { now } from '../_lib/clock';
import { COLLECTIONS, cloud, cmd, db, rowsOf } from '../_lib/cloud';
import { LIB_ERRORS, TICKET_SERVICE_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { deliverDue, deliveriesOf } from '../_lib/outbox';
import { allUnits, settings, unit } from '../_lib/refdata';
import { getTicket } from '../_lib/tickets.repo';
import { emptyStats, sweepAutoVerify, sweepEscalations, sweepHandover } from './sweep';

/** Stop starting new batches this long before the 60 s function timeout. */
const BUDGET_MS = 50_000;

/**
 * One timer run (every minute, config.json): hands off-duty people's tickets over, runs the escalation ladder
 * and the other timed rules, auto-verifies reports, then sends the notices owed (the outbox).
 */
async function sweep() {
  const started = Date.now();
  const at = now();
  const stats = emptyStats();
  try {
    await sweepHandover(at, started + BUDGET_MS, stats);
    await sweepEscalations(at, started + BUDGET_MS, stats);
    await sweepAutoVerify(at, started + BUDGET_MS, stats);
    await deliverDue(at, started + BUDGET_MS, stats.delivery);
    stats.notified = stats.delivery.sent;
    logger.info('escalation sweep', { ...stats, ms: Date.now() - started });
    return { code: 0 as const, data: stats };
  } catch (e) {
    logger.error('escalation sweep failed', { error: e, ...stats });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}

/** One configuration gap: an escalation level whose recipients do not exist. */
export interface RecipientGap {
  code: typeof ESCALATION_ERRORS.NO_RECIPIENT;
  levelId: string;
  notify: 'unitManager' | 'office';
  unitId: string;
  unitName: string;
}

/**
 * What an admin checks before relying on the ladder: every level that notifies the office needs a manager in
 * an office unit, and every unit needs a manager for the "overdue" level. Two bounded reads.
 */
export async function recipientCheck(): Promise<{ ok: boolean; gaps: RecipientGap[] }> {
  const _ = cmd();
  const [cfg, units] = await Promise.all([settings('tickets'), allUnits()]);
  const managers = rowsOf<PersonDoc>(
    await db()
      .collection(COLLECTIONS.people)
      .where({ 'roles.role': 'manager', active: _.neq(false) })
      .limit(1000)
      .get(),
  );
  const managed = new Set(managers.flatMap((p) => p.roles.flatMap((r) => (r.role === 'manager' ? [r.unitId] : []))));
  const byId = new Map(units.map((u) => [u._id, u]));
  // A contractor without a manager escalates to its overseeing centre's managers (see the sweep's `recipients`).
  const reached = (u: (typeof units)[number]) =>
    managed.has(u._id) || (u.kind === 'contractor' && !!u.parentId && managed.has(byId.get(u.parentId)?._id ?? ''));
  const gaps: RecipientGap[] = [];
  for (const level of cfg.escalationLevels) {
    if (level.notify === 'assignee') continue;
    const concerned = units.filter((u) => (level.notify === 'office' ? u.kind === 'office' : u.kind !== 'office'));
    const missing =
      level.notify === 'office' ? (concerned.some((u) => managed.has(u._id)) ? [] : concerned) : concerned.filter((u) => !reached(u));
    for (const u of missing)
      gaps.push({ code: ESCALATION_ERRORS.NO_RECIPIENT, levelId: level.id, notify: level.notify, unitId: u._id, unitName: u.name });
  }
  return { ok: gaps.length === 0, gaps };
}

/** Client actions: the delivery record of a ticket's notices, and the admins' recipient check. */
export const ACTIONS = {
  deliveries: action({
    input: z.strictObject({ ticketId: Id }),
    roles: ['manager', 'inspector', 'admin'],
    handler: async ({ input, caller }) => {
      const ticket = await getTicket(input.ticketId);
      const roles = relationsTo(ticket, caller, await unit(ticket.unitId));
      if (!roles.some((r) => r === 'unitManager' || r === 'admin' || r === 'inspectorInScope')) {
        throw new AppError(TICKET_SERVICE_ERRORS.NOT_FOUND, 'no such ticket');
      }
      return { ticketId: ticket._id, items: await deliveriesOf(ticket._id) };
    },
  }),
  recipientCheck: action({ input: z.strictObject({}), roles: ['admin'], handler: () => recipientCheck() }),
} satisfies Record<string, AnyAction>;

const clientMain = createHandler('escalation', ACTIONS);

/**
 * The timer runs the sweep; the mini-program may call the actions above (an event with `action`). A client
 * event without an action is refused: only the timer sweeps.
 */
export async function main(event: unknown, context?: unknown) {
  const source = cloud.getWXContext().SOURCE;
  if (source === 'wx_trigger') return sweep();
  if (event && typeof event === 'object' && 'action' in event) return clientMain(event, context);
  return { code: LIB_ERRORS.WRONG_SOURCE, message: 'escalation runs only from its timer' };
}
