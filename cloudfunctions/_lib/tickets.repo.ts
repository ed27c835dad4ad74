import { AppError } from '../../shared/errors';
import { formatTicketNo, type Ticket, ticketDay } from '../../shared/tickets';
import { COLLECTIONS, cmd, db, nodeDb, rowsOf, updatedOf } from './cloud';
import { TICKET_SERVICE_ERRORS } from './errors';
import { logger } from './logger';
import { afterCursor, PAGE_SIZE, type Page, pageFrom, withCursor } from './page';
import { scan, scanAll } from './scan';
import { rememberTicket } from './ticket-memo';

/** The stored ticket: the domain's Ticket plus fields only the store needs. */
export type TicketDoc = Ticket & {
  /** `dueAt`, or the far future when the clock is stopped, so "my tasks by deadline" is one indexed sort. */
  dueSort: Date;
  /** Request ids of "+1" reports that joined this ticket, so their retries find it. */
  joinedRequestIds: string[];
  joins: number;
  /** A report held by the content check until a manager releases it. */
  held: boolean;
  /** A finding citing a contract clause: the clause and the contract it belongs to (cloudfunctions/contracts). */
  clauseCode?: string;
  contractId?: string;
  /** Whether it was held when reported (its report answered `held`; a replay answers that again). */
  heldAtReport?: boolean;
};

export const FAR_FUTURE = new Date('9999-12-31T00:00:00.000Z');

/** States in which a ticket is still being worked on. */
export const OPEN_STATES = ['reported', 'assigned', 'accepted', 'paused', 'coordinating', 'rectified', 'rework'] as const;
/** States that are somebody's task. */
export const TASK_STATES = ['assigned', 'accepted', 'paused', 'coordinating', 'rework'] as const;

const tickets = () => db().collection(COLLECTIONS.tickets);

export const toDoc = (t: Ticket, extra: Partial<TicketDoc> = {}): TicketDoc => ({
  joinedRequestIds: [],
  joins: 0,
  held: false,
  ...extra,
  ...t,
  dueSort: t.dueAt ?? FAR_FUTURE,
});

/** One ticket by id, or null (bounded: `limit(1)`, and no throw for a missing document). */
export async function findTicket(id: string): Promise<TicketDoc | null> {
  const res = await tickets().where({ _id: id }).limit(1).get();
  return (rowsOf(res)[0] as TicketDoc | undefined) ?? null;
}

export async function getTicket(id: string): Promise<TicketDoc> {
  const t = await findTicket(id);
  if (!t) throw new AppError(TICKET_SERVICE_ERRORS.NOT_FOUND, 'no such ticket');
  return t;
}

export const isDuplicateKey = (e: unknown): boolean => /DUPLICATE|E11000|duplicate key/i.test(String((e as Error)?.message ?? e));

/** Inserts a new ticket; a duplicate key (same request id or number) is thrown for the caller to resolve. */
export async function insertTicket(doc: TicketDoc): Promise<void> {
  await tickets().add({ data: doc });
  rememberTicket(doc);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/**
 * The update that turns `before` into `after`: changed top-level fields (objects replaced whole with
 * `_.set`, since a plain object would be merged field by field), the new history entries pushed, and
 * `dueSort` kept in step with `dueAt`.
 */
export function updateFor(before: TicketDoc, after: Ticket): Record<string, unknown> {
  const _ = cmd();
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === '_id' || key === 'history') continue;
    const old = (before as Record<string, unknown>)[key];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    data[key] = isPlainObject(value) ? _.set(value) : value;
  }
  const added = after.history.slice(before.history.length);
  if (added.length > 0) data.history = _.push(added);
  const dueSort = after.dueAt ?? FAR_FUTURE;
  if (before.dueSort?.getTime?.() !== dueSort.getTime()) data.dueSort = dueSort;
  return data;
}

/**
 * Persists a transition with optimistic concurrency: the write applies only if the stored version is still
 * the one read. Otherwise `TICKET.STALE`: somebody else changed the ticket, nothing was lost or overwritten.
 */
export async function saveTransition(before: TicketDoc, after: Ticket, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await tickets()
    .where({ _id: before._id, version: before.version })
    .update({ data: { ...updateFor(before, after), ...extra } });
  if (updatedOf(res) === 0) {
    throw new AppError(TICKET_SERVICE_ERRORS.STALE, 'the ticket was changed by someone else; reload and try again', {
      ticketId: before._id,
    });
  }
  rememberTicket(after);
}

/** Same, reporting a lost race as `false` instead of an error (the timer skips tickets another sweep took). */
export async function claimTransition(before: TicketDoc, after: Ticket): Promise<boolean> {
  const res = await tickets()
    .where({ _id: before._id, version: before.version })
    .update({ data: updateFor(before, after) });
  if (updatedOf(res) !== 1) return false;
  rememberTicket(after);
  return true;
}

/**
 * The next ticket number of the Shanghai day of `at`: one atomic `$inc` that returns the new value
 * (`updateAndReturn`, a single `database.modifyAndReturnDoc`), so concurrent reports never share a number.
 * The day's counter document is created on first use; a concurrent creator losing the race is harmless.
 */
export async function nextTicketNo(at: Date): Promise<string> {
  const day = ticketDay(at);
  const id = `ticket-${day}`;
  const ndb = nodeDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = (await ndb
      .collection(COLLECTIONS.counters)
      .where({ _id: id })
      .updateAndReturn({ seq: ndb.command.inc(1) })) as { doc?: { seq: number } | null };
    if (res.doc) return formatTicketNo(at, res.doc.seq);
    try {
      await db()
        .collection(COLLECTIONS.counters)
        .add({ data: { _id: id, seq: 0, day } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  logger.error('ticket counter unavailable', { id });
  throw new Error(`ticket counter ${id} could not be created`);
}

/** Fields the report path needs from recent tickets (no history, photos or text). */
export const REPORT_PROJECTION = {
  _id: true,
  no: true,
  requestId: true,
  joinedRequestIds: true,
  zoneId: true,
  categoryCode: true,
  kind: true,
  state: true,
  createdAt: true,
  reporterOpenid: true,
  held: true,
  heldAtReport: true,
  repeat: true,
} as const;
export type RecentTicket = Pick<
  TicketDoc,
  | '_id'
  | 'no'
  | 'requestId'
  | 'joinedRequestIds'
  | 'zoneId'
  | 'categoryCode'
  | 'kind'
  | 'state'
  | 'createdAt'
  | 'reporterOpenid'
  | 'held'
  | 'heldAtReport'
  | 'repeat'
>;

/** A sort of ticket lists: newest first, soonest due, or last changed; ties broken by `_id`. */
export type TicketSortField = 'createdAt' | 'dueSort' | 'updatedAt';

/** One keyset page of tickets matching `where`, without their history (list rows never show it). */
export async function ticketPage(
  where: Record<string, unknown>,
  field: TicketSortField,
  dir: 'asc' | 'desc',
  cursor: string | undefined,
): Promise<Page<Omit<TicketDoc, 'history'>>> {
  const res = await db()
    .collection(COLLECTIONS.tickets)
    .where(withCursor(where, afterCursor(cursor, field, 'date', dir)))
    .orderBy(field, dir)
    .orderBy('_id', dir)
    .field({ history: false })
    .limit(PAGE_SIZE + 1)
    .get();
  return pageFrom(rowsOf<Omit<TicketDoc, 'history'>>(res), (t) => t[field] as Date);
}

/** Every ticket created in [from, to), read in bounded pages, with only `fields`. */
export function ticketsCreatedIn(from: Date, to: Date, fields: Record<string, true>): Promise<TicketDoc[]> {
  const _ = cmd();
  return scanAll<TicketDoc>(COLLECTIONS.tickets, { createdAt: _.gte(from).and(_.lt(to)) }, 'createdAt', fields);
}

/** Every ticket of a contract created in [from, to), read in bounded pages, with only `fields`. */
export function contractTicketsCreatedIn<T extends { _id: string }>(
  contractId: string,
  from: Date,
  to: Date,
  fields: Record<string, boolean>,
): Promise<T[]> {
  const _ = cmd();
  return scanAll<T>(COLLECTIONS.tickets, { contractId, createdAt: _.gte(from).and(_.lt(to)) }, 'createdAt', fields);
}

/** Reads of `_id in [...]` take at most this many ids. */
const IN_BATCH = 100;

/** Tickets by id in bounded `_id in` reads of at most 100 ids each, with only `fields`. */
export async function ticketsByIds<T extends { _id: string }>(
  ids: readonly string[],
  fields: Record<string, true>,
): Promise<Map<string, T>> {
  const _ = cmd();
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const batch = ids.slice(i, i + IN_BATCH);
    const res = await db()
      .collection(COLLECTIONS.tickets)
      .where({ _id: _.in(batch) })
      .field(fields)
      .limit(batch.length)
      .get();
    for (const t of rowsOf<T>(res)) out.set(t._id, t);
  }
  return out;
}

/** One ticket by id with only `fields` (and `_id`), or null. */
export async function ticketFields<T extends { _id: string }>(id: string, fields: Record<string, true>): Promise<T | null> {
  const res = await db().collection(COLLECTIONS.tickets).where({ _id: id }).field(fields).limit(1).get();
  return rowsOf<T>(res)[0] ?? null;
}

/** Tickets changed at or after `since` (within `until` when given), oldest change first, in bounded pages. */
export function ticketsChangedSince<T extends { _id: string }>(since: Date, fields: Record<string, boolean>, until?: Date) {
  const _ = cmd();
  return scan<T>(COLLECTIONS.tickets, { updatedAt: until ? _.gte(since).and(_.lte(until)) : _.gte(since) }, 'updatedAt', fields);
}

/**
 * Tickets of one zone and category opened in [from, to), newest first, in bounded pages (index
 * `zoneId_1_categoryCode_1_createdAt_-1`), with only `fields`.
 */
export function ticketsOfZoneCategory<T extends { _id: string }>(
  zoneId: string,
  categoryCode: string,
  from: Date,
  to: Date,
  fields: Record<string, boolean>,
) {
  const _ = cmd();
  return scan<T>(COLLECTIONS.tickets, { zoneId, categoryCode, createdAt: _.gte(from).and(_.lt(to)) }, 'createdAt', fields);
}

/** Tickets waiting on a coordination decision, longest waiting first (at most `limit`), with only `fields`. */
export async function coordinatingTickets<T extends { _id: string }>(fields: Record<string, true>, limit: number): Promise<T[]> {
  const res = await db()
    .collection(COLLECTIONS.tickets)
    .where({ state: 'coordinating' })
    .orderBy('updatedAt', 'asc')
    .field(fields)
    .limit(limit)
    .get();
  return rowsOf<T>(res);
}

/** The newest tickets about an asset (at most `limit`), with only `fields`. */
export async function ticketsOfAsset<T extends { _id: string }>(
  assetId: string,
  fields: Record<string, true>,
  limit: number,
): Promise<T[]> {
  const res = await db().collection(COLLECTIONS.tickets).where({ assetId }).orderBy('createdAt', 'desc').field(fields).limit(limit).get();
  return rowsOf<T>(res);
}

/**
 * Open problems past their deadline at `now`, per unit: one aggregate whose first stage matches on `dueSort`
 * (indexed; a stopped clock's `dueSort` is the far future), so it reads only the overdue tickets.
 */
export async function overdueByUnit(now: Date): Promise<Record<string, number>> {
  const _ = cmd();
  const $ = db().command.aggregate;
  const res = (await db()
    .collection(COLLECTIONS.tickets)
    .aggregate()
    .match({ dueSort: _.lt(now), state: _.in([...OPEN_STATES]), kind: 'problem', held: false })
    .group({ _id: '$unitId', n: $.sum(1) })
    .end()) as { list: Array<{ _id: string; n: number }> };
  return Object.fromEntries(res.list.map((r) => [r._id, r.n]));
}
