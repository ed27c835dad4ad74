import type { Ticket } from './ticket.schema';

/**
 * The rules of a QR report, pure: the caller passes what it read (recent tickets, the user's rate window, the
 * ticket to join) and `now`. The report service applies them inside one transaction so that concurrent
 * reports cannot all pass a check before any of them acts (README "Reports under concurrency").
 */

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** At most this many people follow one ticket ("+1"); later reporters still get `joined`, without being added. */
export const MAX_FOLLOWERS = 50;

/** A recent ticket as the report path reads it (a projection of the stored ticket). */
export interface ReportCandidate {
  _id: string;
  no: string;
  requestId: string | null;
  joinedRequestIds?: string[];
  zoneId: string;
  categoryCode: string;
  kind: Ticket['kind'];
  state: Ticket['state'];
  createdAt: Date;
  reporterOpenid: string | null;
  held?: boolean;
  /** Whether the ticket was held for review when it was reported (the first reply said `held`). */
  heldAtReport?: boolean;
  repeat?: Ticket['repeat'];
  followers?: string[];
}

/** What a report answers. A replay of the same request answers exactly this again. */
export type ReportReply =
  | { outcome: 'created' | 'joined' | 'held'; ticketId: string; no: string; repeat: boolean }
  | { outcome: 'feedback'; feedbackId: string };

const OPEN: readonly Ticket['state'][] = ['reported', 'assigned', 'accepted', 'paused', 'coordinating', 'rectified', 'rework'];

/** The reply a report that created `t` gave: `held` when the content check held it, else `created`. */
export const createdReply = (t: Pick<ReportCandidate, '_id' | 'no' | 'heldAtReport' | 'repeat'>): ReportReply => ({
  outcome: t.heldAtReport ? 'held' : 'created',
  ticketId: t._id,
  no: t.no,
  repeat: !!t.repeat,
});

/** The reply a report that joined `t` gave. */
export const joinedReply = (t: Pick<ReportCandidate, '_id' | 'no' | 'repeat'>): ReportReply => ({
  outcome: 'joined',
  ticketId: t._id,
  no: t.no,
  repeat: !!t.repeat,
});

/**
 * Replay detection: the reply of an earlier call with this request id, or null when the request is new. A
 * request that created a ticket answers `created`/`held` as it did the first time (even after a manager has
 * released it); one that joined answers `joined`.
 * `replayOf([{ requestId: 'r1', … }], 'r1')` → `{ outcome: 'created', … }`.
 */
export function replayOf(recent: readonly ReportCandidate[], requestId: string): ReportReply | null {
  const own = recent.find((t) => t.requestId === requestId);
  if (own) return createdReply(own);
  const joined = recent.find((t) => t.joinedRequestIds?.includes(requestId));
  return joined ? joinedReply(joined) : null;
}

/**
 * Rate limit over a rolling hour: `times` are the instants of the user's earlier created tickets (any order,
 * any age; a later one, from a concurrent call, counts). Returns the times still inside the hour with `now` appended when allowed, so the caller stores a
 * bounded list (at most `limit` entries) and the check and the count are one write.
 * A ticket created exactly one hour ago no longer counts.
 */
export function rateWindow(times: readonly Date[], now: Date, limit: number): { allowed: boolean; times: Date[] } {
  // Times after `now` count too: a concurrent invocation's clock may be a few milliseconds ahead of this one's.
  const inside = times.filter((t) => new Date(t).getTime() > now.getTime() - HOUR);
  if (inside.length >= limit) return { allowed: false, times: inside };
  return { allowed: true, times: [...inside, now] };
}

/**
 * Whether a new report of the same zone and category joins `t` ("+1"): an open, released problem created
 * within the join window (a ticket created exactly `joinWindowMinutes` ago still joins).
 */
export function isJoinable(t: ReportCandidate, now: Date, joinWindowMinutes: number): boolean {
  return t.kind === 'problem' && !t.held && OPEN.includes(t.state) && t.createdAt.getTime() >= now.getTime() - joinWindowMinutes * MINUTE;
}

/** The ticket of the same zone and category that a report would join, if any (the newest first). */
export function joinTarget(
  recent: readonly ReportCandidate[],
  zoneId: string,
  categoryCode: string,
  now: Date,
  joinWindowMinutes: number,
): ReportCandidate | undefined {
  return recent.find((t) => t.zoneId === zoneId && t.categoryCode === categoryCode && isJoinable(t, now, joinWindowMinutes));
}

/**
 * What joining `t` does for `openid`: `add` (a new follower: counted once, request id remembered), `known`
 * (the reporter or an existing follower: nothing is written, the reply is still `joined`), or `full` (the
 * ticket has `MAX_FOLLOWERS`: nothing is written either). One join per person per ticket keeps `joins`,
 * `followers` and `joinedRequestIds` bounded by `MAX_FOLLOWERS`.
 */
export function joinEffect(t: Pick<ReportCandidate, 'reporterOpenid' | 'followers'>, openid: string): 'add' | 'known' | 'full' {
  const followers = t.followers ?? [];
  if (t.reporterOpenid === openid || followers.includes(openid)) return 'known';
  return followers.length >= MAX_FOLLOWERS ? 'full' : 'add';
}
