import { dueLevels, type EscalationLevel, nextCheckAt } from '../../shared/escalation';
import { SYSTEM_ACTOR, transition } from '../../shared/tickets';
import type { PersonDoc } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { type Message, notifyAll } from '../_lib/notify';
import { officeUnitIds, settings, zoneById } from '../_lib/refdata';
import { claimTransition, type TicketDoc } from '../_lib/tickets.repo';

/** Largest page CloudBase returns to a cloud function. */
export const BATCH = 1000;
/** Conditional updates in flight at once. */
const CONCURRENCY = 100;

export interface SweepStats {
  read: number;
  escalated: number;
  rescheduled: number;
  lostRaces: number;
  autoVerified: number;
  notified: number;
  batches: number;
  timedOut: boolean;
}

const tickets = () => db().collection(COLLECTIONS.tickets);

/**
 * Runs `fn` over `items`, `size` at a time, starting no new chunk once `deadline` (ms) has passed, so
 * a sweep stops within one chunk's time of its budget rather than one batch's. What it leaves stays
 * due (nextCheckAt unchanged) and the next minute's sweep takes it.
 */
async function inChunks<T, R>(items: readonly T[], size: number, deadline: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length && Date.now() < deadline; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** People by id and the managers of units, read once per batch (two bounded queries). */
async function recipients(batch: readonly TicketDoc[]) {
  const _ = cmd();
  const people = db().collection(COLLECTIONS.people);
  const assigneeIds = [...new Set(batch.map((t) => t.assigneeId).filter((x): x is string => !!x))];
  const unitIds = [...new Set(batch.map((t) => t.unitId))];
  const office = await officeUnitIds();
  const [assignees, managers] = await Promise.all([
    assigneeIds.length
      ? rowsOf<PersonDoc>(
          await people
            .where({ _id: _.in(assigneeIds) })
            .limit(BATCH)
            .get(),
        )
      : [],
    rowsOf<PersonDoc>(
      await people
        .where({ 'roles.unitId': _.in([...unitIds, ...office]) })
        .limit(BATCH)
        .get(),
    ),
  ]);
  const byId = new Map(assignees.map((p) => [p._id, p]));
  const managersOf = (unitId: string) => managers.filter((p) => p.roles.some((r) => r.role === 'manager' && r.unitId === unitId));
  return {
    assignee: (t: TicketDoc) => (t.assigneeId ? byId.get(t.assigneeId) : undefined),
    managersOf,
    office: () => office.flatMap(managersOf),
  };
}

/**
 * Escalates the tickets due for a check at `now`: reads them through the `nextCheckAt` index (closed and
 * paused tickets have `nextCheckAt: null` and are never read), a batch of up to 1000 at a time, fires every
 * level now due through the state machine, and claims each ticket with a version-conditional write before
 * notifying. A concurrent or re-run sweep that read the same ticket loses the write and notifies nobody,
 * so each level fires exactly once. A crash between the claim and the notification loses that notification
 * (at most once), never duplicates it.
 */
export async function sweepEscalations(now: Date, deadline: number, stats: SweepStats): Promise<void> {
  const _ = cmd();
  const cfg = await settings('tickets');
  const levels = cfg.escalationLevels;
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const batch = rowsOf<TicketDoc>(
      await tickets()
        .where({ nextCheckAt: _.lte(now) })
        .orderBy('nextCheckAt', 'asc')
        .field({ history: false })
        .limit(BATCH)
        .get(),
    );
    stats.batches++;
    stats.read += batch.length;
    const fresh = batch.filter((t) => !seen.has(`${t._id}@${t.version}`));
    if (fresh.length === 0) break;
    for (const t of fresh) seen.add(`${t._id}@${t.version}`);
    const who = await recipients(fresh);
    const messages: Message[] = [];
    await inChunks(fresh, CONCURRENCY, deadline, async (ticket) => {
      const t = { ...ticket, history: [] };
      const env = { hours: (await zoneById(t.zoneId)).serviceHours, deadlineRules: cfg.deadlineRules, escalationLevels: levels };
      const due = dueLevels(t.clock, env.hours, t.escalationLevelsFired, now, levels);
      // With nothing due (hours or levels changed since it was scheduled), record nothing: just reschedule.
      const next =
        due.length > 0
          ? transition(t, { event: 'escalate', levelIds: due.map((l) => l.id) }, SYSTEM_ACTOR, now, env)
          : { ...t, nextCheckAt: null as Date | null };
      if (due.length === 0) {
        next.nextCheckAt = nextCheckAt(t.clock, env.hours, t.escalationLevelsFired, levels);
        if (next.nextCheckAt && next.nextCheckAt <= now) next.nextCheckAt = new Date(now.getTime() + 60_000);
        next.version = t.version + 1;
      }
      if (!(await claimTransition(t, next))) {
        stats.lostRaces++;
        return;
      }
      if (due.length === 0) {
        stats.rescheduled++;
        return;
      }
      stats.escalated++;
      for (const level of due) messages.push(...messagesFor(ticket, level, who));
    });
    stats.notified += await notifyAll(messages);
    if (batch.length < BATCH) break;
  }
  if (Date.now() >= deadline) stats.timedOut = true;
}

function messagesFor(t: TicketDoc, level: EscalationLevel, who: Awaited<ReturnType<typeof recipients>>): Message[] {
  const targets =
    level.notify === 'assignee'
      ? [who.assignee(t)].filter((p) => !!p)
      : level.notify === 'unitManager'
        ? who.managersOf(t.unitId)
        : who.office();
  return targets.map((p) => ({
    touser: (p as PersonDoc).openid,
    template: 'escalation' as const,
    ticketId: t._id,
    fields: { character_string1: t.no, thing2: level.id },
  }));
}

/** Verifies reports whose reporter did not answer within 24 hours of rectification, and closes them. */
export async function sweepAutoVerify(now: Date, deadline: number, stats: SweepStats): Promise<void> {
  const _ = cmd();
  const cfg = await settings('tickets');
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const batch = rowsOf<TicketDoc>(
      await tickets()
        .where({ autoVerifyAt: _.lte(now), state: 'rectified' })
        .orderBy('autoVerifyAt', 'asc')
        .field({ history: false })
        .limit(BATCH)
        .get(),
    );
    stats.batches++;
    const fresh = batch.filter((t) => !seen.has(t._id));
    if (fresh.length === 0) break;
    for (const t of fresh) seen.add(t._id);
    await inChunks(fresh, CONCURRENCY, deadline, async (ticket) => {
      const t = { ...ticket, history: [] };
      const env = {
        hours: (await zoneById(t.zoneId)).serviceHours,
        deadlineRules: cfg.deadlineRules,
        escalationLevels: cfg.escalationLevels,
      };
      try {
        const verified = transition(t, { event: 'autoVerify' }, SYSTEM_ACTOR, now, env);
        const closed = transition(verified, { event: 'close' }, SYSTEM_ACTOR, now, env);
        if (await claimTransition(t, closed)) stats.autoVerified++;
        else stats.lostRaces++;
      } catch (e) {
        logger.warn('auto-verify skipped', { ticketId: t._id, error: e });
      }
    });
    if (batch.length < BATCH) break;
  }
}
