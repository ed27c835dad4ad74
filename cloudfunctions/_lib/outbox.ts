import { createHash } from 'node:crypto';
import type { Ticket } from '../../shared/tickets';
import type { PersonDoc } from './caller';
import { now as clockNow } from './clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from './cloud';
import { crashPoint } from './faults';
import { logger } from './logger';
import { type Message, sendMessage, type TemplateName } from './notify';
import { type TicketDoc, updateFor } from './tickets.repo';
import { runTx, txGet } from './tx';

/**
 * The notice outbox. A notice the timer owes (an escalation level, a repeat reminder, a pause cap, …) is
 * written as a `notices` document in the same transaction as the ticket write that makes it owed, then sent
 * by the timer and its result recorded on the document:
 *
 *   pending ──lease──▶ sending ──▶ sent
 *      ▲                  │  └───▶ failed (NOT_SUBSCRIBED, or SEND_FAILED after MAX_ATTEMPTS)
 *      └── retry later ◀──┘
 *
 * A crash after the claim leaves the notice `pending`; the next run sends it. Taking a notice to send is a
 * conditional write (`pending` with the attempt count read → `sending`), so two sweeps never both send it. A
 * crash in the instant between WeChat accepting a message and the result being written leaves it `sending`;
 * once the lease expires it is recorded as `failed` / `INTERRUPTED` and not sent again: WeChat's send has no
 * idempotency key, so resending could duplicate it. That is the one case where a notice may be lost rather
 * than duplicated, and it is visible in the ticket's delivery record.
 */

export type NoticeState = 'pending' | 'sending' | 'sent' | 'failed';
export type NoticeFailure = 'NOT_SUBSCRIBED' | 'SEND_FAILED' | 'INTERRUPTED' | 'NO_RECIPIENT';

export interface NoticeDoc {
  _id: string;
  ticketId: string;
  ticketNo: string;
  /** Why it is owed: an escalation level id, `repeat:<level>`, `pauseCap`, `verifyReminder`, `handover`. */
  cause: string;
  /** Who it is for, as the manager reads it: assignee, unitManager, office, inspector. */
  audience: string;
  recipientId: string | null;
  recipientName: string | null;
  touser: string | null;
  template: TemplateName;
  fields: Record<string, string>;
  state: NoticeState;
  attempts: number;
  /** When a pending notice may next be sent; null once it is sent or failed. */
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  failure: { code: NoticeFailure; errCode: number | null } | null;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
}

/** Attempts before a notice that keeps failing (other than "not subscribed") is given up. */
export const MAX_ATTEMPTS = 5;
/** How long a sweep may hold a notice it is sending: more than a function's 60 s timeout. */
export const LEASE_MS = 2 * 60_000;
const NOT_SUBSCRIBED = 43101;
/** Pending notices read per query. */
const PAGE = 200;
/** Sends in flight at once: few, since a crash can leave each of them `INTERRUPTED`. */
const SEND_CONCURRENCY = 5;

const notices = () => db().collection(COLLECTIONS.notices);

/** A stable id for the notice `key` owes `recipientId`, so writing it twice is a duplicate key, never two notices. */
export const noticeId = (ticketId: string, key: string, recipientId: string | null): string =>
  `n${createHash('sha1')
    .update(`${ticketId}|${key}|${recipientId ?? '-'}`)
    .digest('hex')
    .slice(0, 31)}`;

/**
 * A notice owed to `recipient` for `ticket`. `key` names the event that owes it, unique per ticket (for the
 * timer: the claim's new version and the cause). With no recipient, the notice is recorded as failed with
 * `NO_RECIPIENT`, so the delivery record shows the gap instead of hiding it.
 */
export function noticeFor(args: {
  ticket: Pick<Ticket, '_id' | 'no'>;
  key: string;
  cause: string;
  audience: string;
  recipient: (Pick<PersonDoc, '_id' | 'openid'> & { name: string | null }) | null;
  template: TemplateName;
  fields: Record<string, string>;
  now: Date;
}): NoticeDoc {
  const { ticket, recipient, now } = args;
  return {
    _id: noticeId(ticket._id, args.key, recipient?._id ?? null),
    ticketId: ticket._id,
    ticketNo: ticket.no,
    cause: args.cause,
    audience: args.audience,
    recipientId: recipient?._id ?? null,
    recipientName: recipient?.name ?? null,
    touser: recipient?.openid ?? null,
    template: args.template,
    fields: args.fields,
    state: recipient ? 'pending' : 'failed',
    attempts: 0,
    nextAttemptAt: recipient ? now : null,
    leaseUntil: null,
    failure: recipient ? null : { code: 'NO_RECIPIENT', errCode: null },
    createdAt: now,
    sentAt: null,
    updatedAt: now,
  };
}

/**
 * Writes a ticket transition and the notices it owes in one transaction, if the stored version is still the
 * one read; false when somebody (another sweep, a user) changed the ticket first: then nothing is written.
 */
export async function claimWithNotices(
  before: TicketDoc,
  after: Ticket,
  extra: Record<string, unknown>,
  owed: readonly NoticeDoc[],
): Promise<boolean> {
  return runTx(async (tx) => {
    const current = await txGet<TicketDoc>(tx, COLLECTIONS.tickets, before._id);
    if (!current || current.version !== before.version) return false;
    await tx
      .collection(COLLECTIONS.tickets)
      .doc(before._id)
      .update({ data: { ...updateFor(before, after), ...extra } });
    for (const n of owed) await tx.collection(COLLECTIONS.notices).add({ data: n as unknown as Record<string, unknown> });
    return true;
  });
}

export interface DeliveryStats {
  sent: number;
  failed: number;
  retrying: number;
  interrupted: number;
}

/** Seconds before retry n (1, 2, …): 1, 2, 4, 8 minutes. */
const backoffMs = (attempt: number) => 60_000 * 2 ** Math.max(0, attempt - 1);

async function deliverOne(n: NoticeDoc, stats: DeliveryStats): Promise<void> {
  const attempts = n.attempts + 1;
  const taken = await notices()
    .where({ _id: n._id, state: 'pending', attempts: n.attempts })
    .update({ data: { state: 'sending', attempts, leaseUntil: new Date(clockNow().getTime() + LEASE_MS), updatedAt: clockNow() } });
  if (updatedOf(taken) !== 1) return; // another sweep took it
  crashPoint('outbox.afterLease');
  const message: Message = { touser: n.touser ?? '', template: n.template, ticketId: n.ticketId, fields: n.fields };
  const result = await sendMessage(message);
  crashPoint('outbox.afterSend');
  const at = clockNow();
  let data: Partial<NoticeDoc>;
  if (result.ok) {
    data = { state: 'sent', sentAt: at, nextAttemptAt: null, failure: null };
    stats.sent++;
  } else if (result.errCode === NOT_SUBSCRIBED || attempts >= MAX_ATTEMPTS) {
    const code: NoticeFailure = result.errCode === NOT_SUBSCRIBED ? 'NOT_SUBSCRIBED' : 'SEND_FAILED';
    data = { state: 'failed', nextAttemptAt: null, failure: { code, errCode: result.errCode } };
    stats.failed++;
    logger.info('notice not delivered', { noticeId: n._id, ticketId: n.ticketId, code, errCode: result.errCode });
  } else {
    data = {
      state: 'pending',
      nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)),
      failure: { code: 'SEND_FAILED', errCode: result.errCode },
    };
    stats.retrying++;
    logger.warn('notice send failed; will retry', { noticeId: n._id, ticketId: n.ticketId, attempts, errCode: result.errCode });
  }
  await notices()
    .where({ _id: n._id, state: 'sending', attempts })
    .update({ data: { ...data, leaseUntil: null, updatedAt: at } });
}

/**
 * Sends the notices due at `now`, until the time budget (`deadline`, epoch ms) runs out, after recording as
 * INTERRUPTED those whose sender died mid-send (lease expired). A failure to send one notice never stops the
 * others; what is left stays pending for the next run.
 */
export async function deliverDue(now: Date, deadline: number, stats: DeliveryStats): Promise<void> {
  const _ = cmd();
  const stale = rowsOf<NoticeDoc>(
    await notices()
      .where({ state: 'sending', leaseUntil: _.lte(now) })
      .limit(PAGE)
      .get(),
  );
  for (const n of stale) {
    const res = await notices()
      .where({ _id: n._id, state: 'sending', attempts: n.attempts })
      .update({
        data: { state: 'failed', leaseUntil: null, nextAttemptAt: null, failure: { code: 'INTERRUPTED', errCode: null }, updatedAt: now },
      });
    if (updatedOf(res) === 1) {
      stats.interrupted++;
      logger.warn('notice interrupted mid-send; not resent', { noticeId: n._id, ticketId: n.ticketId });
    }
  }
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const due = rowsOf<NoticeDoc>(
      await notices()
        .where({ state: 'pending', nextAttemptAt: _.lte(now) })
        .orderBy('nextAttemptAt', 'asc')
        .limit(PAGE)
        .get(),
    ).filter((n) => !seen.has(`${n._id}@${n.attempts}`));
    if (due.length === 0) break;
    for (const n of due) seen.add(`${n._id}@${n.attempts}`);
    for (let i = 0; i < due.length && Date.now() < deadline; i += SEND_CONCURRENCY) {
      await Promise.all(
        due
          .slice(i, i + SEND_CONCURRENCY)
          .map((n) => deliverOne(n, stats).catch((e) => logger.error('notice delivery failed', { noticeId: n._id, error: e }))),
      );
    }
  }
}

/**
 * A message an action sends at once (a new task, a rectification to confirm, a rework), with whom it is for as
 * the ticket's delivery record names them: `recipient.name` is null for reporters and followers (never named).
 */
export interface DirectMessage extends Message {
  ticketId: string;
  cause: string;
  audience: string;
  recipient: { _id: string; name: string | null };
}

/**
 * Sends an action's message through the one send (`sendMessage`: zh-CN fields, reminder count) and, when it
 * was not delivered, records that on the ticket as a failed notice, so the ticket page says who was not
 * reached and why, as it does for the timer's notices. Never throws.
 */
export async function notify(m: DirectMessage): Promise<boolean> {
  const result = await sendMessage(m);
  if (result.ok) return true;
  const at = clockNow();
  const code: NoticeFailure = result.errCode === NOT_SUBSCRIBED ? 'NOT_SUBSCRIBED' : 'SEND_FAILED';
  const doc: NoticeDoc = {
    ...noticeFor({
      ticket: { _id: m.ticketId, no: m.fields.character_string1 ?? '' },
      key: `direct|${m.cause}|${m.template}|${at.toISOString()}`,
      cause: m.cause,
      audience: m.audience,
      recipient: { _id: m.recipient._id, openid: m.touser, name: m.recipient.name },
      template: m.template,
      fields: m.fields,
      now: at,
    }),
    state: 'failed',
    attempts: 1,
    nextAttemptAt: null,
    failure: { code, errCode: result.errCode },
  };
  try {
    await notices().add({ data: doc as unknown as Record<string, unknown> });
  } catch (e) {
    logger.warn('undelivered message not recorded', { ticketId: m.ticketId, code, error: e });
  }
  return false;
}

/** Sends an action's messages, a few at a time; how many were delivered. */
export async function notifyAll(messages: readonly DirectMessage[], concurrency = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < messages.length; i += concurrency) {
    const results = await Promise.all(messages.slice(i, i + concurrency).map(notify));
    sent += results.filter(Boolean).length;
  }
  return sent;
}

/** What a manager sees of one delivery. */
export interface Delivery {
  noticeId: string;
  cause: string;
  audience: string;
  template: TemplateName;
  recipientName: string | null;
  state: NoticeState;
  attempts: number;
  failure: NoticeDoc['failure'];
  createdAt: Date;
  sentAt: Date | null;
}

/** A ticket's notices, oldest first (at most 100: a ticket owes a few a day). */
export async function deliveriesOf(ticketId: string): Promise<Delivery[]> {
  const rows = rowsOf<NoticeDoc>(await notices().where({ ticketId }).orderBy('createdAt', 'asc').limit(100).get());
  return rows.map((n) => ({
    noticeId: n._id,
    cause: n.cause,
    audience: n.audience,
    template: n.template,
    recipientName: n.recipientName,
    state: n.state,
    attempts: n.attempts,
    failure: n.failure,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
  }));
}

/** A message that did not reach its person, as the ticket page shows it to the sender's side. */
export interface Undelivered {
  recipientName: string | null;
  audience: string;
  template: TemplateName;
  reason: NoticeFailure;
  at: Date;
}

/**
 * The ticket's messages that were not delivered (not subscribed, failed, interrupted, nobody to send to),
 * newest first, at most 20: one query on the (ticketId, createdAt) index. Names only people of the staff side;
 * reporters and followers are never named (`recipientName` null).
 */
export async function undeliveredOf(ticketId: string): Promise<Undelivered[]> {
  const rows = rowsOf<NoticeDoc>(await notices().where({ ticketId, state: 'failed' }).orderBy('createdAt', 'desc').limit(20).get());
  return rows.map((n) => ({
    recipientName: n.recipientName,
    audience: n.audience,
    template: n.template,
    reason: n.failure?.code ?? 'SEND_FAILED',
    at: n.updatedAt,
  }));
}
