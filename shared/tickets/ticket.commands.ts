import type { Severity } from '../common/severity.schema';
import type { TicketAction, TicketActionRequest } from './ticket.requests.schema';
import type { TicketEvent } from './ticket.schema';

/** An event with its payload, as the state machine receives it. */
export type TicketCommand =
  | { event: 'assign'; assigneeId: string }
  | { event: 'accept' }
  | { event: 'pause'; reason: string }
  | { event: 'resume' }
  | { event: 'rectify'; afterPhotos: string[]; note: string; cause: string }
  | { event: 'approve'; rating?: number; note?: string }
  | { event: 'reject'; rating?: number; note: string }
  | { event: 'autoVerify' }
  | { event: 'close' }
  | { event: 'reassign'; assigneeId: string; reason: string }
  | { event: 'cancel'; reason: 'duplicate' | 'invalid'; note: string }
  | { event: 'requestCoordination'; reason: string }
  | { event: 'coordinationProceed'; note: string }
  | { event: 'coordinationCancel'; note: string }
  | { event: 'reopen'; reason: string }
  | { event: 'changeSeverity'; severity: Severity; reason: string }
  | { event: 'escalate'; levelIds: string[] }
  | { event: 'record' };

/** The command for one event. */
export type CommandOf<E extends TicketEvent> = Extract<TicketCommand, { event: E }>;

// Compile-time check that every event has a command shape.
const everyEventHasACommand: Exclude<TicketEvent, TicketCommand['event']> extends never ? true : never = true;
void everyEventHasACommand;

const ACTION_COMMANDS: { [A in TicketAction]: (r: TicketActionRequest<A>) => TicketCommand } = {
  assign: (r) => ({ event: 'assign', assigneeId: r.assigneeId }),
  accept: () => ({ event: 'accept' }),
  pause: (r) => ({ event: 'pause', reason: r.reason }),
  resume: () => ({ event: 'resume' }),
  rectify: (r) => ({ event: 'rectify', afterPhotos: r.afterPhotos, note: r.note, cause: r.cause }),
  verify: (r) =>
    r.approve ? { event: 'approve', rating: r.rating, note: r.note } : { event: 'reject', rating: r.rating, note: r.note ?? '' },
  reassign: (r) => ({ event: 'reassign', assigneeId: r.assigneeId, reason: r.reason }),
  cancel: (r) => ({ event: 'cancel', reason: r.reason, note: r.note }),
  requestCoordination: (r) => ({ event: 'requestCoordination', reason: r.reason }),
  decideCoordination: (r) =>
    r.decision === 'proceed' ? { event: 'coordinationProceed', note: r.note } : { event: 'coordinationCancel', note: r.note },
  reopen: (r) => ({ event: 'reopen', reason: r.reason }),
  changeSeverity: (r) => ({ event: 'changeSeverity', severity: r.severity, reason: r.reason }),
};

/** Maps a parsed action request to the machine's command: `toCommand('verify', { ticketId, approve: false, note })` is a `reject`. */
export function toCommand<A extends TicketAction>(action: A, request: TicketActionRequest<A>): TicketCommand {
  // TypeScript cannot correlate the table entry with the request type through the generic; the table's own type does.
  return (ACTION_COMMANDS[action] as (r: TicketActionRequest<A>) => TicketCommand)(request);
}
