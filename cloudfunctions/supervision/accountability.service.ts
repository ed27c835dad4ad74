import { z } from 'zod';
import {
  ACCOUNTABILITY_ACTIONS,
  ACCOUNTABILITY_ERRORS,
  type CaseEvent,
  type CaseState,
  checkAction,
  FIX_LOOKBACK_DAYS,
  fixedBefore,
  nextCaseState,
  proposals,
  STRIKE_KINDS,
  type Strike,
  type StrikeKind,
  type StrikeTicket,
  SUBJECT_TYPES,
  type SubjectType,
  strikesOf,
  verifiedAt,
} from '../../shared/accountability';
import { Id, Text } from '../../shared/common';
import { AppError } from '../../shared/errors';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { afterCursor, Cursor, PAGE_SIZE, pageFrom, withCursor } from '../_lib/page';
import { allUnits, namesOf } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';
import { isDuplicateKey, ticketsByIds, ticketsChangedSince, ticketsOfZoneCategory } from '../_lib/tickets.repo';
import { accountabilitySettings } from './settings';

const DAY_MS = 86_400_000;
/** The first sweep looks this far back; later sweeps start where the last one ended (less a day of overlap). */
const FIRST_LOOKBACK_DAYS = 60;
const WATERMARK = 'accountability-sweep';

/** A strike as stored: which case of each subject type has taken it ('' while none). */
export type StrikeDoc = Strike & { unitCaseId: string; zoneCaseId: string; personCaseId: string };
const caseField = (t: SubjectType) => `${t}CaseId` as const;

export interface CaseDoc {
  _id: string;
  key: string;
  kind: StrikeKind;
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  strikeIds: string[];
  ticketIds: string[];
  ticketNos: string[];
  state: CaseState;
  reason: string | null;
  action: { kind: (typeof ACCOUNTABILITY_ACTIONS)[number]; points?: number; note: string } | null;
  history: Array<{ at: Date; by: string; byName: string; event: CaseEvent | 'propose'; note?: string }>;
  createdAt: Date;
}

const TICKET_FIELDS = {
  _id: true,
  no: true,
  kind: true,
  unitId: true,
  zoneId: true,
  assigneeId: true,
  createdAt: true,
  held: true,
  repeat: true,
  history: true,
  updatedAt: true,
  categoryCode: true,
  state: true,
};

/**
 * 屡改屡犯 for new tickets without a verified repeat link (the repeat window has passed, or the linked ticket was
 * not verified): when the ticket before each, of the same zone and category within `FIX_LOOKBACK_DAYS`, was verified
 * fixed (`fixedBefore`). One bounded read per zone and category among the new tickets.
 */
async function fixedBeforeUnlinked(fresh: StrikeTicket[], now: Date): Promise<Map<string, Date>> {
  const groups = new Map<string, StrikeTicket[]>();
  for (const t of fresh) {
    if (t.kind !== 'problem' || t.held || !t.categoryCode) continue;
    const key = `${t.zoneId}|${t.categoryCode}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const out = new Map<string, Date>();
  for (const group of groups.values()) {
    const first = Math.min(...group.map((t) => t.createdAt.getTime()));
    const from = new Date(first - FIX_LOOKBACK_DAYS * DAY_MS);
    const earlier: StrikeTicket[] = [];
    const { zoneId, categoryCode } = group[0];
    for await (const page of ticketsOfZoneCategory<StrikeTicket>(zoneId, categoryCode as string, from, now, TICKET_FIELDS)) {
      earlier.push(...page);
    }
    for (const t of group) {
      const at = fixedBefore(t, earlier);
      if (at) out.set(t._id, at);
    }
  }
  return out;
}

/** Strikes of the tickets changed since the last sweep, inserted once each (deterministic ids). */
async function deriveStrikes(now: Date): Promise<number> {
  const wm = rowsOf<{ lastAt: Date }>(await db().collection(COLLECTIONS.counters).where({ _id: WATERMARK }).limit(1).get())[0];
  const since = wm ? new Date(wm.lastAt.getTime() - DAY_MS) : new Date(now.getTime() - FIRST_LOOKBACK_DAYS * DAY_MS);
  const tickets: Array<StrikeTicket & { updatedAt: Date }> = [];
  for await (const page of ticketsChangedSince<StrikeTicket & { updatedAt: Date }>(since, TICKET_FIELDS, now)) tickets.push(...page);
  const earlierIds = [...new Set(tickets.flatMap((t) => (t.repeat ? [t.repeat.ofTicketId] : [])))];
  const earlier = new Map<string, Date | null>();
  const earlierDocs = await ticketsByIds<{ _id: string; history: StrikeTicket['history'] }>(earlierIds, { _id: true, history: true });
  for (const t of earlierDocs.values()) earlier.set(t._id, verifiedAt(t));
  const linked = (t: StrikeTicket) => (t.repeat ? (earlier.get(t.repeat.ofTicketId) ?? null) : null);
  const fixed = await fixedBeforeUnlinked(
    tickets.filter((t) => t.createdAt >= since && !linked(t)),
    now,
  );
  const strikes = tickets.flatMap((t) => strikesOf(t, linked(t) ?? fixed.get(t._id) ?? null));
  let added = 0;
  for (let i = 0; i < strikes.length; i += 100) {
    const batch = strikes.slice(i, i + 100);
    const _ = cmd();
    const have = new Set(
      rowsOf<{ _id: string }>(
        await db()
          .collection(COLLECTIONS.strikes)
          .where({ _id: _.in(batch.map((s) => s._id)) })
          .field({ _id: true })
          .limit(100)
          .get(),
      ).map((s) => s._id),
    );
    for (const s of batch.filter((x) => !have.has(x._id))) {
      try {
        const doc: StrikeDoc = { ...s, unitCaseId: '', zoneCaseId: '', personCaseId: '' };
        await db().collection(COLLECTIONS.strikes).add({ data: doc });
        added++;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
  }
  const mark = { lastAt: now };
  if (wm) await db().collection(COLLECTIONS.counters).where({ _id: WATERMARK }).update({ data: mark });
  else {
    try {
      await db()
        .collection(COLLECTIONS.counters)
        .add({ data: { _id: WATERMARK, ...mark } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return added;
}

async function subjectNames(t: SubjectType, ids: string[]): Promise<Map<string, string>> {
  if (t === 'unit') return new Map((await allUnits()).map((u) => [u._id, u.name]));
  return namesOf(t === 'zone' ? COLLECTIONS.zones : COLLECTIONS.people, ids);
}

/** Proposes a case for every subject at the threshold; the unique key makes a retried proposal a no-op. */
async function proposeCases(now: Date): Promise<number> {
  const s = await accountabilitySettings();
  const _ = cmd();
  const since = new Date(now.getTime() - s.windowDays * DAY_MS);
  let proposed = 0;
  for (const t of SUBJECT_TYPES) {
    const uncovered = await scanAll<StrikeDoc>(COLLECTIONS.strikes, { at: _.gte(since), [caseField(t)]: '' }, 'at');
    const list = proposals(uncovered, t, now, s);
    const names = await subjectNames(
      t,
      list.map((p) => p.subjectId),
    );
    for (const p of list) {
      const byId = new Map(uncovered.map((k) => [k._id, k]));
      const doc: CaseDoc = {
        _id: newId(now),
        ...p,
        subjectName: names.get(p.subjectId) ?? p.subjectId,
        ticketNos: [...new Set(p.strikeIds.map((id) => byId.get(id)?.ticketNo ?? ''))],
        state: 'proposed',
        reason: null,
        action: null,
        history: [{ at: now, by: 'system', byName: '系统', event: 'propose' }],
        createdAt: now,
      };
      let caseId = doc._id;
      try {
        await db().collection(COLLECTIONS.accountabilityCases).add({ data: doc });
        proposed++;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        caseId = rowsOf<{ _id: string }>(await db().collection(COLLECTIONS.accountabilityCases).where({ key: p.key }).limit(1).get())[0]
          ._id;
      }
      await db()
        .collection(COLLECTIONS.strikes)
        .where({ _id: _.in(p.strikeIds), [caseField(t)]: '' })
        .update({ data: { [caseField(t)]: caseId } });
    }
  }
  return proposed;
}

/** The nightly accountability work: strikes from ticket history, then cases at the threshold. */
export async function sweepAccountability(now: Date) {
  const strikes = await deriveStrikes(now);
  const cases = await proposeCases(now);
  if (strikes || cases) logger.info('accountability sweep', { strikes, cases });
  return { strikes, cases };
}

/** The three counters of every subject of a type within the window ending now, highest first (bounded by the window). */
export async function counters(subjectType: SubjectType, now: Date) {
  const s = await accountabilitySettings();
  const _ = cmd();
  const since = new Date(now.getTime() - s.windowDays * DAY_MS);
  const strikes = await scanAll<StrikeDoc>(COLLECTIONS.strikes, { at: _.gte(since) }, 'at', {
    kind: true,
    unitId: true,
    zoneId: true,
    personId: true,
  });
  const rows = new Map<string, Record<StrikeKind, number>>();
  for (const k of strikes) {
    const id = subjectType === 'unit' ? k.unitId : subjectType === 'zone' ? k.zoneId : k.personId;
    if (!id) continue;
    const r = rows.get(id) ?? { notRectified: 0, repeatFound: 0, repeatAfterFix: 0 };
    r[k.kind]++;
    rows.set(id, r);
  }
  const names = await subjectNames(subjectType, [...rows.keys()]);
  const items = [...rows].map(([id, c]) => ({
    subjectId: id,
    name: names.get(id) ?? id,
    ...c,
    total: STRIKE_KINDS.reduce((n, k) => n + c[k], 0),
  }));
  items.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
  return { subjectType, windowDays: s.windowDays, threshold: s.threshold, items: items.slice(0, 200) };
}

export const CaseListRequest = z.strictObject({
  state: z.enum(['proposed', 'confirmed', 'dismissed', 'closed']).optional(),
  cursor: Cursor.optional(),
});

export async function listCases(input: z.output<typeof CaseListRequest>) {
  const where = withCursor(input.state ? { state: input.state } : null, afterCursor(input.cursor, 'createdAt', 'date', 'desc'));
  const res = await db()
    .collection(COLLECTIONS.accountabilityCases)
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .field({ history: false, strikeIds: false })
    .limit(PAGE_SIZE + 1)
    .get();
  return pageFrom(rowsOf<Omit<CaseDoc, 'history' | 'strikeIds'>>(res), (c) => c.createdAt);
}

export async function getCase(id: string): Promise<CaseDoc> {
  const c = rowsOf<CaseDoc>(await db().collection(COLLECTIONS.accountabilityCases).where({ _id: id }).limit(1).get())[0];
  if (!c) throw new AppError(ACCOUNTABILITY_ERRORS.CASE_NOT_FOUND, 'no such case');
  return c;
}

export const DecideRequest = z.strictObject({ caseId: Id, decision: z.enum(['confirm', 'dismiss']), reason: Text(300) });
export const CloseRequest = z.strictObject({
  caseId: Id,
  action: z.strictObject({ kind: z.enum(ACCOUNTABILITY_ACTIONS), points: z.number().positive().max(100).optional(), note: Text(300) }),
});

/**
 * One step of a case, conditional on the state read (`where state = before`): of two leaders confirming at
 * once, one wins and the other gets ACCOUNTABILITY.INVALID_TRANSITION, as does confirming a confirmed case.
 */
async function step(caseId: string, event: CaseEvent, caller: CallerContext, now: Date, patch: Record<string, unknown>, note: string) {
  const c = await getCase(caseId);
  const to = nextCaseState(c.state, event);
  const _ = cmd();
  const entry = { at: now, by: caller.id, byName: caller.name ?? '', event, note };
  const res = await db()
    .collection(COLLECTIONS.accountabilityCases)
    .where({ _id: caseId, state: c.state })
    .update({ data: { ...patch, state: to, history: _.push([entry]) } });
  if (updatedOf(res) === 0) {
    // Lost to a concurrent step: report it as the state now says (a second confirm is an invalid transition).
    nextCaseState((await getCase(caseId)).state, event);
    throw new AppError(ACCOUNTABILITY_ERRORS.INVALID_TRANSITION, 'the case changed meanwhile');
  }
  return { caseId, state: to };
}

export const decideCase = (input: z.output<typeof DecideRequest>, caller: CallerContext, now: Date) =>
  step(input.caseId, input.decision, caller, now, { reason: input.reason }, input.reason);

export function closeCase(input: z.output<typeof CloseRequest>, caller: CallerContext, now: Date) {
  checkAction(input.action);
  return step(input.caseId, 'close', caller, now, { action: input.action }, input.action.note);
}
