import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  type CreateFindingRequest,
  type CreateReportRequest,
  openTicket,
  type RatingOnlyRequest,
  type RepeatCandidate,
  TICKET_ERRORS,
} from '../../shared/tickets';
import { type CallerContext, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { TICKET_SERVICE_ERRORS } from '../_lib/errors';
import { checkContent, notifyAll } from '../_lib/notify';
import { recordRating } from '../_lib/ratings.repo';
import { category, chooseAssignee, oversees, settings, staffing, zoneById, zoneByScene } from '../_lib/refdata';
import {
  insertTicket,
  isDuplicateKey,
  nextTicketNo,
  OPEN_STATES,
  REPORT_PROJECTION,
  type RecentTicket,
  type TicketDoc,
  toDoc,
} from '../_lib/tickets.repo';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Recent tickets read per report; a zone and category with more in the repeat window is counted as "100+". */
const RECENT_LIMIT = 100;

export type ReportResult =
  | { outcome: 'created' | 'joined' | 'held'; ticketId: string; no: string; repeat: boolean }
  | { outcome: 'feedback'; feedbackId: string };

const tickets = () => db().collection(COLLECTIONS.tickets);

const isOpen = (state: string) => (OPEN_STATES as readonly string[]).includes(state);

/**
 * A QR report. One query answers four questions at once — was this request already handled (its ticket, or
 * the ticket it joined), how many reports this user made in the last hour, is there an open ticket to join,
 * and which earlier problems make this a repeat — then one atomic counter increment and one insert.
 */
export async function createReport(input: CreateReportRequest, caller: CallerContext, now: Date): Promise<ReportResult> {
  const openid = caller.openid;
  const [zone, cat, cfg] = await Promise.all([zoneByScene(input.sceneId), category(input.categoryCode), settings('tickets')]);
  const _ = cmd();
  const since = new Date(now.getTime() - Math.max(cfg.repeatWindowDays * DAY, HOUR));
  const res = await tickets()
    .where(
      _.and([
        { createdAt: _.gte(since) },
        _.or([
          { zoneId: zone._id, categoryCode: cat.code },
          { reporterOpenid: openid },
          { requestId: input.requestId },
          { joinedRequestIds: input.requestId },
        ]),
      ]),
    )
    .orderBy('createdAt', 'desc')
    .field(REPORT_PROJECTION)
    .limit(RECENT_LIMIT)
    .get();
  const recent = rowsOf(res) as RecentTicket[];

  const replay = recent.find((t) => t.requestId === input.requestId || t.joinedRequestIds?.includes(input.requestId));
  if (replay) return resultFor(replay, replay.requestId === input.requestId ? undefined : 'joined');

  // Rate limit: tickets this user opened in the last hour. "+1" joins are not counted: a user can join each
  // open ticket once at most (followers is a set), so they cannot be used to flood anyone.
  const lastHour = recent.filter((t) => t.reporterOpenid === openid && t.createdAt.getTime() > now.getTime() - HOUR).length;
  if (lastHour >= cfg.rateLimitPerHour) {
    throw new AppError(TICKET_SERVICE_ERRORS.RATE_LIMITED, `at most ${cfg.rateLimitPerHour} reports per hour`, {
      limit: cfg.rateLimitPerHour,
    });
  }

  const verdict = await checkContent(openid, input.text);
  if (verdict === 'risky') throw new AppError(TICKET_SERVICE_ERRORS.CONTENT_RISKY, '内容未通过安全检查');

  const sameProblem = recent.filter((t) => t.zoneId === zone._id && t.categoryCode === cat.code);
  const joinable = sameProblem.find(
    (t) => t.kind === 'problem' && !t.held && isOpen(t.state) && t.createdAt.getTime() >= now.getTime() - cfg.joinWindowMinutes * MINUTE,
  );
  if (joinable && verdict === 'pass') {
    await tickets()
      .where({ _id: joinable._id })
      .update({ data: { followers: _.addToSet(openid), joinedRequestIds: _.addToSet(input.requestId), joins: _.inc(1) } });
    return resultFor(joinable, 'joined');
  }

  const earlier: RepeatCandidate[] = sameProblem.map((t) => ({ ...t }));
  const [no, staff] = await Promise.all([nextTicketNo(now), staffing(zone)]);
  const held = verdict === 'review';
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
      earlier,
      assigneeId: held ? null : chooseAssignee(zone, staff),
      assetId: input.assetId,
    },
    now,
    { deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels, repeatWindowDays: cfg.repeatWindowDays },
  );
  const doc = toDoc(ticket, { held });
  try {
    await insertTicket(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // The same request is being handled concurrently and its insert won: answer with that ticket.
    const again = await tickets().where({ requestId: input.requestId }).field(REPORT_PROJECTION).limit(1).get();
    const winner = rowsOf(again)[0] as RecentTicket | undefined;
    if (!winner) throw e;
    return resultFor(winner);
  }
  if (input.rating !== undefined) {
    // A rating given with a report counts towards the zone's satisfaction like a rating-only scan.
    await recordRating({
      _id: `report-${doc._id}`,
      source: 'report',
      unitId: doc.unitId,
      zoneId: doc.zoneId,
      campusId: zone.campusId,
      categoryCode: doc.categoryCode,
      ticketId: doc._id,
      rating: input.rating,
      at: now,
    });
  }
  await notifyNewTicket(doc, staff);
  return resultFor(doc);
}

function resultFor(t: Pick<TicketDoc, '_id' | 'no' | 'held'> & { repeat?: unknown }, outcome?: 'joined'): ReportResult {
  return {
    outcome: outcome ?? (t.held ? 'held' : 'created'),
    ticketId: t._id,
    no: t.no,
    repeat: !!t.repeat,
  };
}

async function notifyNewTicket(t: TicketDoc, staff: Awaited<ReturnType<typeof staffing>>): Promise<void> {
  const people = [staff.primary, staff.backup, ...staff.managers].filter((p) => p !== null);
  const assignee = people.find((p) => p._id === t.assigneeId);
  const messages = [];
  if (assignee) {
    messages.push({ touser: assignee.openid, template: 'assigned' as const, ticketId: t._id, fields: { character_string1: t.no } });
  }
  if (t.repeat || t.held) {
    for (const m of staff.managers) {
      messages.push({
        touser: m.openid,
        template: 'managerAlert' as const,
        ticketId: t._id,
        fields: { character_string1: t.no, thing2: t.held ? '待审核的报告' : `重复问题（第${t.repeat?.count}次）` },
      });
    }
  }
  await notifyAll(messages);
}

/** Satisfaction feedback (a rating without a problem); idempotent on the request id, which is its `_id`. */
export async function createFeedback(input: RatingOnlyRequest, caller: CallerContext, now: Date): Promise<ReportResult> {
  const zone = await zoneByScene(input.sceneId);
  await recordRating(
    {
      _id: input.requestId,
      source: 'feedback',
      unitId: zone.unitId,
      zoneId: zone._id,
      campusId: zone.campusId,
      categoryCode: null,
      ticketId: null,
      rating: input.rating,
      at: now,
    },
    { openid: caller.openid },
  );
  return { outcome: 'feedback', feedbackId: input.requestId };
}

/** Whether an inspector may act in a zone of `unitId`: office level everywhere, centre level in its units. */
export async function inspectorCovers(caller: CallerContext, unitId: string): Promise<boolean> {
  if (caller.roles.some((b) => b.role === 'inspector' && b.level === 'office')) return true;
  for (const centre of unitsWhere(caller, 'inspector')) if ((await oversees(centre)).includes(unitId)) return true;
  return false;
}

/** An inspector's finding (a problem with a deadline) or positive example (recorded and closed at once). */
export async function createFinding(input: z.output<typeof CreateFindingRequest>, caller: CallerContext, now: Date) {
  const [zone, cat, cfg] = await Promise.all([zoneById(input.zoneId), category(input.categoryCode), settings('tickets')]);
  if (!(await inspectorCovers(caller, zone.unitId))) {
    throw new AppError(TICKET_ERRORS.FORBIDDEN, 'this zone is outside your inspection scope');
  }
  const problem = input.kind === 'problem';
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
      requestId: null,
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
  const doc = toDoc(ticket);
  await insertTicket(doc);
  if (problem) await notifyNewTicket(doc, staff);
  return { ticketId: doc._id, no: doc.no, state: doc.state, severity: doc.severity, repeat: doc.repeat };
}
