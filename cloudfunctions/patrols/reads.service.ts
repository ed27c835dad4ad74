import { AppError } from '../../shared/errors';
import { addDays, PATROL_ERRORS } from '../../shared/patrols';
import { shanghaiDate } from '../../shared/time/shanghai';
import { type CallerContext, isAdmin } from '../_lib/caller';
import { cmd, rowsOf } from '../_lib/cloud';
import { applyEvent } from './occurrences.timer';
import { type OccurrenceDoc, occurrences, type PlanDoc, plans, type VisitDoc, visits } from './patrols.repo';
import { managedUnits, mayPlan } from './scope';
import { getOccurrence, maySee } from './visits.service';

const occurrenceView = (o: OccurrenceDoc) => ({
  _id: o._id,
  planId: o.planId,
  planName: o.planName,
  kind: o.kind,
  level: o.level,
  surprise: o.surprise,
  zoneId: o.zoneId,
  zoneName: o.zoneName,
  unitId: o.unitId,
  date: o.date,
  startAt: o.startAt,
  dueAt: o.dueAt,
  missAt: o.missAt,
  state: o.state,
  visitId: o.visitId,
  excuse: o.excuse,
});
export type OccurrenceView = ReturnType<typeof occurrenceView>;

/** The caller's patrols and self-checks of today and tomorrow, plus anything of theirs still open, by start time. */
export async function myToday(caller: CallerContext, now: Date) {
  const _ = cmd();
  const today = shanghaiDate(now);
  const [dated, pending] = await Promise.all([
    occurrences()
      .where({ assigneeIds: caller.id, date: _.in([today, addDays(today, 1)]) })
      .orderBy('startAt', 'asc')
      .limit(100)
      .get(),
    occurrences()
      .where({ assigneeIds: caller.id, state: _.in(['open', 'visiting']) })
      .orderBy('startAt', 'asc')
      .limit(100)
      .get(),
  ]);
  const seen = new Map<string, OccurrenceDoc>();
  for (const o of [...rowsOf<OccurrenceDoc>(dated), ...rowsOf<OccurrenceDoc>(pending)]) seen.set(o._id, o);
  const items = [...seen.values()].sort((a, b) => a.startAt.getTime() - b.startAt.getTime()).map(occurrenceView);
  return { today, items };
}

/** Whether the caller may excuse an occurrence: its plan's editors, its owner, an admin, or (self-checks) the unit's manager. */
async function mayExcuse(o: OccurrenceDoc, caller: CallerContext): Promise<boolean> {
  if (isAdmin(caller) || o.ownerId === caller.id) return true;
  if (o.kind === 'selfCheck') return (await managedUnits(caller)).includes(o.unitId);
  const plan = rowsOf<PlanDoc>(await plans().where({ _id: o.planId }).limit(1).get())[0];
  return !!plan && mayPlan(caller, plan.level, plan.centreId);
}

/** Excuses an occurrence (upcoming, open or missed) with a reason; who and when are recorded with it. */
export async function excuse(input: { occurrenceId: string; reason: string }, caller: CallerContext, now: Date) {
  const o = await getOccurrence(input.occurrenceId);
  if (!o || !maySee(o, caller)) throw new AppError(PATROL_ERRORS.OCCURRENCE_NOT_FOUND, 'no such occurrence');
  if (!(await mayExcuse(o, caller))) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'you may not excuse this patrol');
  const moved = await applyEvent(o._id, 'excuse', 'owner', caller.id, now, {
    excuse: { reason: input.reason, by: caller.id, byName: caller.name, at: now },
  });
  return { occurrence: moved ? occurrenceView({ ...moved, excuse: { reason: input.reason, by: caller.id, at: now } }) : null };
}

/**
 * The missed / excused register of a period: managers see their units' (missed self-checks included); office
 * staff, inspectors, leaders and admins see everything. A surprise that never started stays hidden from the unit.
 */
export async function register(input: { from: string; to: string; unitId?: string; offset: number }, caller: CallerContext) {
  const _ = cmd();
  const wide = ['admin', 'leader', 'inspector'].some((r) => caller.globalRoles.has(r as never));
  const units = wide ? null : await managedUnits(caller);
  if (units && input.unitId && !units.includes(input.unitId)) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'not your unit');
  const unitFilter = input.unitId ? { unitId: input.unitId } : units ? { unitId: _.in(units) } : {};
  const rows = rowsOf<OccurrenceDoc>(
    await occurrences()
      .where({ ...unitFilter, state: _.in(['missed', 'excused']), date: _.gte(input.from).and(_.lte(input.to)) })
      .orderBy('date', 'desc')
      .orderBy('_id', 'asc')
      .skip(input.offset)
      .limit(51)
      .get(),
  );
  const items = rows.slice(0, 50).filter((o) => maySee(o, caller) || wide);
  return { items: items.map(occurrenceView), nextOffset: rows.length > 50 ? input.offset + 50 : null };
}

/** Visits of both levels at a zone or a unit (联动: each level sees the other's visits and findings), newest first. */
export async function visitLog(input: { zoneId?: string; unitId?: string; from: string; to: string }, caller: CallerContext) {
  const _ = cmd();
  const wide = ['admin', 'leader', 'inspector'].some((r) => caller.globalRoles.has(r as never));
  const units = wide ? null : await managedUnits(caller);
  const filter: Record<string, unknown> = input.zoneId ? { zoneId: input.zoneId } : input.unitId ? { unitId: input.unitId } : {};
  if (units) filter.unitId = input.unitId && units.includes(input.unitId) ? input.unitId : _.in(units);
  const range = {
    startedAt: _.gte(new Date(`${input.from}T00:00:00+08:00`)).and(_.lt(new Date(`${addDays(input.to, 1)}T00:00:00+08:00`))),
  };
  const rows = rowsOf<VisitDoc>(
    await visits()
      .where({ ...filter, ...range })
      .orderBy('startedAt', 'desc')
      .limit(50)
      .get(),
  );
  return {
    items: rows.map((v) => ({
      _id: v._id,
      zoneName: v.zoneName,
      role: v.role,
      inspectorName: v.inspectorName,
      startedAt: v.startedAt,
      endedAt: v.endedAt,
      failed: v.items.filter((i) => i.result === 'fail').length,
      findings: v.findings,
      pendingNotes: v.notes.filter((n) => n.status === 'pending').length,
    })),
  };
}
