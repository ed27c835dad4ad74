import {
  ESCALATION_ERRORS,
  type EscalationLevel,
  followersToTell,
  pauseAccountAfter,
  type TimerRules,
  timerCheckAt,
  timerStep,
} from '../../shared/escalation';
import { SYSTEM_ACTOR, type Ticket, type TransitionEnv, transition } from '../../shared/tickets';
import type { PersonDoc } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { crashPoint } from '../_lib/faults';
import { logger } from '../_lib/logger';
import { claimWithNotices, type DeliveryStats, type NoticeDoc, noticeFor } from '../_lib/outbox';
import { withQuotaRetry } from '../_lib/quota';
import { allUnits, chooseAssignee, officeUnitIds, settings, staffing, zoneById } from '../_lib/refdata';
import type { TicketDoc } from '../_lib/tickets.repo';

/** Largest page CloudBase returns to a cloud function. */
export const BATCH = 1000;
/** Conditional updates in flight at once. */
/**
 * Claims in flight at once. CloudBase's basic plan allows 20 database connections (and a small request rate) per
 * environment, shared with every other function: 10 leaves room for people's own requests, and a refusal over
 * quota is retried with backoff (`withQuotaRetry`) rather than failing the claim. A larger plan may raise it.
 */
const CONCURRENCY = Number(process.env.ESCALATION_CONCURRENCY ?? 10);

/** A sweep's coded warning: something configured so that a notice can reach nobody. */
export interface SweepWarning {
  code: typeof ESCALATION_ERRORS.NO_RECIPIENT;
  ticketId: string;
  levelId: string;
  audience: string;
}

export interface SweepStats {
  read: number;
  escalated: number;
  repeated: number;
  pauseCapped: number;
  verifyReminded: number;
  handedOver: number;
  rescheduled: number;
  lostRaces: number;
  /** Tickets whose claim failed (database error): nothing was written for them; the next run retries them. */
  claimErrors: number;
  autoVerified: number;
  /** Notices written to the outbox with their claims. */
  queued: number;
  notified: number;
  delivery: DeliveryStats;
  warnings: SweepWarning[];
  batches: number;
  timedOut: boolean;
}

export const emptyStats = (): SweepStats => ({
  read: 0,
  escalated: 0,
  repeated: 0,
  pauseCapped: 0,
  verifyReminded: 0,
  handedOver: 0,
  rescheduled: 0,
  lostRaces: 0,
  claimErrors: 0,
  autoVerified: 0,
  queued: 0,
  notified: 0,
  delivery: { sent: 0, failed: 0, retrying: 0, interrupted: 0 },
  warnings: [],
  batches: 0,
  timedOut: false,
});

/** Warnings kept in one sweep's result (the log has every one). */
const MAX_WARNINGS = 50;

/** What the timer stores on a ticket besides the domain's fields (shared/escalation/timer.rules.ts). */
type TimerDoc = TicketDoc & {
  pause?: { since: Date | null; usedMs: number } | null;
  repeatRemindedAt?: Date | null;
  verifyRemindedAt?: Date | null;
};

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

type Who = Awaited<ReturnType<typeof recipients>>;

/**
 * People by id (assignees, inspectors) and the managers of units, read once per batch (two bounded queries).
 * A unit's managers are its own, or, for a contractor without one, those of the centre overseeing it (who may
 * act on its tickets too, see `relationsTo`).
 */
async function recipients(batch: readonly TicketDoc[]) {
  const _ = cmd();
  const people = db().collection(COLLECTIONS.people);
  const ids = [...new Set(batch.flatMap((t) => [t.assigneeId, t.inspectorId]).filter((x): x is string => !!x))];
  const units = new Map((await allUnits()).map((u) => [u._id, u]));
  const parentOf = (unitId: string) => units.get(unitId)?.parentId ?? null;
  const unitIds = [...new Set(batch.flatMap((t) => [t.unitId, parentOf(t.unitId)]).filter((x): x is string => !!x))];
  const office = await officeUnitIds();
  const [byIdRows, managers] = await Promise.all([
    ids.length
      ? rowsOf<PersonDoc>(
          await people
            .where({ _id: _.in(ids) })
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
  const byId = new Map(byIdRows.map((p) => [p._id, p]));
  const ownManagers = (unitId: string) => managers.filter((p) => p.roles.some((r) => r.role === 'manager' && r.unitId === unitId));
  const managersOf = (unitId: string) => {
    const own = ownManagers(unitId);
    const parent = units.get(unitId)?.kind === 'contractor' ? parentOf(unitId) : null;
    return own.length > 0 || !parent ? own : ownManagers(parent);
  };
  return {
    person: (id: string | null) => (id ? byId.get(id) : undefined),
    managersOf,
    office: () => office.flatMap(ownManagers),
  };
}

/** zh-CN wording of a level in a message, by whom it notifies (level ids are configuration, not text). */
const LEVEL_WORDS: Record<EscalationLevel['notify'], string> = {
  assignee: '整改时限已过半',
  unitManager: '整改已超时',
  office: '整改严重超时，请督办',
};

const targetsOf = (t: TicketDoc, notify: EscalationLevel['notify'], who: Who): PersonDoc[] =>
  notify === 'assignee'
    ? [who.person(t.assigneeId)].filter((p): p is PersonDoc => !!p)
    : notify === 'unitManager'
      ? who.managersOf(t.unitId)
      : who.office();

/**
 * The notices one step owes, keyed by the claim's version so a re-run of the same step (after a lost race,
 * on a newer version) never collides, and a retried transaction writes the same ids. A level with nobody to
 * notify yields one NO_RECIPIENT notice (recorded as failed) and a coded warning.
 */
function owe(
  t: TicketDoc,
  version: number,
  cause: string,
  audience: string,
  targets: PersonDoc[],
  template: NoticeDoc['template'],
  thing2: string,
  now: Date,
  stats: SweepStats,
): NoticeDoc[] {
  const base = { ticket: t, key: `v${version}|${cause}`, cause, audience, template, fields: { character_string1: t.no, thing2 }, now };
  if (targets.length === 0) {
    const warning: SweepWarning = { code: ESCALATION_ERRORS.NO_RECIPIENT, ticketId: t._id, levelId: cause, audience };
    if (stats.warnings.length < MAX_WARNINGS) stats.warnings.push(warning);
    logger.warn('escalation level has no recipient', { ...warning });
    return [noticeFor({ ...base, recipient: null })];
  }
  return targets.map((p) => noticeFor({ ...base, recipient: p }));
}

/** The next timer check of a ticket after the sweep's write; a past instant becomes a minute from now. */
function schedule(t: TimerDoc, env: TransitionEnv, rules: TimerRules, now: Date): Date | null {
  const at = timerCheckAt(t, env.hours, env.escalationLevels ?? [], rules);
  return at && at <= now ? new Date(now.getTime() + 60_000) : at;
}

/** What the sweep writes for one due ticket: the new ticket, the extra stored fields and the notices owed. */
function planFor(
  ticket: TimerDoc,
  env: TransitionEnv,
  rules: TimerRules,
  who: Who,
  now: Date,
  stats: SweepStats,
): { next: Ticket; extra: Record<string, unknown>; owed: NoticeDoc[]; kind: string } {
  const t: TimerDoc = { ...ticket, history: [] };
  const levels = env.escalationLevels ?? [];
  const step = timerStep(t, now, env.hours, levels, rules);
  const v = t.version + 1;
  switch (step.kind) {
    case 'escalate': {
      const next = transition(t, { event: 'escalate', levelIds: step.levels.map((l) => l.id) }, SYSTEM_ACTOR, now, env);
      const owed = step.levels.flatMap((l) =>
        owe(t, v, l.id, l.notify, targetsOf(t, l.notify, who), 'escalation', LEVEL_WORDS[l.notify], now, stats),
      );
      return { next: { ...next, nextCheckAt: schedule({ ...t, ...next }, env, rules, now) }, extra: {}, owed, kind: 'escalated' };
    }
    case 'repeatLastLevel': {
      const l = step.level;
      const next = transition(t, { event: 'escalate', levelIds: [l.id] }, SYSTEM_ACTOR, now, env);
      const owed = owe(
        t,
        v,
        `repeat:${l.id}`,
        l.notify,
        targetsOf(t, l.notify, who),
        'escalation',
        `仍未整改：${LEVEL_WORDS[l.notify]}`,
        now,
        stats,
      );
      const stored = { ...t, ...next, repeatRemindedAt: now };
      return {
        next: { ...next, nextCheckAt: schedule(stored, env, rules, now) },
        extra: { repeatRemindedAt: now },
        owed,
        kind: 'repeated',
      };
    }
    case 'pauseCap': {
      const next = transition(t, { event: 'resume' }, SYSTEM_ACTOR, now, env);
      const pause = pauseAccountAfter(t, next, now, rules);
      const owed = owe(t, v, 'pauseCap', 'unitManager', who.managersOf(t.unitId), 'managerAlert', '暂停超过上限，已恢复计时', now, stats);
      return {
        next: { ...next, nextCheckAt: schedule({ ...t, ...next, pause }, env, rules, now) },
        extra: { pause },
        owed,
        kind: 'pauseCapped',
      };
    }
    case 'verifyReminder': {
      const inspector = who.person(t.inspectorId);
      const owed = owe(t, v, 'verifyReminder', 'inspector', inspector ? [inspector] : [], 'rectified', '整改已完成，请复核', now, stats);
      const stored = { ...t, verifyRemindedAt: now };
      const next = { ...t, version: v, updatedAt: now, nextCheckAt: schedule(stored, env, rules, now) };
      return { next, extra: { verifyRemindedAt: now }, owed, kind: 'verifyReminded' };
    }
    case 'none':
      return { next: { ...t, version: v, nextCheckAt: schedule(t, env, rules, now) }, extra: {}, owed: [], kind: 'rescheduled' };
  }
}

/**
 * Runs the timer on the tickets due for a check at `now` (read through the `nextCheckAt` index, a batch of up
 * to 1000 at a time): escalation levels, the daily repeat of the last level, the pause cap, the reminder to
 * verify a finding. Each ticket is claimed with its notices in one transaction conditional on the version read
 * (`claimWithNotices`): a concurrent or re-run sweep that read the same ticket writes nothing, so each step
 * happens once, and a notice is owed exactly when its step happened. A ticket whose claim fails is counted and
 * left due; the others of the batch go on. The outbox then sends what is owed (`deliverDue`).
 */
export async function sweepEscalations(now: Date, deadline: number, stats: SweepStats): Promise<void> {
  const _ = cmd();
  const cfg = await settings('tickets');
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const batch = rowsOf<TimerDoc>(
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
    await inChunks(fresh, CONCURRENCY, deadline, async (ticket) => {
      try {
        const env: TransitionEnv = {
          hours: (await zoneById(ticket.zoneId)).serviceHours,
          deadlineRules: cfg.deadlineRules,
          escalationLevels: cfg.escalationLevels,
        };
        const plan = planFor(ticket, env, cfg.timer, who, now, stats);
        const claimed = await withQuotaRetry(() => claimWithNotices({ ...ticket, history: [] }, plan.next, plan.extra, plan.owed), {
          deadline,
        });
        if (!claimed) {
          stats.lostRaces++;
          return;
        }
        crashPoint('escalation.afterClaim');
        stats[plan.kind as 'escalated' | 'repeated' | 'pauseCapped' | 'verifyReminded' | 'rescheduled']++;
        stats.queued += plan.owed.filter((n) => n.state === 'pending').length;
      } catch (e) {
        stats.claimErrors++;
        logger.error('escalation claim failed; the ticket stays due', { ticketId: ticket._id, error: e });
      }
    });
    if (batch.length < BATCH) break;
  }
  if (Date.now() >= deadline) stats.timedOut = true;
}

/** Open states in which a ticket is somebody's task and can be handed over by the system. */
const HANDOVER_STATES = ['assigned', 'accepted', 'paused', 'rework'];

/**
 * Hands the open tickets of people who are off duty to whoever `chooseAssignee` picks for the zone now (the
 * backup when on duty, else the unit's manager), one ticket at a time, each a `reassign` by the system in the
 * ticket's history, written with its notice to the new assignee in one transaction. A ticket for which nobody
 * else is on duty stays where it is. Tickets waiting for the office (coordinating) are left to the office.
 */
export async function sweepHandover(now: Date, deadline: number, stats: SweepStats): Promise<void> {
  const _ = cmd();
  const cfg = await settings('tickets');
  const offDuty = rowsOf<PersonDoc>(
    await db().collection(COLLECTIONS.people).where({ onDuty: false }).field({ _id: true }).limit(BATCH).get(),
  );
  if (offDuty.length === 0) return;
  const open = rowsOf<TimerDoc>(
    await tickets()
      .where({ assigneeId: _.in(offDuty.map((p) => p._id)), state: _.in(HANDOVER_STATES) })
      .field({ history: false })
      .limit(BATCH)
      .get(),
  );
  await inChunks(open, CONCURRENCY, deadline, async (ticket) => {
    try {
      const zone = await zoneById(ticket.zoneId);
      // The staffing cache may predate the duty change; the off-duty list just read is the truth.
      const away = new Set(offDuty.map((p) => p._id));
      const fresh = (p: PersonDoc | null) => (p && away.has(p._id) ? { ...p, onDuty: false } : p);
      const cached = await staffing(zone);
      const staff = {
        primary: fresh(cached.primary),
        backup: fresh(cached.backup),
        managers: cached.managers.map((m) => fresh(m) as PersonDoc),
      };
      const to = chooseAssignee(zone, staff);
      if (to === null || to === ticket.assigneeId) return;
      const t = { ...ticket, history: [] };
      const env: TransitionEnv = { hours: zone.serviceHours, deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels };
      const next = transition(t, { event: 'reassign', assigneeId: to, reason: '原负责人不在岗，系统转交备岗人员' }, SYSTEM_ACTOR, now, env);
      const pause = pauseAccountAfter(t, next, now, cfg.timer);
      const target = [staff.primary, staff.backup, ...staff.managers].find((p) => p?._id === to) ?? null;
      const owed = owe(
        t,
        next.version,
        'handover',
        'assignee',
        target ? [target] : [],
        'assigned',
        '原负责人不在岗，已转交给您',
        now,
        stats,
      );
      const scheduled = { ...next, nextCheckAt: schedule({ ...t, ...next, pause }, env, cfg.timer, now) };
      if (await withQuotaRetry(() => claimWithNotices(t, scheduled, { pause }, owed), { deadline })) {
        stats.handedOver++;
        stats.queued += owed.filter((n) => n.state === 'pending').length;
      } else stats.lostRaces++;
    } catch (e) {
      stats.claimErrors++;
      logger.error('handover failed; retried next run', { ticketId: ticket._id, error: e });
    }
  });
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
        // The people who "+1"-ed the report are told it is fixed (never named in the delivery record).
        const owed = followersToTell(t, closed).map((openid) =>
          noticeFor({
            ticket: t,
            key: `v${closed.version}|followers`,
            cause: 'closedForFollowers',
            audience: 'follower',
            recipient: { _id: openid, openid, name: null },
            template: 'rectified',
            fields: { character_string1: t.no, thing2: '您关注的问题已整改完成' },
            now,
          }),
        );
        if (await withQuotaRetry(() => claimWithNotices(t, closed, {}, owed), { deadline })) {
          stats.autoVerified++;
          stats.queued += owed.length;
        } else stats.lostRaces++;
      } catch (e) {
        logger.warn('auto-verify skipped', { ticketId: t._id, error: e });
      }
    });
    if (batch.length < BATCH) break;
  }
}
