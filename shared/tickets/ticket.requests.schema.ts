import { z } from 'zod';
import { Id, Photos, Rating, RequestId, SceneId, Text } from '../common/ids.schema';
import { Severity } from '../common/severity.schema';
import { LIMITS } from '../contract/constants';
import { CategoryCode } from '../org/category.schema';
import { TicketKind } from './ticket.schema';

/** A clause of an outsourced-service contract, as cited by a finding (shared/contracts `ClauseCode`). */
const CitedClause = z.string().regex(/^[A-Z][A-Z0-9]{0,5}-\d{2,3}$/, 'expected a code like BJ-01');

// Every request is strict: unknown keys are rejected rather than silently dropped, so a client cannot smuggle
// fields (state, assignee, timestamps) past the handler.

/** A reporter scans a zone's QR code and reports a problem. */
export const CreateReportRequest = z.strictObject({
  requestId: RequestId,
  sceneId: SceneId,
  categoryCode: CategoryCode,
  text: Text(LIMITS.reportText),
  photos: Photos.default([]),
  rating: Rating.optional(),
  /** A facility-damage report may name the fixed asset (its id from the asset card). */
  assetId: Id.optional(),
});

/** A rating without a problem (satisfaction feedback on a zone), sent through the same QR entry point. */
export const RatingOnlyRequest = z.strictObject({
  requestId: RequestId,
  sceneId: SceneId,
  rating: Rating,
});

/** An inspector records a finding (problem) or a positive example in a zone. */
export const CreateFindingRequest = z.strictObject({
  zoneId: Id,
  categoryCode: CategoryCode,
  severity: Severity,
  description: Text(LIMITS.findingText),
  photos: Photos.default([]),
  checklistItem: Text(100).optional(),
  kind: TicketKind.default('problem'),
  /** The contract clause this finding breaches; it must belong to a contract covering the zone. */
  clauseCode: CitedClause.optional(),
  /** The fixed asset the finding is about, if any. */
  assetId: Id.optional(),
});

const onTicket = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ticketId: Id, ...shape });

/** A report in 待分派 that no rota could place (not held) given to someone of its unit by its manager or the office. */
export const AssignRequest = onTicket({ assigneeId: Id });
export const AcceptRequest = onTicket({});
export const PauseRequest = onTicket({ reason: Text(LIMITS.reason) });
export const ResumeRequest = onTicket({});
export const RectifyRequest = onTicket({ afterPhotos: Photos.min(1), note: Text(LIMITS.note), cause: Text(LIMITS.cause) });
/** Approve or reject a rectification; a rejection must say why. */
export const VerifyRequest = onTicket({ approve: z.boolean(), rating: Rating.optional(), note: Text(LIMITS.note).optional() }).refine(
  (r) => r.approve || r.note !== undefined,
  { message: 'a rejection needs a note', path: ['note'] },
);
export const ReassignRequest = onTicket({ assigneeId: Id, reason: Text(LIMITS.reason) });
export const CancelRequest = onTicket({ reason: z.enum(['duplicate', 'invalid']), note: Text(LIMITS.reason) });
export const RequestCoordinationRequest = onTicket({ reason: Text(500) });
export const DecideCoordinationRequest = onTicket({ decision: z.enum(['proceed', 'cancel']), note: Text(500) });
export const ReopenRequest = onTicket({ reason: Text(500) });
export const ChangeSeverityRequest = onTicket({ severity: Severity, reason: Text(200) });

/** Request schemas of the actions on an existing ticket, by action name. */
export const TICKET_ACTION_REQUESTS = {
  assign: AssignRequest,
  accept: AcceptRequest,
  pause: PauseRequest,
  resume: ResumeRequest,
  rectify: RectifyRequest,
  verify: VerifyRequest,
  reassign: ReassignRequest,
  cancel: CancelRequest,
  requestCoordination: RequestCoordinationRequest,
  decideCoordination: DecideCoordinationRequest,
  reopen: ReopenRequest,
  changeSeverity: ChangeSeverityRequest,
} as const;
export type TicketAction = keyof typeof TICKET_ACTION_REQUESTS;
export type TicketActionRequest<A extends TicketAction> = z.infer<(typeof TICKET_ACTION_REQUESTS)[A]>;
export type CreateReportRequest = z.infer<typeof CreateReportRequest>;
export type RatingOnlyRequest = z.infer<typeof RatingOnlyRequest>;
export type CreateFindingRequest = z.infer<typeof CreateFindingRequest>;
