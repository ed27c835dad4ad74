import { AppError } from '../errors';
import { SUPERVISION_ERRORS } from './accountability.errors';

export { BASIS_LABELS, CADENCE_LABELS, ITEM_STATE_LABELS, RAG_LABELS } from './accountability.labels';

/**
 * A supervision item (督办事项): numbered (立项号), with its basis (立项依据), a lead unit (主办) and assisting
 * units (协办), a deadline (办结时限) and a reporting cadence. Each unit signs for it; the units report
 * progress; the lead unit asks to close it and the office closes it (销号) or sends it back. The timer marks
 * overdue items and escalates them once.
 */
export const ITEM_STATES = ['issued', 'signed', 'inProgress', 'awaitingClose', 'closed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_EVENTS = ['sign', 'report', 'requestClose', 'close', 'sendBack'] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];
/** `lead` and `assist` are managers of those units; `office` is an admin or a leader. */
export type ItemRole = 'lead' | 'assist' | 'office';

export interface ItemRule {
  readonly to: ItemState;
  readonly roles: readonly ItemRole[];
}

const UNITS: readonly ItemRole[] = ['lead', 'assist'];
/** state → event → rule. `sign` keeps `issued` until every unit has signed (see `applyItemEvent`). */
export const ITEM_TRANSITIONS: { readonly [S in ItemState]: { readonly [E in ItemEvent]?: ItemRule } } = {
  issued: { sign: { to: 'issued', roles: UNITS } },
  signed: { report: { to: 'inProgress', roles: UNITS }, requestClose: { to: 'awaitingClose', roles: ['lead'] } },
  inProgress: { report: { to: 'inProgress', roles: UNITS }, requestClose: { to: 'awaitingClose', roles: ['lead'] } },
  awaitingClose: { close: { to: 'closed', roles: ['office'] }, sendBack: { to: 'inProgress', roles: ['office'] } },
  closed: {},
};

export const BASIS_KINDS = ['briefing', 'meeting', 'instruction'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_DAYS: Readonly<Record<Cadence, number>> = { weekly: 7, biweekly: 14, monthly: 30 };

export interface ItemEntry {
  at: Date;
  event: ItemEvent | 'issue' | 'escalate';
  byId: string;
  unitId: string | null;
  note: string;
}

/** The parts of an item its lifecycle reads and writes. */
export interface SupervisionItem {
  _id: string;
  no: string;
  state: ItemState;
  leadUnitId: string;
  assistUnitIds: string[];
  issuedAt: Date;
  deadline: Date;
  cadence: Cadence;
  signedUnitIds: string[];
  lastReportAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  history: ItemEntry[];
  version: number;
}

/** The caller's roles on an item: the units among lead/assist that they manage, and whether they are the office. */
export interface ItemActor {
  id: string;
  managedUnitIds: readonly string[];
  office: boolean;
}

function rolesOf(item: SupervisionItem, a: ItemActor): { role: ItemRole; unitId: string | null }[] {
  const out: { role: ItemRole; unitId: string | null }[] = [];
  if (a.managedUnitIds.includes(item.leadUnitId)) out.push({ role: 'lead', unitId: item.leadUnitId });
  for (const u of item.assistUnitIds) if (a.managedUnitIds.includes(u)) out.push({ role: 'assist', unitId: u });
  if (a.office) out.push({ role: 'office', unitId: null });
  return out;
}

/**
 * Applies an event: checks the table, the actor's role and (for `sign`) that their unit has not signed yet;
 * returns the new item with the entry appended and `version + 1`.
 */
export function applyItemEvent(item: SupervisionItem, event: ItemEvent, actor: ItemActor, note: string, now: Date): SupervisionItem {
  const rule = ITEM_TRANSITIONS[item.state][event];
  if (!rule)
    throw new AppError(SUPERVISION_ERRORS.INVALID_TRANSITION, `cannot ${event} an item that is ${item.state}`, {
      state: item.state,
      event,
    });
  const mine = rolesOf(item, actor).filter((r) => rule.roles.includes(r.role));
  if (mine.length === 0) throw new AppError(SUPERVISION_ERRORS.NOT_PARTY, `${event} needs ${rule.roles.join(' or ')}`);
  let to = rule.to;
  let unitId = mine[0].unitId;
  let signed = item.signedUnitIds;
  if (event === 'sign') {
    const pending = mine.find((r) => r.unitId && !item.signedUnitIds.includes(r.unitId));
    if (!pending) throw new AppError(SUPERVISION_ERRORS.ALREADY_SIGNED, 'your unit has signed this item');
    unitId = pending.unitId;
    signed = [...item.signedUnitIds, pending.unitId as string];
    const all = [item.leadUnitId, ...item.assistUnitIds];
    if (all.every((u) => signed.includes(u))) to = 'signed';
  }
  return {
    ...item,
    state: to,
    signedUnitIds: signed,
    lastReportAt: event === 'report' ? now : item.lastReportAt,
    closedAt: event === 'close' ? now : item.closedAt,
    history: [...item.history, { at: now, event, byId: actor.id, unitId, note }],
    version: item.version + 1,
  };
}

export type Rag = 'green' | 'amber' | 'red';

/**
 * Red / amber / green by the share of the time to the deadline used: red past the deadline (or closed after
 * it), amber from `amberAt` (e.g. 0.7) or when a progress report is overdue, green otherwise. A closed item
 * keeps the colour of when it was closed.
 */
export function ragOf(
  item: Pick<SupervisionItem, 'issuedAt' | 'deadline' | 'closedAt' | 'lastReportAt' | 'cadence' | 'state'>,
  now: Date,
  amberAt = 0.7,
): Rag {
  const at = item.closedAt ?? now;
  if (at > item.deadline) return 'red';
  const span = item.deadline.getTime() - item.issuedAt.getTime();
  const used = span > 0 ? (at.getTime() - item.issuedAt.getTime()) / span : 1;
  if (used >= amberAt) return 'amber';
  if (item.state !== 'closed' && item.state !== 'awaitingClose') {
    const last = item.lastReportAt ?? item.issuedAt;
    if (at.getTime() - last.getTime() > CADENCE_DAYS[item.cadence] * 86_400_000) return 'amber';
  }
  return 'green';
}

/** The share of time used, 0–1+, for display. */
export const timeUsed = (item: Pick<SupervisionItem, 'issuedAt' | 'deadline' | 'closedAt'>, now: Date): number => {
  const span = item.deadline.getTime() - item.issuedAt.getTime();
  return span > 0 ? Math.max(0, ((item.closedAt ?? now).getTime() - item.issuedAt.getTime()) / span) : 1;
};

/** The item number: `DB-2026-0007`. */
export const itemNo = (year: number, seq: number): string => `DB-${year}-${String(seq).padStart(4, '0')}`;

/** When an open item's deadline has passed and it has not been escalated yet. */
export const needsEscalation = (item: Pick<SupervisionItem, 'state' | 'deadline' | 'overdue'>, now: Date): boolean =>
  item.state !== 'closed' && !item.overdue && now > item.deadline;
