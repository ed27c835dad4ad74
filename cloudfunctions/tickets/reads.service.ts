import { AppError } from '../../shared/errors';
import { rangeOf } from '../../shared/periods';
import { actorFor, buttonsFor, CLOCK_RUNNING_STATES, isUpload, relationsTo, severityChoices, type TicketState } from '../../shared/tickets';
import { type CallerContext, isAdmin, isOfficeInspector, unitsWhere } from '../_lib/caller';
import { COLLECTIONS, cloud, cmd, db, rowsOf } from '../_lib/cloud';
import { TICKET_SERVICE_ERRORS } from '../_lib/errors';
import { undeliveredOf } from '../_lib/outbox';
import type { Page } from '../_lib/page';
import { namesOf, oversees, unit, zonesByIds } from '../_lib/refdata';
import { findTicket, OPEN_STATES, TASK_STATES, type TicketDoc, type TicketSortField, ticketPage } from '../_lib/tickets.repo';

type SortField = TicketSortField;
type Where = Record<string, unknown> | ReturnType<ReturnType<typeof cmd>['and']>;

/**
 * What a caller may see of a ticket. Only admins see who reported (openids of the reporter and followers,
 * request ids, and the reporter's id in the history); everyone else sees "reporter".
 */
export function viewOf(t: TicketDoc, caller: CallerContext) {
  const { dueSort, joinedRequestIds, ...rest } = t;
  if (isAdmin(caller)) return { ...rest, followerCount: t.followers.length };
  const { reporterOpenid, followers, requestId, ...visible } = rest;
  return {
    ...visible,
    followerCount: followers.length,
    mine: reporterOpenid === caller.openid || followers.includes(caller.openid),
    history: (t.history ?? []).map((h) => (h.role === 'reporter' ? { ...h, actorId: 'reporter' } : h)),
  };
}

/** A list row: the visible ticket without its history, with its zone's name (null if the zone was removed). */
export type TicketRowView = Omit<ReturnType<typeof viewOf>, 'history'> & { zoneName: string | null; assigneeName?: string | null };

/**
 * One page of tickets matching `where`, newest (or soonest due) first, keyed on (sort field, _id). Zone names
 * come from the reference-data cache: at most one extra read, for the zones not cached yet.
 */
async function pageOf(
  where: Where,
  field: SortField,
  dir: 'asc' | 'desc',
  cursor: string | undefined,
  caller: CallerContext,
  withHolders = false,
) {
  const { items, nextCursor } = await ticketPage(where as Record<string, unknown>, field, dir, cursor);
  const [zones, holders] = await Promise.all([
    zonesByIds(items.map((t) => t.zoneId)),
    withHolders
      ? namesOf(
          COLLECTIONS.people,
          items.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])),
        )
      : new Map<string, string>(),
  ]);
  const page: Page<TicketRowView> = {
    items: items.map((t) => {
      const { history, ...rest } = viewOf({ ...t, history: [] }, caller);
      return {
        ...rest,
        zoneName: zones.get(t.zoneId)?.name ?? null,
        ...(withHolders ? { assigneeName: t.assigneeId ? (holders.get(t.assigneeId) ?? null) : null } : {}),
      };
    }),
    nextCursor,
  };
  return page;
}

export function myReports(caller: CallerContext, cursor?: string) {
  const _ = cmd();
  return pageOf(_.or([{ reporterOpenid: caller.openid }, { followers: caller.openid }]), 'createdAt', 'desc', cursor, caller);
}

export function myTasks(caller: CallerContext, cursor?: string) {
  const _ = cmd();
  return pageOf({ assigneeId: caller.id, state: _.in([...TASK_STATES]) }, 'dueSort', 'asc', cursor, caller);
}

/** What a board can show besides a state: reports held for review (待审核), and open tickets past their deadline (超时). */
export type BoardView = 'held' | 'unassigned' | 'overdue';

async function managedUnits(caller: CallerContext, unitId?: string): Promise<string[]> {
  const allowed = [...new Set((await Promise.all(unitsWhere(caller, 'manager').map(oversees))).flat())];
  if (unitId && !allowed.includes(unitId)) throw new AppError(TICKET_SERVICE_ERRORS.OUT_OF_SCOPE, 'not a unit you manage');
  return unitId ? [unitId] : allowed;
}

/** The condition of a board view on top of `base`, at `now`. */
function viewWhere(base: Record<string, unknown>, view: BoardView | undefined, state: TicketState | undefined, now: Date) {
  const _ = cmd();
  const where: Record<string, unknown> = { ...base };
  if (view === 'held') Object.assign(where, { held: true, state: 'reported' });
  else if (view === 'unassigned') Object.assign(where, { held: false, state: 'reported' });
  else if (view === 'overdue') Object.assign(where, { state: _.in([...CLOCK_RUNNING_STATES]), dueSort: _.lt(now) });
  else if (state) where.state = state;
  return where;
}

/**
 * A manager's board: tickets of the units they manage (a centre's board includes its contractors), the most
 * urgent first (soonest deadline; tickets without one last), each with who holds it.
 */
export async function unitBoard(
  caller: CallerContext,
  input: { unitId?: string; state?: TicketState; view?: BoardView; cursor?: string },
  now: Date,
) {
  const _ = cmd();
  const units = await managedUnits(caller, input.unitId);
  const where = viewWhere({ unitId: _.in(units) }, input.view, input.state, now);
  return pageOf(where, 'dueSort', 'asc', input.cursor, caller, true);
}

/** How many of the board's tickets are in each open state, held for review, and overdue (one count each, in parallel). */
export async function boardCounts(caller: CallerContext, input: { unitId?: string }, now: Date) {
  const _ = cmd();
  const units = await managedUnits(caller, input.unitId);
  const base = { unitId: _.in(units) };
  const count = async (where: Record<string, unknown>) =>
    ((await db().collection(COLLECTIONS.tickets).where(where).count()) as { total: number }).total;
  const states = ['assigned', 'accepted', 'paused', 'coordinating', 'rectified', 'rework'] as const;
  const [held, unassigned, overdue, ...perState] = await Promise.all([
    count(viewWhere(base, 'held', undefined, now)),
    count(viewWhere(base, 'unassigned', undefined, now)),
    count(viewWhere(base, 'overdue', undefined, now)),
    ...states.map((state) => count({ ...base, state })),
  ]);
  return {
    held,
    unassigned,
    overdue,
    states: Object.fromEntries(states.map((st, i) => [st, perState[i] ?? 0])) as Record<(typeof states)[number], number>,
  };
}

/** The caller's open tasks by state and how many are overdue (staff: the header of 我的任务). */
export async function taskCounts(caller: CallerContext, now: Date) {
  const _ = cmd();
  const base = { assigneeId: caller.id };
  const count = async (where: Record<string, unknown>) =>
    ((await db().collection(COLLECTIONS.tickets).where(where).count()) as { total: number }).total;
  const states = ['assigned', 'accepted', 'paused', 'coordinating', 'rework'] as const;
  const [overdue, ...perState] = await Promise.all([
    count(viewWhere(base, 'overdue', undefined, now)),
    ...states.map((state) => count({ ...base, state })),
  ]);
  return { overdue, states: Object.fromEntries(states.map((st, i) => [st, perState[i] ?? 0])) as Record<(typeof states)[number], number> };
}

/** Work the caller has finished (rectified, verified, closed), most recent first: 已完成. */
export function myDone(caller: CallerContext, cursor?: string) {
  const _ = cmd();
  return pageOf({ assigneeId: caller.id, state: _.in(['rectified', 'verified', 'closed']) }, 'updatedAt', 'desc', cursor, caller);
}

/** What the overview's numbers open: problems open now, open and past their deadline, or found in a period. */
export type AllView = 'open' | 'overdue' | 'found';

/**
 * Every ticket, for leaders and admins, each with who holds it; narrowed to a unit, a zone, a state, a board view
 * (`held`), or one of the lists behind the overview's numbers (`view`): open problems, overdue ones (soonest due
 * first) or problems found in `month` (a Shanghai month) or from day `from` to day `to`. Newest first otherwise.
 */
export function all(
  caller: CallerContext,
  input: {
    unitId?: string;
    zoneId?: string;
    state?: TicketState;
    view?: AllView | BoardView;
    month?: string;
    from?: string;
    to?: string;
    cursor?: string;
  },
  now: Date,
) {
  const _ = cmd();
  if (input.view === 'held')
    return pageOf(
      viewWhere(input.unitId ? { unitId: input.unitId } : {}, 'held', undefined, now),
      'dueSort',
      'asc',
      input.cursor,
      caller,
      true,
    );
  const where: Record<string, unknown> = {};
  if (input.unitId) where.unitId = input.unitId;
  if (input.zoneId) where.zoneId = input.zoneId;
  if (input.state) where.state = input.state;
  if (input.view) {
    where.kind = 'problem';
    where.held = false;
  }
  if (input.view === 'open' && !input.state) where.state = _.in([...OPEN_STATES]);
  if (input.view === 'overdue') {
    if (!input.state) where.state = _.in([...OPEN_STATES]);
    where.dueSort = _.lt(now);
    return pageOf(where, 'dueSort', 'asc', input.cursor, caller, true);
  }
  // Found in a month, or from one Shanghai day to another (inclusive).
  const first = input.month ?? input.from;
  const last = input.month ?? input.to ?? input.from;
  if (first && last) where.createdAt = _.gte(rangeOf(first).from).and(_.lt(rangeOf(last).to));
  return pageOf(where, 'createdAt', 'desc', input.cursor, caller, true);
}

/** Findings the inspector logged, newest first. */
export function myFindings(caller: CallerContext, cursor?: string) {
  return pageOf({ inspectorId: caller.id, source: 'finding' }, 'createdAt', 'desc', cursor, caller);
}

/**
 * Rectified findings waiting for an inspector in scope to verify, longest waiting first: everywhere for an
 * office inspector, a centre's and its contractors' tickets for a centre inspector.
 */
export async function awaitingMyVerification(caller: CallerContext, cursor?: string) {
  const _ = cmd();
  const where: Record<string, unknown> = { state: 'rectified', source: 'finding' };
  if (!isOfficeInspector(caller)) {
    const centres = caller.roles.flatMap((b) => (b.role === 'inspector' && b.level === 'centre' ? [b.unitId] : []));
    const scope = [...new Set((await Promise.all(centres.map(oversees))).flat())];
    if (scope.length === 0) return { items: [], nextCursor: null } satisfies Page<TicketRowView>;
    where.unitId = _.in(scope);
  }
  return pageOf(where, 'updatedAt', 'asc', cursor, caller);
}

async function canSee(t: TicketDoc, caller: CallerContext): Promise<boolean> {
  if (caller.globalRoles.has('admin') || caller.globalRoles.has('leader')) return true;
  if (t.followers.includes(caller.openid)) return true;
  if (relationsTo(t, caller, await unit(t.unitId)).length > 0) return true;
  return unitsWhere(caller, 'staff').includes(t.unitId);
}

/** One ticket with its history and temporary URLs for its photos; unknown and invisible look the same. */
export async function detail(caller: CallerContext, ticketId: string) {
  const t = await findTicket(ticketId);
  if (!t || !(await canSee(t, caller))) throw new AppError(TICKET_SERVICE_ERRORS.NOT_FOUND, 'no such ticket');
  // Only user uploads are signed: a generated file (briefing draft, assessment workbook) attached to an older
  // ticket by id is never handed out through it (README "Uploaded files").
  const files = [...t.photos, ...(t.rectification?.afterPhotos ?? [])].filter(isUpload);
  const urls: Record<string, string> = {};
  if (files.length > 0) {
    const res = (await cloud.getTempFileURL({ fileList: files })) as { fileList: Array<{ fileID: string; tempFileURL: string }> };
    for (const f of res.fileList) if (f.tempFileURL) urls[f.fileID] = f.tempFileURL;
  }
  const [zones, unitDoc, holder] = await Promise.all([zonesByIds([t.zoneId]), unit(t.unitId), personName(t.assigneeId)]);
  const zoneName = zones.get(t.zoneId)?.name ?? null;
  // The buttons come from the transition table the actions are checked against (shared/tickets/ticket.buttons.ts).
  const actor = actorFor(t, caller, unitDoc);
  const buttons = buttonsFor(t, actor);
  // The sender's side (the unit's managers, inspectors in scope, the office's admins) sees who was not reached.
  const sender = actor.roles.some((r) => r === 'unitManager' || r === 'inspectorInScope' || r === 'admin');
  const undelivered = sender ? await undeliveredOf(t._id) : undefined;
  return {
    ticket: { ...viewOf(t, caller), zoneName, unitName: unitDoc.name, assigneeName: holder },
    photoUrls: urls,
    buttons,
    // The levels the severity picker offers this person (the row's narrowing: lowering takes the office).
    ...(buttons.includes('changeSeverity') ? { severityChoices: severityChoices(t, actor) } : {}),
    ...(undelivered ? { undelivered } : {}),
  };
}

/** The name of the person holding a ticket (one point read), or null. */
async function personName(id: string | null): Promise<string | null> {
  if (!id) return null;
  const res = await db().collection(COLLECTIONS.people).where({ _id: id }).field({ name: true }).limit(1).get();
  return (rowsOf(res)[0] as { name?: string } | undefined)?.name ?? null;
}
