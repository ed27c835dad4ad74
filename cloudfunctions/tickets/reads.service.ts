import { AppError } from '../../shared/errors';
import { relationsTo, type TicketState } from '../../shared/tickets';
import { type CallerContext, isAdmin, isOfficeInspector, unitsWhere } from '../_lib/caller';
import { cloud, cmd } from '../_lib/cloud';
import { TICKET_SERVICE_ERRORS } from '../_lib/errors';
import type { Page } from '../_lib/page';
import { oversees, unit, zonesByIds } from '../_lib/refdata';
import { findTicket, TASK_STATES, type TicketDoc, type TicketSortField, ticketPage } from '../_lib/tickets.repo';

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
export type TicketRowView = Omit<ReturnType<typeof viewOf>, 'history'> & { zoneName: string | null };

/**
 * One page of tickets matching `where`, newest (or soonest due) first, keyed on (sort field, _id). Zone names
 * come from the reference-data cache: at most one extra read, for the zones not cached yet.
 */
async function pageOf(where: Where, field: SortField, dir: 'asc' | 'desc', cursor: string | undefined, caller: CallerContext) {
  const { items, nextCursor } = await ticketPage(where as Record<string, unknown>, field, dir, cursor);
  const zones = await zonesByIds(items.map((t) => t.zoneId));
  const page: Page<TicketRowView> = {
    items: items.map((t) => {
      const { history, ...rest } = viewOf({ ...t, history: [] }, caller);
      return { ...rest, zoneName: zones.get(t.zoneId)?.name ?? null };
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

/** A manager's board: tickets of the units they manage (a centre's board includes its contractors). */
export async function unitBoard(caller: CallerContext, input: { unitId?: string; state?: TicketState; cursor?: string }) {
  const _ = cmd();
  const allowed = [...new Set((await Promise.all(unitsWhere(caller, 'manager').map(oversees))).flat())];
  if (input.unitId && !allowed.includes(input.unitId)) throw new AppError(TICKET_SERVICE_ERRORS.OUT_OF_SCOPE, 'not a unit you manage');
  const where: Record<string, unknown> = { unitId: input.unitId ?? _.in(allowed) };
  if (input.state) where.state = input.state;
  return pageOf(where, 'createdAt', 'desc', input.cursor, caller);
}

export function all(caller: CallerContext, input: { unitId?: string; state?: TicketState; cursor?: string }) {
  const where: Record<string, unknown> = {};
  if (input.unitId) where.unitId = input.unitId;
  if (input.state) where.state = input.state;
  return pageOf(where, 'createdAt', 'desc', input.cursor, caller);
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
  const files = [...t.photos, ...(t.rectification?.afterPhotos ?? [])];
  const urls: Record<string, string> = {};
  if (files.length > 0) {
    const res = (await cloud.getTempFileURL({ fileList: files })) as { fileList: Array<{ fileID: string; tempFileURL: string }> };
    for (const f of res.fileList) if (f.tempFileURL) urls[f.fileID] = f.tempFileURL;
  }
  const zoneName = (await zonesByIds([t.zoneId])).get(t.zoneId)?.name ?? null;
  return { ticket: { ...viewOf(t, caller), zoneName }, photoUrls: urls };
}
