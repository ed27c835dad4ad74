import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  type CreateFindingRequest,
  type CreateReportRequest,
  createdReply,
  foreignFiles,
  isJoinable,
  isOfUnit,
  joinEffect,
  joinedReply,
  joinTarget,
  openTicket,
  type RatingOnlyRequest,
  type ReportReply,
  rateWindow,
  replayOf,
  TICKET_ERRORS,
  type UploadPurpose,
  uploadPath,
} from '../../shared/tickets';
import { type CallerContext, loadCaller, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { citedClause } from '../_lib/contracts.repo';
import { TICKET_SERVICE_ERRORS } from '../_lib/errors';
import { checkContent } from '../_lib/notify';
import { type DirectMessage, notifyAll } from '../_lib/outbox';
import { countRating, countRatingInTransaction, ensureRollup, type RatingInput } from '../_lib/ratings.repo';
import { category, chooseAssignee, oversees, settings, staffing, zoneById, zoneByScene } from '../_lib/refdata';
import {
  insertTicket,
  isDuplicateKey,
  nextTicketNo,
  REPORT_PROJECTION,
  type RecentTicket,
  type TicketDoc,
  toDoc,
} from '../_lib/tickets.repo';
import { CONTENDED_ATTEMPTS, isTxConflict, runTx, txGet } from '../_lib/tx';

const DAY = 24 * 60 * 60_000;
/** Recent tickets read per report; a zone and category with more in the repeat window is counted as "100+". */
const RECENT_LIMIT = 100;

export type ReportResult = ReportReply;

const tickets = () => db().collection(COLLECTIONS.tickets);
const hashed = (prefix: string, ...parts: string[]) =>
  `${prefix}-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)}`;
/** The user's rolling-hour window of created tickets (`{ times }`, at most the limit): the rate limit's one document. */
const rateDocId = (openid: string) => hashed('rate', openid);
/** The open problem of a zone and category that new reports join (`{ ticketId, at }`): the "+1" merge's one document. */
const openDocId = (zoneId: string, categoryCode: string) => hashed('open', zoneId, categoryCode);

/** Refuses photos that are not the caller's own uploads for this purpose (README "Uploaded files"). */
export function assertOwnFiles(files: readonly string[], purpose: UploadPurpose, openid: string): void {
  const foreign = foreignFiles(files, purpose, openid);
  if (foreign.length > 0) {
    throw new AppError(TICKET_ERRORS.FOREIGN_FILE, `photos must be your own uploads under ${uploadPath(purpose, '<openid>', '')}`, {
      count: foreign.length,
    });
  }
}

/**
 * Refuses a rating by staff or a manager of the rated unit (README "Conflicts of interest"). The QR entry point
 * resolves only the caller's identity; their roles are read here, once, when there are stars to check.
 */
async function assertMayRate(caller: CallerContext, unitId: string): Promise<void> {
  const who = caller.registered ? caller : await loadCaller(caller.openid);
  if (isOfUnit(who, unitId)) throw new AppError(TICKET_ERRORS.OWN_UNIT_RATING, 'people of a unit do not rate its own work');
}

type Prepared = { doc: TicketDoc; staff: Awaited<ReturnType<typeof staffing>> };
type TxOutcome = { reply: ReportReply; created?: Prepared } | 'needTicket';

/**
 * A QR report. One query answers what can be known before acting (was this request already handled, the
 * earlier problems that make it a repeat, a ticket it would join); then one transaction decides and writes:
 * join the zone and category's open problem ("+1"), or check the user's rolling hour, create the ticket and
 * claim the open-problem document; the stars sent with the report are counted in the same commit.
 *
 * Concurrency (README "Reports under concurrency"): every check-then-act is a transaction over one document per
 * decision: the user's rate document (two reports of one user both write it: one conflicts and starts over),
 * the zone and category's open-problem document (two first reports both write it: the loser starts over and
 * joins the winner), the ticket itself for "+1" (followers change only with the version read), the counted
 * rating's record. A retried transaction re-reads everything. The request id is a unique key on tickets.
 */
export async function createReport(input: CreateReportRequest, caller: CallerContext, now: Date): Promise<ReportReply> {
  const openid = caller.openid;
  assertOwnFiles(input.photos, 'report', openid);
  const [zone, cat, cfg] = await Promise.all([zoneByScene(input.sceneId), category(input.categoryCode), settings('tickets')]);
  if (input.rating !== undefined) await assertMayRate(caller, zone.unitId);
  const _ = cmd();
  const since = new Date(now.getTime() - cfg.repeatWindowDays * DAY);
  const res = await tickets()
    .where(
      _.and([
        { createdAt: _.gte(since) },
        _.or([{ zoneId: zone._id, categoryCode: cat.code }, { requestId: input.requestId }, { joinedRequestIds: input.requestId }]),
      ]),
    )
    .orderBy('createdAt', 'desc')
    .field(REPORT_PROJECTION)
    .limit(RECENT_LIMIT)
    .get();
  const recent = rowsOf(res) as RecentTicket[];

  const replay = replayOf(recent, input.requestId);
  if (replay) return replay;

  const verdict = await checkContent(openid, input.text);
  if (verdict === 'risky') throw new AppError(TICKET_SERVICE_ERRORS.CONTENT_RISKY, '内容未通过安全检查');
  const held = verdict === 'review';
  const sameProblem = recent.filter((t) => t.zoneId === zone._id && t.categoryCode === cat.code);
  const target = held ? undefined : joinTarget(sameProblem, zone._id, cat.code, now, cfg.joinWindowMinutes);

  const rating: RatingInput | null =
    input.rating === undefined
      ? null
      : {
          source: 'report',
          unitId: zone.unitId,
          zoneId: zone._id,
          campusId: zone.campusId,
          categoryCode: cat.code,
          ticketId: null,
          rating: input.rating,
          at: now,
        };
  if (rating) await ensureRollup({ _id: '', ...rating });

  // The ticket a report creates is numbered before the transaction (an atomic counter outside it). A number
  // drawn by a report that then joins is skipped: numbers stay unique and increasing, not gapless.
  const prepare = async (): Promise<Prepared> => {
    const [no, staff] = await Promise.all([nextTicketNo(now), staffing(zone)]);
    const ticket = openTicket(
      {
        _id: newId(now),
        no,
        requestId: input.requestId,
        opener: { source: 'report', openid },
        kind: 'problem',
        zone,
        category: cat,
        description: input.text,
        photos: input.photos,
        rating: input.rating,
        earlier: sameProblem.map((t) => ({ ...t })),
        assigneeId: held ? null : chooseAssignee(zone, staff),
        assetId: input.assetId,
      },
      now,
      { deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels, repeatWindowDays: cfg.repeatWindowDays },
    );
    return { doc: toDoc(ticket, { held, heldAtReport: held }), staff };
  };

  const attempt = (prepared: Prepared | null) =>
    runTx(async (tx): Promise<TxOutcome> => {
      const claim = held ? null : await txGet<{ ticketId: string }>(tx, COLLECTIONS.counters, openDocId(zone._id, cat.code));
      const candidateId = claim?.ticketId ?? target?._id;
      const candidate = candidateId ? await txGet<TicketDoc>(tx, COLLECTIONS.tickets, candidateId) : null;
      if (candidate) {
        // A concurrent call with this very request id won: answer what it answered.
        const again = replayOf([candidate], input.requestId);
        if (again) return { reply: again };
      }
      if (candidate && !held && isJoinable(candidate, now, cfg.joinWindowMinutes)) {
        if (joinEffect(candidate, openid) === 'add') {
          await tx
            .collection(COLLECTIONS.tickets)
            .doc(candidate._id)
            .update({
              data: {
                followers: [...(candidate.followers ?? []), openid],
                joinedRequestIds: [...(candidate.joinedRequestIds ?? []), input.requestId],
                joins: (candidate.joins ?? 0) + 1,
              },
            });
        }
        if (rating) await countRatingInTransaction(tx, { ...rating, ticketId: candidate._id }, openid, `report-${input.requestId}`);
        return { reply: joinedReply(candidate) };
      }
      if (!prepared) return 'needTicket';

      const window = rateWindow(
        (await txGet<{ times: Date[] }>(tx, COLLECTIONS.counters, rateDocId(openid)))?.times ?? [],
        now,
        cfg.rateLimitPerHour,
      );
      if (!window.allowed) {
        throw new AppError(TICKET_SERVICE_ERRORS.RATE_LIMITED, `at most ${cfg.rateLimitPerHour} reports per hour`, {
          limit: cfg.rateLimitPerHour,
        });
      }
      await tx
        .collection(COLLECTIONS.counters)
        .doc(rateDocId(openid))
        .set({ data: { times: window.times } });
      const _id = prepared.doc._id;
      await tx.collection(COLLECTIONS.tickets).add({ data: prepared.doc });
      if (!held) {
        await tx
          .collection(COLLECTIONS.counters)
          .doc(openDocId(zone._id, cat.code))
          .set({ data: { ticketId: _id, at: now } });
      }
      if (rating) await countRatingInTransaction(tx, { ...rating, ticketId: _id }, openid, `report-${input.requestId}`);
      return { reply: createdReply(prepared.doc), created: prepared };
    }, CONTENDED_ATTEMPTS);

  let prepared = target ? null : await prepare();
  for (let round = 0; ; round++) {
    let out: TxOutcome;
    try {
      out = await attempt(prepared);
    } catch (e) {
      if (isTxConflict(e)) throw new AppError(TICKET_ERRORS.BUSY, 'too many simultaneous reports of this problem; resend the request');
      if (!isDuplicateKey(e)) throw e;
      // The same request is being handled concurrently and its insert won: answer with that ticket.
      const again = await tickets().where({ requestId: input.requestId }).field(REPORT_PROJECTION).limit(1).get();
      const winner = rowsOf(again)[0] as RecentTicket | undefined;
      if (!winner) throw e;
      return createdReply(winner);
    }
    if (out === 'needTicket') {
      if (round > 0) throw new Error('report transaction asked twice for a ticket');
      prepared = await prepare();
      continue;
    }
    if (out.created) await notifyNewTicket(out.created.doc, out.created.staff);
    return out.reply;
  }
}

async function notifyNewTicket(t: TicketDoc, staff: Awaited<ReturnType<typeof staffing>>): Promise<void> {
  const people = [staff.primary, staff.backup, ...staff.managers].filter((p) => p !== null);
  const assignee = people.find((p) => p._id === t.assigneeId);
  const messages: DirectMessage[] = [];
  if (assignee) {
    messages.push({
      touser: assignee.openid,
      template: 'assigned',
      ticketId: t._id,
      fields: { character_string1: t.no },
      cause: 'assigned',
      audience: 'assignee',
      recipient: { _id: assignee._id, name: assignee.name ?? null },
    });
  }
  if (t.repeat || t.held) {
    for (const m of staff.managers) {
      messages.push({
        touser: m.openid,
        template: 'managerAlert',
        ticketId: t._id,
        fields: { character_string1: t.no, thing2: t.held ? '待审核的报告' : `重复问题（第${t.repeat?.count}次）` },
        cause: t.held ? 'held' : 'repeat',
        audience: 'unitManager',
        recipient: { _id: m._id, name: m.name ?? null },
      });
    }
  }
  await notifyAll(messages);
}

/**
 * Satisfaction feedback (a rating without a problem): the caller's counted rating for the zone and day, a later
 * one replacing it (README "One counted rating per person, zone and day"). A replay of the request changes
 * nothing and answers the same; `feedbackId` is the counted record's id.
 */
export async function createFeedback(input: RatingOnlyRequest, caller: CallerContext, now: Date): Promise<ReportReply> {
  const zone = await zoneByScene(input.sceneId);
  await assertMayRate(caller, zone.unitId);
  const counted = await countRatingOrBusy(
    {
      source: 'feedback',
      unitId: zone.unitId,
      zoneId: zone._id,
      campusId: zone.campusId,
      categoryCode: null,
      ticketId: null,
      rating: input.rating,
      at: now,
    },
    caller.openid,
    `feedback-${input.requestId}`,
  );
  return { outcome: 'feedback', feedbackId: counted.ratingId };
}

/** `countRating`, with conflicts that outlasted every attempt answered as `TICKET.BUSY` (nothing written). */
async function countRatingOrBusy(...args: Parameters<typeof countRating>): ReturnType<typeof countRating> {
  try {
    return await countRating(...args);
  } catch (e) {
    if (isTxConflict(e)) throw new AppError(TICKET_ERRORS.BUSY, 'too many simultaneous ratings; resend the request');
    throw e;
  }
}

/** Whether an inspector may act in a zone of `unitId`: office level everywhere, centre level in its units. */
export async function inspectorCovers(caller: CallerContext, unitId: string): Promise<boolean> {
  if (caller.roles.some((b) => b.role === 'inspector' && b.level === 'office')) return true;
  for (const centre of unitsWhere(caller, 'inspector')) if ((await oversees(centre)).includes(unitId)) return true;
  return false;
}

/** An inspector's finding (a problem with a deadline) or positive example (recorded and closed at once). */
export async function createFinding(input: z.output<typeof CreateFindingRequest>, caller: CallerContext, now: Date) {
  assertOwnFiles(input.photos, 'finding', caller.openid);
  const [zone, cat, cfg] = await Promise.all([zoneById(input.zoneId), category(input.categoryCode), settings('tickets')]);
  if (!(await inspectorCovers(caller, zone.unitId))) {
    throw new AppError(TICKET_ERRORS.FORBIDDEN, 'this zone is outside your inspection scope');
  }
  const problem = input.kind === 'problem';
  // A cited clause must belong to a contract in force covering the zone (CONTRACT.CLAUSE_NOT_IN_ZONE).
  const cited = input.clauseCode && problem ? await citedClause(zone, input.clauseCode, now) : undefined;
  const _ = cmd();
  const earlier = problem
    ? rowsOf<RecentTicket>(
        await tickets()
          .where({ zoneId: zone._id, categoryCode: cat.code, createdAt: _.gte(new Date(now.getTime() - cfg.repeatWindowDays * DAY)) })
          .orderBy('createdAt', 'desc')
          .field(REPORT_PROJECTION)
          .limit(RECENT_LIMIT)
          .get(),
      )
    : [];
  const [no, staff] = await Promise.all([nextTicketNo(now), staffing(zone)]);
  const ticket = openTicket(
    {
      _id: newId(now),
      no,
      // Its own unique request id: CloudBase's unique index treats missing and null as one value, so a null on
      // every finding would make the second finding ever a duplicate key.
      requestId: randomUUID(),
      opener: { source: 'finding', inspectorId: caller.id },
      kind: input.kind,
      zone,
      category: cat,
      severity: input.severity,
      description: input.description,
      photos: input.photos,
      checklistItem: input.checklistItem,
      earlier,
      assigneeId: problem ? chooseAssignee(zone, staff) : undefined,
      assetId: input.assetId,
    },
    now,
    { deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels, repeatWindowDays: cfg.repeatWindowDays },
  );
  const doc = toDoc(ticket, cited);
  await insertTicket(doc);
  if (problem) await notifyNewTicket(doc, staff);
  return { ticketId: doc._id, no: doc.no, state: doc.state, severity: doc.severity, repeat: doc.repeat };
}
