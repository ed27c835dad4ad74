import { SEVERITIES, type Severity } from '../common/severity.schema';
import type { TicketButton } from '../contract/tickets.contract';
import { availableEvents, narrowAllows, ruleOf } from './ticket.machine';
import type { TicketAction } from './ticket.requests.schema';
import type { Actor } from './ticket.roles';
import type { Ticket, TicketEvent } from './ticket.schema';

/**
 * What a person can press on a ticket (shared/contract `TicketButton`): one button per event of the transition
 * table that a person (not the timer) fires. The ticket page shows exactly `buttonsFor(ticket, actor)`, so the
 * buttons and the server's legality check read the same table and a state with a way out always shows it.
 */
export type { TicketButton };

/**
 * The button for each event, or null for events only the system fires. `assign` is `releaseHeld` while the
 * report is held by the content check (the manager releases it and the zone's rota picks the assignee), and
 * `assign` (pick a person) for a report no rota could place (`buttonsFor`);
 * `close` follows verification in the same write, so a verified ticket never waits for it.
 */
export const EVENT_BUTTONS: { readonly [E in TicketEvent]: TicketButton | null } = {
  assign: 'releaseHeld',
  accept: 'accept',
  pause: 'pause',
  resume: 'resume',
  rectify: 'rectify',
  approve: 'approve',
  reject: 'reject',
  autoVerify: null,
  close: null,
  reassign: 'reassign',
  cancel: 'cancel',
  requestCoordination: 'requestCoordination',
  coordinationProceed: 'coordinationProceed',
  coordinationCancel: 'coordinationCancel',
  reopen: 'reopen',
  changeSeverity: 'changeSeverity',
  escalate: null,
  record: null,
};

/** The cloud-function action each button calls, with the part of the payload the button itself fixes. */
export const BUTTON_ACTIONS: { readonly [B in TicketButton]: { action: TicketAction | 'releaseHeld'; fixed?: Record<string, unknown> } } = {
  releaseHeld: { action: 'releaseHeld' },
  assign: { action: 'assign' },
  accept: { action: 'accept' },
  pause: { action: 'pause' },
  resume: { action: 'resume' },
  rectify: { action: 'rectify' },
  approve: { action: 'verify', fixed: { approve: true } },
  reject: { action: 'verify', fixed: { approve: false } },
  reassign: { action: 'reassign' },
  cancel: { action: 'cancel' },
  requestCoordination: { action: 'requestCoordination' },
  coordinationProceed: { action: 'decideCoordination', fixed: { decision: 'proceed' } },
  coordinationCancel: { action: 'decideCoordination', fixed: { decision: 'cancel' } },
  reopen: { action: 'reopen' },
  changeSeverity: { action: 'changeSeverity' },
};

/**
 * The levels `actor` may change `ticket`'s severity to, read from the same row the server checks (its `narrow`:
 * lowering takes the office, so a centre inspector is offered only higher levels). Empty when the row is not
 * theirs or nothing is left to choose: `severityChoices(majorTicket, centreInspector)` → `['critical']`.
 */
export function severityChoices(ticket: Pick<Ticket, 'kind' | 'source' | 'state' | 'severity'>, actor: Actor): Severity[] {
  const rule = ruleOf(ticket, 'changeSeverity');
  if (!rule?.roles[ticket.source].some((r) => actor.roles.includes(r))) return [];
  return SEVERITIES.filter(
    (severity) => severity !== ticket.severity && narrowAllows(rule, ticket, { event: 'changeSeverity', severity, reason: '' }, actor),
  );
}

/**
 * The buttons `actor` sees on `ticket`, in the table's order: `buttonsFor(assignedTicket, assignee)` →
 * `['accept', 'requestCoordination']`. The severity button shows only when there is a level this actor may choose.
 */
export function buttonsFor(
  ticket: Pick<Ticket, 'kind' | 'source' | 'state' | 'severity'> & { held?: boolean },
  actor: Actor,
): TicketButton[] {
  return availableEvents(ticket, actor).flatMap((e) => {
    const b = EVENT_BUTTONS[e];
    if (b === null) return [];
    // A held report is released (the rota assigns it); one nobody could be assigned to is assigned by hand.
    if (e === 'assign') return [ticket.held ? 'releaseHeld' : 'assign'];
    if (e === 'changeSeverity' && severityChoices(ticket, actor).length === 0) return [];
    return [b];
  });
}
