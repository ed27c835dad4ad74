import { z } from 'zod';
import { FileId, Id, Photos, Rating, RequestId, Text } from '../common/ids.schema';
import { Severity } from '../common/severity.schema';
import { DeadlineClock } from '../deadlines/deadline.schema';
import { CategoryCode } from '../org/category.schema';
import { TicketNo } from './ticket-no';

/** Lifecycle states; see ticket.machine.ts for the transitions between them. */
export const TICKET_STATES = [
  'reported',
  'assigned',
  'accepted',
  'paused',
  'coordinating',
  'rectified',
  'rework',
  'verified',
  'closed',
  'cancelled',
] as const;
export const TicketState = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketState>;

/** Events a ticket can receive; `create` only ever opens the history. */
export const TICKET_EVENTS = [
  'assign',
  'accept',
  'pause',
  'resume',
  'rectify',
  'approve',
  'reject',
  'autoVerify',
  'close',
  'reassign',
  'cancel',
  'requestCoordination',
  'coordinationProceed',
  'coordinationCancel',
  'reopen',
  'changeSeverity',
  'escalate',
  'record',
] as const;
export const TicketEvent = z.enum(TICKET_EVENTS);
export type TicketEvent = z.infer<typeof TicketEvent>;

/** Roles a caller holds relative to one ticket (computed by `relationsTo`). */
export const TicketRole = z.enum([
  'system',
  'admin',
  'officeInspector',
  'inspectorInScope',
  'unitManager',
  'assignee',
  'reporter',
  /** The inspector who filed the finding. */
  'findingInspector',
]);
export type TicketRole = z.infer<typeof TicketRole>;

export const TicketSource = z.enum(['report', 'finding']);
export type TicketSource = z.infer<typeof TicketSource>;

/** A problem to rectify, or a positive example (典型) that is recorded and closed at once. */
export const TicketKind = z.enum(['problem', 'positive']);
export type TicketKind = z.infer<typeof TicketKind>;

/** Why a ticket was cancelled. */
export const CancelReason = z.enum(['duplicate', 'invalid', 'coordination']);
export type CancelReason = z.infer<typeof CancelReason>;

/** One append-only history entry; `actorId` is a person id, an unregistered reporter's openid, or 'system'. */
export const HistoryEntry = z.object({
  at: z.date(),
  actorId: Id,
  role: TicketRole,
  event: z.union([TicketEvent, z.literal('create')]),
  from: TicketState.nullable(),
  to: TicketState,
  note: z.string().max(500).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The latest rectification by the assignee. */
export const Rectification = z.object({ at: z.date(), afterPhotos: z.array(FileId).min(1).max(6), note: Text(500), cause: Text(200) });
export type Rectification = z.infer<typeof Rectification>;

/** The ticket document. Problem tickets carry a deadline clock; positive examples carry none. */
export const Ticket = z
  .object({
    _id: Id,
    no: TicketNo,
    requestId: RequestId.nullable(),
    source: TicketSource,
    kind: TicketKind,
    zoneId: Id,
    zonePath: z.array(Id).max(8),
    unitId: Id,
    categoryCode: CategoryCode,
    severity: Severity,
    description: Text(500),
    photos: Photos,
    checklistItem: Text(100).nullable(),
    rating: Rating.nullable(),
    reporterOpenid: Id.nullable(),
    inspectorId: Id.nullable(),
    followers: z.array(Id).max(50),
    assigneeId: Id.nullable(),
    state: TicketState,
    deadlineRuleId: z.string().nullable(),
    clock: DeadlineClock.nullable(),
    dueAt: z.date().nullable(),
    rectification: Rectification.nullable(),
    autoVerifyAt: z.date().nullable(),
    verifyRating: Rating.nullable(),
    cancelReason: CancelReason.nullable(),
    rework: z.number().int().nonnegative(),
    repeat: z.object({ count: z.number().int().positive(), ofTicketId: Id, fromSeverity: Severity.optional() }).nullable(),
    notRectified: z.boolean(),
    history: z.array(HistoryEntry).min(1),
    version: z.number().int().nonnegative(),
    createdAt: z.date(),
    updatedAt: z.date(),
    nextCheckAt: z.date().nullable(),
    escalationLevelsFired: z.array(z.string()),
    /** The fixed asset a facility-damage ticket names (issue 14); absent on other tickets. */
    assetId: Id.nullable().optional(),
  })
  .superRefine((t, ctx) => {
    const fail = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (t.source === 'report' && !t.reporterOpenid) fail('a report has a reporter', 'reporterOpenid');
    if (t.source === 'finding' && !t.inspectorId) fail('a finding has an inspector', 'inspectorId');
    if (t.kind === 'positive' && t.clock) fail('a positive example has no deadline', 'clock');
    if (t.kind === 'problem' && !t.clock) fail('a problem has a deadline clock', 'clock');
  });
export type Ticket = z.infer<typeof Ticket>;
