import { AppError } from '../../shared/errors';
import { followersToTell } from '../../shared/escalation';
import {
  actorFor,
  buttonsFor,
  SYSTEM_ACTOR,
  TICKET_ERRORS,
  type Ticket,
  type TicketAction,
  type TicketActionRequest,
  type TransitionEnv,
  toCommand,
  transition,
} from '../../shared/tickets';
import type { CallerContext, PersonDoc } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { TICKET_SERVICE_ERRORS } from '../_lib/errors';
import { type DirectMessage, notifyAll } from '../_lib/outbox';
import { countRatingInTransaction, ensureRollup, type RatingInput } from '../_lib/ratings.repo';
import { chooseAssignee, settings, staffing, unit, zoneById } from '../_lib/refdata';
import { getTicket, saveTransition, type TicketDoc, updateFor } from '../_lib/tickets.repo';
import { applyTimerRules } from '../_lib/timer-rules';
import { runTx, txGet } from '../_lib/tx';
import { assertOwnFiles } from './report.service';

/**
 * What a transition answers: enough for a list to patch its row without reloading (the new state, the
 * deadline and whether its clock runs; the mini-program's countdown reads `clock.runningSince`).
 */
export type TransitionResult = {
  ticketId: string;
  state: Ticket['state'];
  version: number;
  dueAt: Date | null;
  clock: Ticket['clock'];
};

const resultOf = (t: Ticket): TransitionResult => ({ ticketId: t._id, state: t.state, version: t.version, dueAt: t.dueAt, clock: t.clock });

/** What a transition needs besides the ticket: the zone's hours and the configured rules. */
export async function envFor(ticket: Pick<Ticket, 'zoneId'>): Promise<TransitionEnv> {
  const [zone, cfg] = await Promise.all([zoneById(ticket.zoneId), settings('tickets')]);
  return { hours: zone.serviceHours, deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels };
}

/** A verified ticket has nothing left to do: the system closes it in the same write. */
export const closeIfVerified = (t: Ticket, env: TransitionEnv, now: Date): Ticket =>
  t.state === 'verified' ? transition(t, { event: 'close' }, SYSTEM_ACTOR, now, env) : t;

async function person(id: string): Promise<PersonDoc | null> {
  const res = await db().collection(COLLECTIONS.people).where({ _id: id }).limit(1).get();
  return (rowsOf(res)[0] as PersonDoc | undefined) ?? null;
}

/** A manager reassigns within the unit: the new assignee must be staff or a manager of the ticket's unit. */
async function checkAssignee(assigneeId: string, ticket: TicketDoc): Promise<PersonDoc> {
  const p = await person(assigneeId);
  if (!p?.roles.some((r) => (r.role === 'staff' || r.role === 'manager') && r.unitId === ticket.unitId)) {
    throw new AppError(TICKET_SERVICE_ERRORS.INVALID_ASSIGNEE, 'the new assignee must work in the ticket’s unit');
  }
  return p as PersonDoc;
}

/**
 * Any action on an existing ticket: read it, let the state machine decide (legality and the caller's
 * relation to this ticket), write it back only if nobody changed it meanwhile, then notify.
 */
export async function runTransition<A extends TicketAction>(
  action: A,
  input: TicketActionRequest<A> & { ticketId: string },
  caller: CallerContext,
  now: Date,
): Promise<TransitionResult> {
  const ticket = await getTicket(input.ticketId);
  const [unitDoc, env] = await Promise.all([unit(ticket.unitId), envFor(ticket)]);
  const actor = actorFor(ticket, caller, unitDoc);
  const decided = closeIfVerified(transition(ticket, toCommand(action, input), actor, now, env), env, now);
  // After the machine's role check, so someone who may not rectify learns that first.
  if (action === 'rectify') assertOwnFiles((input as TicketActionRequest<'rectify'>).afterPhotos, 'rectify', caller.openid);
  // Timer rules (shared/escalation/timer.rules.ts): pause cap, rework deadline, next timer check.
  const { ticket: next, pause } = await applyTimerRules(ticket, decided, env, now);
  // A held report is released through `releaseHeld` (which clears the hold), never assigned past the review.
  if (action === 'assign' && ticket.held)
    throw new AppError(TICKET_SERVICE_ERRORS.STALE, 'a held report is released, not assigned', { ticketId: ticket._id });
  const picked = action === 'reassign' || action === 'assign';
  const newAssignee = picked ? await checkAssignee((input as TicketActionRequest<'reassign' | 'assign'>).assigneeId, ticket) : null;
  const rating = action === 'verify' ? (input as TicketActionRequest<'verify'>).rating : undefined;
  if (rating === undefined) await saveTransition(ticket, next, { pause });
  else await saveWithRating(ticket, next, caller, rating, now, { pause });
  await notifyAfter(ticket, next, newAssignee);
  return resultOf(next);
}

/**
 * A verification with the reporter's stars: the ticket's transition and the counted rating (README "One counted
 * rating per person, zone and day") commit in one transaction, so neither is kept without the other. The
 * ticket is written only if its version is still the one read (else `TICKET.STALE`, as `saveTransition`).
 */
async function saveWithRating(
  before: TicketDoc,
  after: Ticket,
  caller: CallerContext,
  rating: number,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const input: RatingInput = {
    source: 'verify',
    unitId: after.unitId,
    zoneId: after.zoneId,
    campusId: after.zonePath[0] ?? after.zoneId,
    categoryCode: after.categoryCode,
    ticketId: after._id,
    rating,
    at: now,
  };
  await ensureRollup({ _id: '', ...input });
  await runTx(async (tx) => {
    const current = await txGet<TicketDoc>(tx, COLLECTIONS.tickets, before._id);
    if (current?.version !== before.version) {
      throw new AppError(TICKET_SERVICE_ERRORS.STALE, 'the ticket was changed by someone else; reload and try again', {
        ticketId: before._id,
      });
    }
    await tx
      .collection(COLLECTIONS.tickets)
      .doc(before._id)
      .update({ data: { ...updateFor(before, after), ...extra } });
    // One rating per verification (a rejection and a later approval are two), keyed by the version it produced.
    await countRatingInTransaction(tx, input, caller.openid, `verify-${after._id}-${after.version}`);
  });
}

/**
 * Releases a report the content check held: a manager confirms it and it is assigned as usual; when the rota
 * finds nobody, it is released into 待分派 and the manager assigns it (`assign`).
 */
export async function releaseHeld(ticketId: string, caller: CallerContext, now: Date): Promise<TransitionResult> {
  const ticket = await getTicket(ticketId);
  if (!ticket.held) throw new AppError(TICKET_SERVICE_ERRORS.NOT_HELD, 'the ticket is not held for review');
  const [unitDoc, env, zone] = await Promise.all([unit(ticket.unitId), envFor(ticket), zoneById(ticket.zoneId)]);
  const staff = await staffing(zone);
  const assigneeId = chooseAssignee(zone, staff);
  const actor = actorFor(ticket, caller, unitDoc);
  if (assigneeId === null) {
    // The row decides who may release (the same as assigning); the ticket stays in 待分派, no longer held.
    if (!buttonsFor(ticket, actor).includes('releaseHeld')) {
      throw new AppError(TICKET_ERRORS.FORBIDDEN, 'not allowed to release this report');
    }
    const released = { ...ticket, version: ticket.version + 1, updatedAt: now };
    await saveTransition(ticket, released, { held: false });
    return resultOf(released);
  }
  const next = transition(ticket, { event: 'assign', assigneeId }, actor, now, env);
  await saveTransition(ticket, next, { held: false });
  await notifyAfter(ticket, next, [staff.primary, staff.backup, ...staff.managers].find((p) => p?._id === assigneeId) ?? null);
  return resultOf(next);
}

/**
 * The messages a transition owes, sent through the one send (`_lib/outbox.ts` `notifyAll`): the reporter, or
 * for a finding its inspector, when it is rectified ("已整改，请验收"); the new assignee; the assignee of a
 * rework; the people who "+1"-ed a report once it is closed. Whoever is not reached is recorded on the ticket.
 */
async function notifyAfter(before: TicketDoc, after: Ticket, assignee: PersonDoc | null): Promise<void> {
  const messages: DirectMessage[] = [];
  const base = { ticketId: after._id };
  const staffMessage = (p: PersonDoc, cause: string, template: DirectMessage['template'], thing2?: string): DirectMessage => ({
    ...base,
    touser: p.openid,
    template,
    fields: thing2 ? { character_string1: after.no, thing2 } : { character_string1: after.no },
    cause,
    audience: cause === 'rectifiedForInspector' ? 'inspector' : 'assignee',
    recipient: { _id: p._id, name: p.name ?? null },
  });
  if (after.state === 'rectified' && before.state !== 'rectified') {
    if (after.reporterOpenid) {
      messages.push({
        ...base,
        touser: after.reporterOpenid,
        template: 'rectified',
        fields: { character_string1: after.no },
        cause: 'rectifiedForReporter',
        audience: 'reporter',
        recipient: { _id: after.reporterOpenid, name: null },
      });
    } else if (after.inspectorId) {
      // A finding: the inspector who filed it verifies it.
      const inspector = await person(after.inspectorId);
      if (inspector) messages.push(staffMessage(inspector, 'rectifiedForInspector', 'rectified', '已整改，请验收'));
    }
  }
  const reassigned = after.assigneeId !== before.assigneeId || (after.state === 'assigned' && before.state !== 'assigned');
  if (reassigned && after.assigneeId) {
    const target = assignee ?? (await person(after.assigneeId));
    if (target) messages.push(staffMessage(target, 'assigned', 'assigned'));
  }
  if (after.state === 'rework' && after.assigneeId) {
    const target = await person(after.assigneeId);
    if (target) messages.push(staffMessage(target, 'rework', 'assigned', '验收未通过'));
  }
  // People who "+1"-ed the report are told when it is closed after verification (rules branch).
  for (const openid of followersToTell(before, after)) {
    messages.push({
      ...base,
      touser: openid,
      template: 'rectified',
      fields: { character_string1: after.no, thing2: '您关注的问题已整改完成' },
      cause: 'closedForFollowers',
      audience: 'follower',
      recipient: { _id: openid, name: null },
    });
  }
  await notifyAll(messages);
}
