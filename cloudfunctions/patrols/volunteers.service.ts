import { AppError } from '../../shared/errors';
import { PATROL_ERRORS } from '../../shared/patrols';
import { type CallerContext, isOfficeInspector, unitsWhere } from '../_lib/caller';
import { cmd, rowsOf, updatedOf } from '../_lib/cloud';
import { oversees } from '../_lib/refdata';
import { ticketFields } from '../_lib/tickets.repo';
import { type VisitDoc, visits } from './patrols.repo';

/** At most this many observations on one visit. */
export const MAX_NOTES = 20;

/**
 * A volunteer's observation during their visit (服务对象参与巡查). It does not count as a finding until an
 * inspector of the zone's level confirms it (filing it as a finding) or dismisses it.
 */
export async function noteFinding(input: { visitId: string; text: string }, caller: CallerContext, now: Date) {
  const v = rowsOf<VisitDoc>(await visits().where({ _id: input.visitId }).limit(1).get())[0];
  if (!v || v.inspectorId !== caller.id) throw new AppError(PATROL_ERRORS.VISIT_NOT_FOUND, 'no such visit');
  if (v.role !== 'volunteer') throw new AppError(PATROL_ERRORS.NO_VISIT_ROLE, 'only volunteer visits take notes; inspectors file findings');
  const _ = cmd();
  const res = await visits()
    .where({ _id: v._id, [`notes.${MAX_NOTES - 1}`]: _.exists(false) })
    .update({ data: { notes: _.push([{ text: input.text, status: 'pending', at: now }]) } });
  if (updatedOf(res) !== 1) throw new AppError(PATROL_ERRORS.NOTE_DECIDED, 'too many notes on this visit');
  return { visitId: v._id, notes: v.notes.length + 1 };
}

async function inScope(caller: CallerContext, unitId: string): Promise<boolean> {
  if (isOfficeInspector(caller)) return true;
  for (const centre of unitsWhere(caller, 'inspector')) if ((await oversees(centre)).includes(unitId)) return true;
  return false;
}

/** Volunteers' observations waiting for confirmation in the caller's scope (at most 100 visits read). */
export async function pendingNotes(caller: CallerContext) {
  const rows = rowsOf<VisitDoc>(
    await visits().where({ role: 'volunteer', 'notes.status': 'pending' }).orderBy('startedAt', 'desc').limit(100).get(),
  );
  const items: Array<{ visitId: string; index: number; zoneId: string; zoneName: string; text: string; by: string | null; at: Date }> = [];
  for (const v of rows) {
    if (!(await inScope(caller, v.unitId))) continue;
    v.notes.forEach((n, index) => {
      if (n.status === 'pending')
        items.push({ visitId: v._id, index, zoneId: v.zoneId, zoneName: v.zoneName, text: n.text, by: v.inspectorName, at: n.at });
    });
  }
  return { items };
}

/**
 * Confirms a volunteer's observation (the inspector has filed it with tickets.createFinding and names that
 * ticket) or dismisses it. One decision per note: the update is conditional on the note still pending.
 */
export async function confirmNote(
  input: { visitId: string; index: number; decision: 'confirm' | 'dismiss'; ticketId?: string },
  caller: CallerContext,
) {
  const v = rowsOf<VisitDoc>(await visits().where({ _id: input.visitId }).limit(1).get())[0];
  const note = v?.notes[input.index];
  if (!v || !note || v.role !== 'volunteer') throw new AppError(PATROL_ERRORS.VISIT_NOT_FOUND, 'no such note');
  if (!(await inScope(caller, v.unitId))) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'outside your inspection scope');
  if (note.status !== 'pending') throw new AppError(PATROL_ERRORS.NOTE_DECIDED, 'already decided');
  let finding: { ticketId: string; no: string; kind: 'problem' | 'positive' } | null = null;
  if (input.decision === 'confirm') {
    const t = await ticketFields<{ _id: string; no: string; kind: 'problem' | 'positive'; zoneId: string; inspectorId: string | null }>(
      input.ticketId ?? '-',
      { no: true, kind: true, zoneId: true, inspectorId: true },
    );
    if (t?.inspectorId !== caller.id || t.zoneId !== v.zoneId)
      throw new AppError(PATROL_ERRORS.FINDING_MISMATCH, 'not your finding at this zone');
    finding = { ticketId: t._id, no: t.no, kind: t.kind };
  }
  const status: 'confirmed' | 'dismissed' = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
  const _ = cmd();
  const res = await visits()
    .where({ _id: v._id, [`notes.${input.index}.status`]: 'pending' })
    .update({
      data: {
        [`notes.${input.index}.status`]: status,
        [`notes.${input.index}.decidedBy`]: caller.id,
        ...(finding ? { [`notes.${input.index}.ticketId`]: finding.ticketId, findings: _.push([finding]) } : {}),
      },
    });
  if (updatedOf(res) !== 1) throw new AppError(PATROL_ERRORS.NOTE_DECIDED, 'already decided');
  return { visitId: v._id, status };
}
