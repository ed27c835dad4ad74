import { z } from 'zod';
import {
  AGENDA_STATES,
  type AgendaState,
  agendaCandidate,
  applyItemEvent,
  BASIS_KINDS,
  CADENCES,
  ITEM_EVENTS,
  ITEM_STATES,
  type ItemActor,
  type ItemState,
  itemNo,
  needsEscalation,
  ragOf,
  SUPERVISION_ERRORS,
  type SupervisionItem,
  timeUsed,
} from '../../shared/accountability';
import { Id, Text } from '../../shared/common';
import { AppError } from '../../shared/errors';
import { supervisionItemPage, supervisionOverdueFields } from '../../shared/notify/templates';
import { Day } from '../../shared/periods';
import { OFFSET_MS, shanghaiDate, wallClock } from '../../shared/time/shanghai';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { sendMessage } from '../_lib/notify';
import { allUnits, namesOf, officeUnitIds } from '../_lib/refdata';
import { nextSeq } from '../_lib/sequence';
import { coordinatingTickets, isDuplicateKey } from '../_lib/tickets.repo';
import { runTx, txGet } from '../_lib/tx';
import { accountabilitySettings } from './settings';

export type ItemDoc = SupervisionItem & {
  title: string;
  detail: string;
  basis: { kind: (typeof BASIS_KINDS)[number]; ref: string };
  issuedBy: string;
  agendaId: string | null;
};

const items = () => db().collection(COLLECTIONS.supervisionItems);
const OPEN: ItemState[] = ITEM_STATES.filter((s) => s !== 'closed');

export const ItemFields = z.strictObject({
  title: Text(60),
  detail: Text(500),
  basis: z.strictObject({ kind: z.enum(BASIS_KINDS), ref: Text(60) }),
  leadUnitId: Id,
  assistUnitIds: z.array(Id).max(10).default([]),
  /** The last day (Shanghai) by which it must be done: 办结时限. */
  deadline: Day,
  cadence: z.enum(CADENCES),
});
export type ItemFields = z.output<typeof ItemFields>;

/** The office issues and closes items: an admin or a leader. */
export const isOfficeCaller = (c: CallerContext) => isAdmin(c) || c.globalRoles.has('leader');
const actorOf = (c: CallerContext): ItemActor => ({ id: c.id, managedUnitIds: unitsWhere(c, 'manager'), office: isOfficeCaller(c) });

function newItem(f: ItemFields, no: string, by: string, now: Date, agendaId: string | null): ItemDoc {
  return {
    _id: newId(now),
    no,
    title: f.title,
    detail: f.detail,
    basis: f.basis,
    state: 'issued',
    leadUnitId: f.leadUnitId,
    assistUnitIds: [...new Set(f.assistUnitIds)],
    issuedAt: now,
    issuedBy: by,
    deadline: wallClock(f.deadline, '24:00'),
    cadence: f.cadence,
    signedUnitIds: [],
    lastReportAt: null,
    closedAt: null,
    overdue: false,
    history: [{ at: now, event: 'issue', byId: by, unitId: null, note: f.basis.ref }],
    version: 0,
    agendaId,
  };
}

async function checkFields(f: ItemFields, now: Date): Promise<void> {
  const units = new Set((await allUnits()).map((u) => u._id));
  if (![f.leadUnitId, ...f.assistUnitIds].every((u) => units.has(u)) || f.assistUnitIds.includes(f.leadUnitId)) {
    throw new AppError(SUPERVISION_ERRORS.UNIT_INVALID, 'unknown unit, or the lead unit also assists');
  }
  if (f.deadline < shanghaiDate(now)) throw new AppError(SUPERVISION_ERRORS.DEADLINE_INVALID, 'the deadline has passed');
}

const nextItemNo = async (now: Date) => {
  const year = Number(shanghaiDate(now).slice(0, 4));
  return itemNo(year, await nextSeq(`supervision-${year}`));
};

/** Issues a numbered item (atomic counter). */
export async function issueItem(f: ItemFields, caller: CallerContext, now: Date) {
  await checkFields(f, now);
  const doc = newItem(f, await nextItemNo(now), caller.id, now, null);
  await items().add({ data: doc });
  return { itemId: doc._id, no: doc.no };
}

const view = <D extends Omit<ItemDoc, 'history'>>(d: D, now: Date, amberAt: number) => ({
  ...d,
  rag: ragOf(d, now, amberAt),
  used: Math.round(timeUsed(d, now) * 100) / 100,
});

export const ItemListRequest = z.strictObject({ scope: z.enum(['open', 'closed', 'mine']).default('open') });

/** Items for the list, newest first (bounded at 200), each with its RAG status; `mine` = items of units the caller manages. */
export async function listItems(scope: 'open' | 'closed' | 'mine', caller: CallerContext, now: Date) {
  const _ = cmd();
  const s = await accountabilitySettings();
  const mine = unitsWhere(caller, 'manager');
  const where =
    scope === 'closed'
      ? { state: 'closed' }
      : scope === 'open'
        ? { state: _.in(OPEN) }
        : _.or([{ leadUnitId: _.in(mine) }, { assistUnitIds: _.in(mine) }]);
  if (scope !== 'mine' && !isOfficeCaller(caller)) throw new AppError(SUPERVISION_ERRORS.NOT_PARTY, 'the office lists all items');
  const res = await items().where(where).orderBy('issuedAt', 'desc').field({ history: false }).limit(200).get();
  const names = new Map((await allUnits()).map((u) => [u._id, u.name]));
  // `history` is left out of the read: the row type says so.
  const rows = rowsOf<Omit<ItemDoc, 'history'>>(res).map((d) => ({
    ...view(d, now, s.amberAt),
    leadUnit: names.get(d.leadUnitId) ?? d.leadUnitId,
    assistUnits: d.assistUnitIds.map((u) => names.get(u) ?? u),
  }));
  return { items: rows };
}

export async function getItem(id: string): Promise<ItemDoc> {
  const d = rowsOf<ItemDoc>(await items().where({ _id: id }).limit(1).get())[0];
  if (!d) throw new AppError(SUPERVISION_ERRORS.ITEM_NOT_FOUND, 'no such item');
  return d;
}

export async function itemDetail(id: string, caller: CallerContext, now: Date) {
  const d = await getItem(id);
  const actor = actorOf(caller);
  const party = actor.office || [d.leadUnitId, ...d.assistUnitIds].some((u) => actor.managedUnitIds.includes(u));
  if (!party) throw new AppError(SUPERVISION_ERRORS.NOT_PARTY, 'not a party to this item');
  const s = await accountabilitySettings();
  const can = ITEM_EVENTS.filter((e) => {
    try {
      applyItemEvent(d, e, actor, '', now);
      return true;
    } catch {
      return false;
    }
  });
  return { item: view(d, now, s.amberAt), can };
}

export const ItemActRequest = z
  .strictObject({ itemId: Id, event: z.enum(ITEM_EVENTS), note: z.string().trim().max(500).default('') })
  .refine((r) => !['report', 'sendBack'].includes(r.event) || r.note.length > 0, { message: 'say what was done or why', path: ['note'] });

/** Signs, reports, asks to close, closes (销号) or sends back: optimistic on the item's version. */
export async function actOnItem(input: z.output<typeof ItemActRequest>, caller: CallerContext, now: Date) {
  const d = await getItem(input.itemId);
  const after = applyItemEvent(d, input.event, actorOf(caller), input.note, now);
  const _ = cmd();
  const res = await items()
    .where({ _id: d._id, version: d.version })
    .update({
      data: {
        state: after.state,
        signedUnitIds: after.signedUnitIds,
        lastReportAt: after.lastReportAt,
        closedAt: after.closedAt,
        version: after.version,
        history: _.push(after.history.slice(d.history.length)),
      },
    });
  if (updatedOf(res) === 0) throw new AppError(SUPERVISION_ERRORS.STALE, 'the item changed meanwhile');
  return { itemId: d._id, state: after.state };
}

/** Marks overdue items and records the escalation once per item (conditional on `overdue: false`). */
export async function escalateOverdue(now: Date): Promise<number> {
  const _ = cmd();
  const res = await items()
    .where({ state: _.in(OPEN), deadline: _.lt(now), overdue: false })
    .orderBy('deadline', 'asc')
    .field({ history: false })
    .limit(200)
    .get();
  let n = 0;
  for (const d of rowsOf<ItemDoc>(res)) {
    if (!needsEscalation(d, now)) continue;
    const up = await items()
      .where({ _id: d._id, overdue: false })
      .update({
        data: { overdue: true, history: _.push([{ at: now, event: 'escalate', byId: 'system', unitId: null, note: '已超过办结时限' }]) },
      });
    if (updatedOf(up) === 0) continue;
    n += 1;
    await tellOverdue(d);
  }
  if (n) logger.info('supervision items escalated', { n });
  return n;
}

/**
 * Tells the lead unit's managers and the office's managers that an item is overdue, through the one send
 * (`sendMessage`: their reminder count kept). Called once, by the run whose conditional update marked the item;
 * a crash between the mark and the send loses the message (at most once), which the item's red state and
 * its 已超过办结时限 entry still show.
 */
async function tellOverdue(d: ItemDoc): Promise<void> {
  const _ = cmd();
  const office = await officeUnitIds();
  const [people, lead] = await Promise.all([
    db()
      .collection(COLLECTIONS.people)
      .where({ roles: _.elemMatch({ role: 'manager', unitId: _.in([d.leadUnitId, ...office]) }), active: _.neq(false) })
      .field({ openid: true })
      .limit(50)
      .get(),
    namesOf(COLLECTIONS.units, [d.leadUnitId]),
  ]);
  const fields = supervisionOverdueFields({
    no: d.no,
    title: d.title,
    leadUnit: lead.get(d.leadUnitId) ?? '',
    deadline: new Date(d.deadline.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' '),
  });
  const openids = [...new Set(rowsOf<{ openid: string }>(people).map((p) => p.openid))];
  const sent = await Promise.all(
    openids.map((touser) => sendMessage({ touser, template: 'escalation', ticketId: null, page: supervisionItemPage(d._id), fields })),
  );
  const missed = sent.filter((r) => !r.ok).length;
  if (missed) logger.warn('overdue supervision item: some managers not reached', { itemId: d._id, missed, of: openids.length });
}

// ---- the decision agenda -----------------------------------------------------------------------------

export interface AgendaDoc {
  _id: string;
  key: string;
  ticketId: string;
  ticketNo: string;
  requestedAt: Date;
  reason: string;
  state: AgendaState;
  createdAt: Date;
  decision: { text: string; at: Date; by: string; byName: string; itemId: string | null; itemNo: string | null } | null;
}

/** Coordination requests unresolved for N days become agenda items, once each (unique key). */
export async function fillAgenda(now: Date): Promise<number> {
  const s = await accountabilitySettings();
  const waiting = await coordinatingTickets<Parameters<typeof agendaCandidate>[0]>(
    { _id: true, no: true, state: true, history: true },
    1000,
  );
  let n = 0;
  for (const t of waiting) {
    const c = agendaCandidate(t, now, s.agendaAfterDays);
    if (!c) continue;
    const doc: AgendaDoc = { _id: newId(now), ...c, state: 'pending', createdAt: now, decision: null };
    try {
      await db().collection(COLLECTIONS.agendaItems).add({ data: doc });
      n++;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return n;
}

export const AgendaListRequest = z.strictObject({ state: z.enum(AGENDA_STATES).default('pending') });

/** Agenda items of a state (at most 100, newest first) and the units a decision may hand a supervision item to. */
export async function listAgenda(state: AgendaState) {
  const [res, units] = await Promise.all([
    db().collection(COLLECTIONS.agendaItems).where({ state }).orderBy('createdAt', 'desc').limit(100).get(),
    allUnits(),
  ]);
  return { items: rowsOf<AgendaDoc>(res), units: units.map((u) => ({ _id: u._id, name: u.name })) };
}

/** The units an item may be handed to (lead or assisting), for the issue form. */
export async function itemUnits() {
  return { items: (await allUnits()).map((u) => ({ _id: u._id, name: u.name })) };
}

export const AgendaDecideRequest = z.strictObject({ agendaId: Id, decision: Text(500), supervise: ItemFields.optional() });

/**
 * Records the meeting's decision on an agenda item and, optionally, issues a supervision item from it, in
 * one transaction: both are written or neither (the item number may be skipped if the transaction fails).
 */
export async function decideAgenda(input: z.output<typeof AgendaDecideRequest>, caller: CallerContext, now: Date) {
  if (input.supervise) await checkFields(input.supervise, now);
  const no = input.supervise ? await nextItemNo(now) : null;
  return runTx(async (tx) => {
    const a = await txGet<AgendaDoc>(tx, COLLECTIONS.agendaItems, input.agendaId);
    if (!a) throw new AppError(SUPERVISION_ERRORS.AGENDA_NOT_FOUND, 'no such agenda item');
    if (a.state !== 'pending') throw new AppError(SUPERVISION_ERRORS.AGENDA_DECIDED, 'already decided');
    const item =
      input.supervise && no
        ? newItem({ ...input.supervise, basis: { kind: 'meeting', ref: `议题${a.ticketNo}` } }, no, caller.id, now, a._id)
        : null;
    if (item) await tx.collection(COLLECTIONS.supervisionItems).add({ data: item as unknown as Record<string, unknown> });
    const decision = {
      text: input.decision,
      at: now,
      by: caller.id,
      byName: caller.name ?? '',
      itemId: item?._id ?? null,
      itemNo: item?.no ?? null,
    };
    await tx
      .collection(COLLECTIONS.agendaItems)
      .doc(a._id)
      .update({ data: { state: 'decided', decision } });
    return { agendaId: a._id, itemId: item?._id ?? null, itemNo: item?.no ?? null };
  });
}
