import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import {
  checkYield,
  chooseLeastCovered,
  PATROL_ERRORS,
  type PatrolPlan,
  type PlanFields,
  type PlanStatus,
  samplePeriods,
  sampleSlot,
} from '../../shared/patrols';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { allUnits } from '../_lib/refdata';
import { type PlanDoc, plans, type ZoneLite } from './patrols.repo';
import { mayPlan } from './scope';
import { sampleWeights, targetZones } from './targets';

const STATUS_MOVES: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export async function getPlan(planId: string): Promise<PlanDoc> {
  const plan = rowsOf<PlanDoc>(await plans().where({ _id: planId }).limit(1).get())[0];
  if (!plan) throw new AppError(PATROL_ERRORS.PLAN_NOT_FOUND, 'no such plan');
  return plan;
}

const assertMayPlan = (caller: CallerContext, p: Pick<PlanFields, 'level' | 'centreId'>) => {
  if (!mayPlan(caller, p.level, p.centreId)) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'you may not plan at this level');
};

/** Validates targets and the yield (something, not too much) of a plan's fields; returns a year's occurrence count. */
async function validate(fields: PlanFields): Promise<{ zones: ZoneLite[]; perYear: number }> {
  const zones = await targetZones(fields.targets);
  return { zones, perYear: checkYield(fields, zones) };
}

/** Creates a plan (a draft) or replaces one's fields (optimistic on `version`). */
export async function savePlan(input: { planId?: string; version?: number; fields: PlanFields }, caller: CallerContext, now: Date) {
  assertMayPlan(caller, input.fields);
  const { perYear, zones } = await validate(input.fields);
  if (!input.planId) {
    const doc: PatrolPlan = {
      ...input.fields,
      _id: newId(now),
      status: 'draft',
      seed: randomBytes(6).toString('hex'),
      ownerId: caller.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: caller.id,
    };
    await plans().add({ data: doc });
    return { plan: doc, perYear, zones: zones.length };
  }
  const before = await getPlan(input.planId);
  assertMayPlan(caller, before);
  if (before.status === 'ended') throw new AppError(PATROL_ERRORS.PLAN_STATUS, 'an ended plan cannot change');
  const res = await plans()
    .where({ _id: before._id, version: input.version ?? -1 })
    .update({ data: { ...input.fields, version: cmd().inc(1), updatedAt: now, updatedBy: caller.id } });
  if (updatedOf(res) !== 1) throw new AppError(PATROL_ERRORS.PLAN_STALE, 'the plan changed since it was read');
  return { plan: await getPlan(before._id), perYear, zones: zones.length };
}

export async function setPlanStatus(input: { planId: string; status: PlanStatus; version: number }, caller: CallerContext, now: Date) {
  const before = await getPlan(input.planId);
  assertMayPlan(caller, before);
  if (!STATUS_MOVES[before.status].includes(input.status))
    throw new AppError(PATROL_ERRORS.PLAN_STATUS, `${before.status} → ${input.status}`, { from: before.status, to: input.status });
  // Activating re-checks the targets: zones may have lost their hours since the plan was saved.
  if (input.status === 'active') await validate(before);
  const res = await plans()
    .where({ _id: before._id, version: input.version, status: before.status })
    .update({ data: { status: input.status, version: cmd().inc(1), updatedAt: now, updatedBy: caller.id } });
  if (updatedOf(res) !== 1) throw new AppError(PATROL_ERRORS.PLAN_STALE, 'the plan changed since it was read');
  return { plan: await getPlan(before._id) };
}

/** Plans the caller may edit, newest first (at most 100: a programme has tens). */
export async function listPlans(caller: CallerContext) {
  const rows = rowsOf<PlanDoc>(await plans().orderBy('updatedAt', 'desc').limit(100).get());
  return { items: rows.filter((p) => mayPlan(caller, p.level, p.centreId)) };
}

/**
 * Replays a sample draw: which zones `seed` chooses for `period`, with the weights the draw used
 * (visits in the four weeks before the period). Same seed, same inputs, same zones.
 */
export async function previewSample(input: { planId: string; period: string; seed?: string }, caller: CallerContext) {
  const plan = await getPlan(input.planId);
  assertMayPlan(caller, plan);
  if (plan.recurrence.freq !== 'sample') throw new AppError(PATROL_ERRORS.PLAN_STATUS, 'not a sample plan');
  const zones = (await targetZones(plan.targets)).filter((z) => sampleSlot(plan, z.serviceHours, input.period));
  const weights = await sampleWeights(zones, input.period);
  const seed = input.seed ?? `${plan.seed}:${input.period}`;
  const chosen = chooseLeastCovered(
    zones.map((z) => ({ id: z._id, visits: weights.get(z._id) ?? 0 })),
    plan.recurrence.count,
    seed,
  );
  return {
    seed,
    chosen,
    weights: Object.fromEntries(weights),
    periods: samplePeriods(plan.recurrence.per, plan.startDate, plan.startDate),
  };
}

/** What the plan editor offers: the caller's own id, the centres, and the inspectors who can be assigned. */
export async function planOptions(caller: CallerContext) {
  const units = await allUnits();
  const people = rowsOf<{ _id: string; name: string; roles: Array<{ role: string; level?: string; unitId?: string }>; active?: boolean }>(
    await db()
      .collection(COLLECTIONS.people)
      .where({ 'roles.role': 'inspector' })
      .field({ name: true, roles: true, active: true })
      .limit(200)
      .get(),
  );
  return {
    me: caller.id,
    centres: units.filter((u) => u.kind === 'centre').map((u) => ({ _id: u._id, name: u.name })),
    inspectors: people
      .filter((p) => p.active !== false)
      .map((p) => {
        const b = p.roles.find((r) => r.role === 'inspector');
        return { _id: p._id, name: p.name, level: (b?.level ?? 'office') as 'office' | 'centre', centreId: b?.unitId ?? null };
      }),
  };
}
