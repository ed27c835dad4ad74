import {
  addDays,
  chooseLeastCovered,
  complianceDelta,
  complianceIncrement,
  type OccurrenceState,
  occurrenceKey,
  SELF_CHECK_ITEMS,
  type Slot,
  samplePeriods,
  sampleSlot,
  slotsAt,
  sweepEvent,
  transition,
} from '../../shared/patrols';
import { shanghaiDate } from '../../shared/time/shanghai';
import { COLLECTIONS, cmd, rowsOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { scanAll } from '../_lib/scan';
import { runTx, type Tx, txGet } from '../_lib/tx';
import {
  coverageTerms,
  ensureCoverageDocs,
  incrementInTx,
  insertOnce,
  type OccurrenceDoc,
  occurrences,
  type PlanDoc,
  samples,
  type ZoneLite,
} from './patrols.repo';
import { sampleWeights } from './targets';

/** Occurrences one run creates at most; the rest wait for the next hourly run (the report says so). */
export const MAX_CREATE_PER_RUN = 5000;
/** Occurrences one run moves (open / missed) at most. */
export const MAX_SWEEP_PER_RUN = 2000;
/** Days ahead, after today, that occurrences are created for. */
export const HORIZON_DAYS = 1;
/** The name the built-in daily self-check shows. */
export const SELF_CHECK_PLAN = 'self-check';

export interface TimerReport {
  created: number;
  existing: number;
  /** Slots skipped because the zone is closed then are simply not generated; these are zones without hours. */
  zonesWithoutHours: number;
  plans: number;
  opened: number;
  missed: number;
  /** True when a cap stopped the run early; the next run continues where this one stopped. */
  capped: boolean;
  note: string;
}

const ZONE_FIELDS = { name: true, unitId: true, sceneId: true, serviceHours: true, responsible: true, path: true, active: true };

function occurrenceDoc(
  base: Pick<OccurrenceDoc, 'planId' | 'planName' | 'kind' | 'level' | 'surprise' | 'ownerId'>,
  zone: ZoneLite,
  slot: Slot,
  assigneeIds: string[],
  key: string,
  now: Date,
): OccurrenceDoc {
  return {
    ...base,
    _id: key,
    key,
    zoneId: zone._id,
    zoneName: zone.name,
    unitId: zone.unitId,
    slotKey: slot.key,
    date: slot.date,
    startAt: slot.startAt,
    dueAt: slot.dueAt,
    missAt: slot.missAt,
    assigneeIds,
    state: now.getTime() >= slot.startAt.getTime() ? 'open' : 'upcoming',
    visitId: null,
    excuse: null,
    history: [{ at: now, event: 'create', by: 'system' }],
    createdAt: now,
  };
}

/** The occurrences a plan should have from `from` to `to` at its zones (not yet those already stored). */
async function planOccurrences(plan: PlanDoc, zones: ZoneLite[], from: string, to: string, now: Date): Promise<OccurrenceDoc[]> {
  const base = {
    planId: plan._id,
    planName: plan.name,
    kind: 'plan' as const,
    level: plan.level,
    surprise: plan.mode === 'surprise',
    ownerId: plan.ownerId,
  };
  const fan = (zone: ZoneLite, slot: Slot): OccurrenceDoc[] =>
    plan.assignees.mode === 'all'
      ? plan.assignees.personIds.map((p) => occurrenceDoc(base, zone, slot, [p], occurrenceKey(plan._id, zone._id, slot.key, p), now))
      : [occurrenceDoc(base, zone, slot, plan.assignees.personIds, occurrenceKey(plan._id, zone._id, slot.key), now)];
  const withHours = zones.filter((z) => z.serviceHours && Object.values(z.serviceHours).some((d) => d.length > 0));
  const out: OccurrenceDoc[] = [];
  if (plan.recurrence.freq !== 'sample') {
    for (const z of withHours) for (const s of slotsAt(plan, z.serviceHours, from, to)) if (s.missAt > now) out.push(...fan(z, s));
    return out;
  }
  const { per, count } = plan.recurrence;
  for (const period of samplePeriods(per, from, to)) {
    const eligible = withHours.filter((z) => {
      const s = sampleSlot(plan, z.serviceHours, period);
      return s && s.missAt > now;
    });
    if (eligible.length === 0) continue;
    // The draw is claimed once per plan and period, so a re-run (with newer weights) draws nothing new.
    const claimId = `${plan._id}~${period}`;
    let chosen = rowsOf<{ zoneIds: string[] }>(await samples().where({ _id: claimId }).limit(1).get())[0]?.zoneIds;
    if (!chosen) {
      const weights = await sampleWeights(eligible, period);
      const seed = `${plan.seed}:${period}`;
      const draw = chooseLeastCovered(
        eligible.map((z) => ({ id: z._id, visits: weights.get(z._id) ?? 0 })),
        count,
        seed,
      );
      const claimed = await insertOnce(COLLECTIONS.patrolSamples, { _id: claimId, planId: plan._id, period, seed, zoneIds: draw, at: now });
      chosen = claimed ? draw : (rowsOf<{ zoneIds: string[] }>(await samples().where({ _id: claimId }).limit(1).get())[0]?.zoneIds ?? []);
    }
    for (const id of chosen) {
      const z = eligible.find((x) => x._id === id);
      const s = z && sampleSlot(plan, z.serviceHours, period);
      if (z && s) out.push(...fan(z, s));
    }
  }
  return out;
}

/** Each responsible person's daily self-check of each zone they answer for, on days the zone is open. */
function selfChecks(zones: ZoneLite[], from: string, to: string, now: Date): OccurrenceDoc[] {
  const out: OccurrenceDoc[] = [];
  const plan = {
    recurrence: { freq: 'daily' as const },
    window: { kind: 'service' as const },
    graceMinutes: 0,
    startDate: from,
  };
  for (const z of zones) {
    if (!z.serviceHours || !z.responsible?.primary) continue;
    const people = [z.responsible.primary, ...(z.responsible.backup ? [z.responsible.backup] : [])];
    for (const s of slotsAt(plan, z.serviceHours, from, to)) {
      if (s.missAt <= now) continue;
      out.push(
        occurrenceDoc(
          { planId: SELF_CHECK_PLAN, planName: '每日自查', kind: 'selfCheck', level: 'self', surprise: false, ownerId: null },
          z,
          s,
          people,
          occurrenceKey(SELF_CHECK_PLAN, z._id, s.key),
          now,
        ),
      );
    }
  }
  return out;
}

/** Inserts the docs not stored yet (a batched existence read, then one insert each; a duplicate is someone else's). */
async function insertMissing(docs: OccurrenceDoc[], budget: number): Promise<{ created: number; existing: number; capped: boolean }> {
  const _ = cmd();
  let created = 0;
  let existing = 0;
  for (let i = 0; i < docs.length; i += 100) {
    const batch = docs.slice(i, i + 100);
    const have = new Set(
      rowsOf<{ _id: string }>(
        await occurrences()
          .where({ _id: _.in(batch.map((d) => d._id)) })
          .field({ _id: true })
          .limit(batch.length)
          .get(),
      ).map((d) => d._id),
    );
    const todo = batch.filter((d) => !have.has(d._id));
    existing += batch.length - todo.length;
    if (created + todo.length > budget) return { created, existing, capped: true };
    const results = await Promise.all(todo.map((d) => insertOnce(COLLECTIONS.patrolOccurrences, d as unknown as Record<string, unknown>)));
    for (const r of results) r ? created++ : existing++;
  }
  return { created, existing, capped: false };
}

/** Moves one occurrence by a system event, with its compliance increment, in one transaction (exactly once). */
export async function applyEvent(
  id: string,
  event: 'open' | 'miss' | 'excuse',
  actor: 'system' | 'owner',
  by: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<OccurrenceDoc | null> {
  let moved: OccurrenceDoc | null = null;
  const terms = await coverageTerms();
  const before = rowsOf<OccurrenceDoc>(await occurrences().where({ _id: id }).limit(1).get())[0];
  if (before)
    await ensureCoverageDocs(complianceIncrement(before, complianceDelta(before.state, transition(before.state, event, actor)), terms));
  await runTx(async (tx: Tx) => {
    const o = await txGet<OccurrenceDoc>(tx, COLLECTIONS.patrolOccurrences, id);
    if (!o) return;
    const to: OccurrenceState = transition(o.state, event, actor);
    const delta = complianceIncrement(o, complianceDelta(o.state, to), terms);
    await tx
      .collection(COLLECTIONS.patrolOccurrences)
      .doc(id)
      .update({ data: { state: to, ...extra, history: cmd().push([{ at: now, event, by }]) } });
    await incrementInTx(tx, delta);
    moved = { ...o, state: to };
  });
  return moved;
}

/** Opens occurrences whose window began and marks missed those whose grace is over (capped per run). */
async function sweep(now: Date): Promise<{ opened: number; missed: number; capped: boolean }> {
  const _ = cmd();
  const due = rowsOf<OccurrenceDoc>(
    await occurrences()
      .where({ state: _.in(['upcoming', 'open']), missAt: _.lte(now) })
      .orderBy('missAt', 'asc')
      .field({ _id: true, state: true, startAt: true, missAt: true })
      .limit(1000)
      .get(),
  );
  let missed = 0;
  for (const o of due) {
    if (missed >= MAX_SWEEP_PER_RUN) break;
    if (sweepEvent(o, now) !== 'miss') continue;
    try {
      if (await applyEvent(o._id, 'miss', 'system', 'system', now)) missed++;
    } catch (e) {
      // A visit began meanwhile: the transition no longer exists, which is the right outcome.
      logger.info('occurrence not missed', { id: o._id, error: String(e) });
    }
  }
  const res = await occurrences()
    .where({ state: 'upcoming', startAt: _.lte(now), missAt: _.gt(now) })
    .update({ data: { state: 'open' } });
  const opened = (res as { stats?: { updated?: number } }).stats?.updated ?? 0;
  return { opened, missed, capped: due.length === 1000 };
}

/**
 * The hourly timer: sweeps due occurrences, then creates occurrences ahead for today and tomorrow
 * (Shanghai) for every active plan and every zone's daily self-check. Idempotent on (plan, zone, slot):
 * the occurrence's `_id` is that key, so a re-run creates nothing. At most `maxCreate` are created per run;
 * when the cap stops it, the report says `capped` and the next run continues.
 */
export async function runTimer(now: Date, maxCreate = MAX_CREATE_PER_RUN): Promise<TimerReport> {
  const swept = await sweep(now);
  const today = shanghaiDate(now);
  const to = addDays(today, HORIZON_DAYS);
  const zones = await scanAll<ZoneLite>(COLLECTIONS.zones, {}, '_id', ZONE_FIELDS);
  const active = zones.filter((z) => z.active !== false);
  const byId = new Map(active.map((z) => [z._id, z]));
  const plans = (await scanAll<PlanDoc>(COLLECTIONS.patrolPlans, { status: 'active' }, '_id')).filter(
    (p) => p.startDate <= to && (!p.endDate || p.endDate >= today),
  );
  let created = 0;
  let existing = 0;
  let capped = swept.capped;
  const selfDocs = selfChecks(active, today, to, now);
  const r0 = await insertMissing(selfDocs, maxCreate);
  created += r0.created;
  existing += r0.existing;
  capped ||= r0.capped;
  let done = 0;
  for (const plan of plans) {
    if (capped) break;
    const targets =
      plan.targets.kind === 'zones'
        ? plan.targets.zoneIds.flatMap((id) => byId.get(id) ?? [])
        : active.filter(
            (z) => z._id === (plan.targets as { rootId: string }).rootId || z.path?.includes((plan.targets as { rootId: string }).rootId),
          );
    const docs = await planOccurrences(plan, targets, today, to, now);
    const r = await insertMissing(docs, maxCreate - created);
    created += r.created;
    existing += r.existing;
    capped ||= r.capped;
    if (!r.capped) done++;
  }
  const zonesWithoutHours = active.filter((z) => !z.serviceHours || !Object.values(z.serviceHours).some((d) => d.length > 0)).length;
  const note = capped
    ? `stopped at the cap of ${maxCreate} occurrences (or ${MAX_SWEEP_PER_RUN} sweeps); ${plans.length - done} plans continue next run`
    : 'complete';
  return { created, existing, zonesWithoutHours, plans: plans.length, opened: swept.opened, missed: swept.missed, capped, note };
}

/** The checklist of an occurrence's visit: the plan's items, or the built-in self-check. */
export const selfCheckItems = () => SELF_CHECK_ITEMS;
