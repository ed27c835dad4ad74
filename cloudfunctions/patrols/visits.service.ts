import { AppError, isAppError } from '../../shared/errors';
import {
  type ChecklistItem,
  complianceDelta,
  complianceIncrement,
  finishEvent,
  OCCURRENCE_TRANSITIONS,
  PATROL_ERRORS,
  type RollupIncrement,
  SELF_CHECK_ITEMS,
  transition,
  type VisitRole,
  visitIncrements,
} from '../../shared/patrols';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, rowsOf } from '../_lib/cloud';
import { zoneById, zoneByScene } from '../_lib/refdata';
import { isDuplicateKey, ticketFields } from '../_lib/tickets.repo';
import { runTx, type Tx, txGet } from '../_lib/tx';
import {
  coverageTerms,
  ensureCoverageDocs,
  incrementInTx,
  type OccurrenceDoc,
  occurrences,
  type PlanDoc,
  plans,
  type VisitDoc,
  type VisitItem,
  visits,
} from './patrols.repo';
import { visitRoleFor } from './scope';

/** A visit longer than this counts towards coverage only for its first hours (a forgotten "end" covers no more). */
export const MAX_VISIT_MS = 4 * 3_600_000;

const itemsOf = (check: readonly ChecklistItem[], negative: readonly ChecklistItem[]): VisitItem[] => [
  ...check.map((i) => ({ ...i, list: 'check' as const, result: null })),
  ...negative.map((i) => ({ ...i, list: 'negative' as const, result: null })),
];

async function zoneForScene(sceneId: string) {
  try {
    return await zoneByScene(sceneId);
  } catch (e) {
    if (isAppError(e)) throw new AppError(PATROL_ERRORS.UNKNOWN_SCENE, 'no zone has this code');
    throw e;
  }
}

export async function getOccurrence(id: string): Promise<OccurrenceDoc | null> {
  return rowsOf<OccurrenceDoc>(await occurrences().where({ _id: id }).limit(1).get())[0] ?? null;
}

/** Whether the caller may see an occurrence: a surprise is hidden from all but its assignees and owner until it starts. */
export const maySee = (o: OccurrenceDoc, caller: CallerContext): boolean =>
  !o.surprise || o.visitId !== null || o.assigneeIds.includes(caller.id) || o.ownerId === caller.id || caller.globalRoles.has('admin');

const visitView = (v: VisitDoc) => ({
  _id: v._id,
  zoneId: v.zoneId,
  zoneName: v.zoneName,
  occurrenceId: v.occurrenceId,
  role: v.role,
  state: v.state,
  startedAt: v.startedAt,
  endedAt: v.endedAt,
  items: v.items,
  findings: v.findings,
  notes: v.notes,
  inspectorName: v.inspectorName,
});

/**
 * Starts a visit by scanning the zone's QR poster (the scene id students scan). With an occurrence, the code
 * must be that occurrence's zone and the caller one of its assignees; the occurrence moves to `visiting` in
 * the same transaction that inserts the visit, so a second scan finds it started. Without one, the caller's
 * capacity (office, centre, volunteer, self-check) comes from their roles; one open visit per person and zone.
 */
export async function startVisit(input: { sceneId: string; occurrenceId?: string }, caller: CallerContext, now: Date) {
  const zone = await zoneForScene(input.sceneId);
  let role: VisitRole;
  let items: VisitItem[];
  let occ: OccurrenceDoc | null = null;
  if (input.occurrenceId) {
    occ = await getOccurrence(input.occurrenceId);
    if (!occ || !maySee(occ, caller)) throw new AppError(PATROL_ERRORS.OCCURRENCE_NOT_FOUND, 'no such occurrence');
    if (!occ.assigneeIds.includes(caller.id)) throw new AppError(PATROL_ERRORS.NOT_ASSIGNEE, 'not your patrol');
    if (occ.zoneId !== zone._id)
      throw new AppError(PATROL_ERRORS.WRONG_ZONE, 'this code belongs to another zone', { expected: occ.zoneName, scanned: zone.name });
    if (occ.visitId) throw new AppError(PATROL_ERRORS.ALREADY_STARTED, 'this patrol was already started', { visitId: occ.visitId });
    role = occ.level;
    if (occ.kind === 'selfCheck') items = itemsOf(SELF_CHECK_ITEMS, []);
    else {
      const plan = rowsOf<PlanDoc>(await plans().where({ _id: occ.planId }).limit(1).get())[0];
      items = plan ? itemsOf(plan.checklist, plan.negativeList) : itemsOf(SELF_CHECK_ITEMS, []);
    }
  } else {
    const r = await visitRoleFor(caller, zone.unitId);
    if (!r) throw new AppError(PATROL_ERRORS.NO_VISIT_ROLE, 'you cannot patrol this zone');
    role = r;
    items = itemsOf(SELF_CHECK_ITEMS, []);
  }
  const id = newId(now);
  const visit: VisitDoc = {
    _id: id,
    zoneId: zone._id,
    zoneName: zone.name,
    unitId: zone.unitId,
    sceneId: zone.sceneId,
    occurrenceId: occ?._id ?? null,
    planId: occ?.planId ?? null,
    inspectorId: caller.id,
    inspectorName: caller.name,
    role,
    state: 'open',
    openKey: occ ? `${occ._id}` : `${caller.id}~${zone._id}`,
    startedAt: now,
    endedAt: null,
    items,
    note: null,
    findings: [],
    notes: [],
    requestId: null,
  };
  try {
    await runTx(async (tx: Tx) => {
      if (occ) {
        const fresh = await txGet<OccurrenceDoc>(tx, COLLECTIONS.patrolOccurrences, occ._id);
        if (!fresh) throw new AppError(PATROL_ERRORS.OCCURRENCE_NOT_FOUND, 'no such occurrence');
        if (fresh.visitId) throw new AppError(PATROL_ERRORS.ALREADY_STARTED, 'this patrol was already started', { visitId: fresh.visitId });
        const to = transition(fresh.state, 'begin', 'assignee');
        await tx
          .collection(COLLECTIONS.patrolOccurrences)
          .doc(occ._id)
          .update({ data: { state: to, visitId: id, history: cmd().push([{ at: now, event: 'begin', by: caller.id }]) } });
      }
      await tx.collection(COLLECTIONS.patrolVisits).add({ data: visit as unknown as Record<string, unknown> });
    });
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError(PATROL_ERRORS.ALREADY_STARTED, 'you already have an open visit here');
    throw e;
  }
  return { visit: visitView(visit) };
}

async function ownVisit(visitId: string, caller: CallerContext): Promise<VisitDoc> {
  const v = rowsOf<VisitDoc>(await visits().where({ _id: visitId }).limit(1).get())[0];
  if (!v || v.inspectorId !== caller.id) throw new AppError(PATROL_ERRORS.VISIT_NOT_FOUND, 'no such visit');
  return v;
}

export async function getVisit(visitId: string, caller: CallerContext) {
  return { visit: visitView(await ownVisit(visitId, caller)) };
}

/**
 * Ends a visit with a result for every checklist item. In one transaction: the visit is closed, its
 * occurrence finishes on time or late, and the coverage and compliance rollups are incremented, so the
 * numbers never drift from the records and a retry adds nothing (the second call finds the visit ended).
 */
export async function endVisit(
  input: { visitId: string; results: Record<string, 'pass' | 'fail' | 'na'>; note?: string },
  caller: CallerContext,
  now: Date,
) {
  const v = await ownVisit(input.visitId, caller);
  if (v.state === 'ended') throw new AppError(PATROL_ERRORS.VISIT_ENDED, 'the visit has ended');
  const ids = v.items.map((i) => i.id);
  const missing = ids.filter((id) => !input.results[id]);
  const unknown = Object.keys(input.results).filter((k) => !ids.includes(k));
  if (missing.length > 0 || unknown.length > 0)
    throw new AppError(PATROL_ERRORS.CHECKLIST_INCOMPLETE, 'every item needs a result', { missing, unknown });
  const zone = await zoneById(v.zoneId);
  const endedAt = new Date(Math.min(now.getTime(), v.startedAt.getTime() + MAX_VISIT_MS));
  const terms = await coverageTerms();
  const incs: RollupIncrement[] = visitIncrements({ ...v, endedAt }, zone.serviceHours, terms);
  const occ = v.occurrenceId ? await getOccurrence(v.occurrenceId) : null;
  const finish = occ ? finishEvent(occ.dueAt, v.startedAt) : null;
  const occInc =
    occ && finish
      ? complianceIncrement(occ, complianceDelta(occ.state, OCCURRENCE_TRANSITIONS.visiting[finish]?.to ?? occ.state), terms)
      : [];
  await ensureCoverageDocs([...incs, ...occInc]);
  const items = v.items.map((i) => ({ ...i, result: input.results[i.id] }));
  await runTx(async (tx: Tx) => {
    const fresh = await txGet<VisitDoc>(tx, COLLECTIONS.patrolVisits, v._id);
    if (!fresh || fresh.state === 'ended') throw new AppError(PATROL_ERRORS.VISIT_ENDED, 'the visit has ended');
    await tx
      .collection(COLLECTIONS.patrolVisits)
      .doc(v._id)
      .update({ data: { state: 'ended', endedAt: now, items, note: input.note ?? null, openKey: v._id } });
    if (occ && finish) {
      const o = await txGet<OccurrenceDoc>(tx, COLLECTIONS.patrolOccurrences, occ._id);
      if (o && o.state === 'visiting') {
        const to = transition(o.state, finish, 'assignee');
        await tx
          .collection(COLLECTIONS.patrolOccurrences)
          .doc(o._id)
          .update({ data: { state: to, history: cmd().push([{ at: now, event: finish, by: caller.id }]) } });
        await incrementInTx(tx, occInc);
      }
    }
    await incrementInTx(tx, incs);
  });
  const failed = items.filter((i) => i.result === 'fail').length;
  const outcome: 'doneLate' | 'doneOnTime' | null = finish === 'finishLate' ? 'doneLate' : occ ? 'doneOnTime' : null;
  return {
    visitId: v._id,
    endedAt: now,
    failed,
    findings: v.findings.length,
    outcome,
  };
}

/**
 * Links a finding or positive example filed during the visit (tickets.createFinding, unchanged) to the visit:
 * it must be the caller's own finding at the visit's zone.
 */
export async function linkFinding(input: { visitId: string; ticketId: string }, caller: CallerContext) {
  const v = await ownVisit(input.visitId, caller);
  const t = await ticketFields<{
    _id: string;
    no: string;
    kind: 'problem' | 'positive';
    zoneId: string;
    inspectorId: string | null;
    source: string;
  }>(input.ticketId, { no: true, kind: true, zoneId: true, inspectorId: true, source: true });
  if (!t || t.source !== 'finding' || t.inspectorId !== caller.id || t.zoneId !== v.zoneId)
    throw new AppError(PATROL_ERRORS.FINDING_MISMATCH, 'not your finding at this zone');
  if (!v.findings.some((f) => f.ticketId === t._id)) {
    await visits()
      .doc(v._id)
      .update({ data: { findings: cmd().push([{ ticketId: t._id, no: t.no, kind: t.kind }]) } });
  }
  return { visitId: v._id, findings: v.findings.length + (v.findings.some((f) => f.ticketId === t._id) ? 0 : 1) };
}
