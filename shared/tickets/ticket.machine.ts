import { SEVERITIES } from '../common/severity.schema';
import { CLOCK_RUNNING_STATES as RUNNING_STATES } from '../contract/constants';
import { changeSeverity as changeClockSeverity, dueAt, pauseClock, resumeClock, startClock } from '../deadlines/clock';
import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../deadlines/deadline.rules';
import type { DeadlineClock, DeadlineRules } from '../deadlines/deadline.schema';
import type { ServiceHours } from '../deadlines/service-hours.schema';
import { AppError } from '../errors';
import { DEFAULT_ESCALATION_LEVELS, type EscalationLevel, nextCheckAt } from '../escalation/escalation.rules';
import type { CommandOf, TicketCommand } from './ticket.commands';
import { TICKET_ERRORS } from './ticket.errors';
import type { Actor } from './ticket.roles';
import type { Ticket, TicketEvent, TicketKind, TicketRole, TicketSource, TicketState } from './ticket.schema';

/** How long a rectified report waits for its reporter before the system verifies it. */
export const AUTO_VERIFY_AFTER_MS = 24 * 60 * 60 * 1000;

/** What a transition does to the deadline clock; absent means "leave it as it is". */
export type ClockEffect = 'pause' | 'resume' | 'restart';

/** Named preconditions beyond state and role, each with its own error code. */
export type GuardName = 'autoVerifyDue';

/** Named conditions on the command under which a row takes narrower roles (`TransitionRule.narrow`). */
export type NarrowName = 'lowersSeverity';

/** One row of the table. `roles` is per source; an empty list means the transition does not exist for that source. */
export interface TransitionRule {
  readonly to: TicketState;
  readonly roles: Readonly<Record<TicketSource, readonly TicketRole[]>>;
  readonly clock?: ClockEffect;
  readonly guard?: GuardName;
  /** When the condition holds for the command, only these roles may fire it (still per source). */
  readonly narrow?: { readonly when: NarrowName; readonly roles: Readonly<Record<TicketSource, readonly TicketRole[]>> };
}

/** The lifecycle as data: state → event → rule. A pair that is absent cannot happen. */
export type TransitionTable = { readonly [S in TicketState]: { readonly [E in TicketEvent]?: TransitionRule } };

const any = (...roles: TicketRole[]) => ({ report: roles, finding: roles });
const verifier = { report: ['reporter'], finding: ['inspectorInScope'] } as const satisfies TransitionRule['roles'];

/**
 * Cancelling: a report by its unit's manager or an admin; a finding only by the inspector who filed it, an
 * office inspector or an admin, never by the manager of the unit it is against (a cancelled ticket is not
 * scored, so that would erase the deduction).
 */
const MANAGE = {
  report: ['unitManager', 'admin'],
  finding: ['findingInspector', 'officeInspector', 'admin'],
} as const satisfies TransitionRule['roles'];
// 'system': the escalation timer hands an off-duty person's open tickets to the zone's backup.
const REASSIGN = any('unitManager', 'officeInspector', 'admin', 'system');
const SEVERITY = any('inspectorInScope', 'admin');
/** Lowering severity takes the office: a centre inspector may raise it in their centre's units, not lower it. */
const LOWER_SEVERITY = { when: 'lowersSeverity', roles: any('officeInspector', 'admin') } as const satisfies TransitionRule['narrow'];
const COORDINATE = any('assignee', 'unitManager');
const DECIDE = any('officeInspector', 'admin');
const REOPEN = any('inspectorInScope', 'admin');
const SYSTEM = any('system');

/**
 * The problem lifecycle. The clock runs in reported, assigned, accepted and rework, and is stopped everywhere
 * else; `clock` effects keep it that way (a test checks every row).
 */
export const PROBLEM_TRANSITIONS: TransitionTable = {
  reported: {
    assign: { to: 'assigned', roles: any('system', 'unitManager', 'admin') },
    cancel: { to: 'cancelled', roles: MANAGE, clock: 'pause' },
    changeSeverity: { to: 'reported', roles: SEVERITY, narrow: LOWER_SEVERITY },
    escalate: { to: 'reported', roles: SYSTEM },
  },
  assigned: {
    accept: { to: 'accepted', roles: any('assignee') },
    reassign: { to: 'assigned', roles: REASSIGN },
    requestCoordination: { to: 'coordinating', roles: COORDINATE, clock: 'pause' },
    cancel: { to: 'cancelled', roles: MANAGE, clock: 'pause' },
    changeSeverity: { to: 'assigned', roles: SEVERITY, narrow: LOWER_SEVERITY },
    escalate: { to: 'assigned', roles: SYSTEM },
  },
  accepted: {
    pause: { to: 'paused', roles: any('assignee', 'unitManager'), clock: 'pause' },
    rectify: { to: 'rectified', roles: any('assignee'), clock: 'pause' },
    reassign: { to: 'assigned', roles: REASSIGN },
    requestCoordination: { to: 'coordinating', roles: COORDINATE, clock: 'pause' },
    cancel: { to: 'cancelled', roles: MANAGE, clock: 'pause' },
    changeSeverity: { to: 'accepted', roles: SEVERITY, narrow: LOWER_SEVERITY },
    escalate: { to: 'accepted', roles: SYSTEM },
  },
  paused: {
    // 'system': the escalation timer resumes a ticket whose pauses reached the configured cap.
    resume: { to: 'accepted', roles: any('assignee', 'unitManager', 'system'), clock: 'resume' },
    reassign: { to: 'assigned', roles: REASSIGN, clock: 'resume' },
    cancel: { to: 'cancelled', roles: MANAGE },
    changeSeverity: { to: 'paused', roles: SEVERITY, narrow: LOWER_SEVERITY },
  },
  coordinating: {
    coordinationProceed: { to: 'accepted', roles: DECIDE, clock: 'resume' },
    coordinationCancel: { to: 'cancelled', roles: DECIDE },
    reassign: { to: 'assigned', roles: DECIDE, clock: 'resume' },
    changeSeverity: { to: 'coordinating', roles: SEVERITY, narrow: LOWER_SEVERITY },
  },
  rectified: {
    approve: { to: 'verified', roles: verifier },
    reject: { to: 'rework', roles: verifier, clock: 'resume' },
    autoVerify: { to: 'verified', roles: { report: ['system'], finding: [] }, guard: 'autoVerifyDue' },
  },
  // Rework continues the original clock: the deadline was the commitment, and 查而不改 should escalate.
  rework: {
    rectify: { to: 'rectified', roles: any('assignee'), clock: 'pause' },
    reassign: { to: 'assigned', roles: REASSIGN },
    changeSeverity: { to: 'rework', roles: SEVERITY, narrow: LOWER_SEVERITY },
    escalate: { to: 'rework', roles: SYSTEM },
  },
  verified: {
    close: { to: 'closed', roles: any('system', 'admin') },
    reopen: { to: 'assigned', roles: REOPEN, clock: 'restart' },
  },
  closed: {
    reopen: { to: 'assigned', roles: REOPEN, clock: 'restart' },
  },
  cancelled: {},
};

/** A positive example (典型) is recorded and closed at once; nothing else can happen to it. */
export const POSITIVE_TRANSITIONS: TransitionTable = {
  reported: { record: { to: 'closed', roles: SYSTEM } },
  assigned: {},
  accepted: {},
  paused: {},
  coordinating: {},
  rectified: {},
  rework: {},
  verified: {},
  closed: {},
  cancelled: {},
};

/** The table for each ticket kind. */
export const TRANSITIONS: Readonly<Record<TicketKind, TransitionTable>> = { problem: PROBLEM_TRANSITIONS, positive: POSITIVE_TRANSITIONS };

/** States in which the deadline clock consumes time (defined once in the contract; typed here as states). */
export const CLOCK_RUNNING_STATES: readonly TicketState[] = RUNNING_STATES;

/** What a transition needs besides the ticket: the zone's hours and, optionally, configured rules. */
export interface TransitionEnv {
  hours: ServiceHours;
  deadlineRules?: DeadlineRules;
  escalationLevels?: readonly EscalationLevel[];
}

interface EffectContext {
  ticket: Ticket;
  now: Date;
  env: TransitionEnv;
}

type Effect<E extends TicketEvent> = (c: CommandOf<E>, x: EffectContext) => Partial<Ticket>;

const ruleFor = ({ ticket, env }: EffectContext, severity = ticket.severity) =>
  resolveDeadlineRule(env.deadlineRules ?? DEFAULT_DEADLINE_RULES, ticket.deadlineRuleId ?? '', severity);

/** What each event changes besides state and clock; payload checks that are not about legality live here. */
const EFFECTS: { [E in TicketEvent]: Effect<E> } = {
  assign: (c) => ({ assigneeId: c.assigneeId }),
  accept: () => ({}),
  pause: () => ({}),
  resume: () => ({}),
  rectify: (c, { ticket, now }) => ({
    rectification: { at: now, afterPhotos: c.afterPhotos, note: c.note, cause: c.cause },
    autoVerifyAt: ticket.source === 'report' ? new Date(now.getTime() + AUTO_VERIFY_AFTER_MS) : null,
  }),
  approve: (c) => ({ verifyRating: c.rating ?? null, autoVerifyAt: null }),
  reject: (c, { ticket }) => ({ verifyRating: c.rating ?? null, autoVerifyAt: null, rework: ticket.rework + 1, notRectified: true }),
  autoVerify: () => ({ autoVerifyAt: null }),
  close: () => ({}),
  reassign: (c, { ticket }) => {
    if (c.assigneeId === ticket.assigneeId)
      throw new AppError(TICKET_ERRORS.SAME_ASSIGNEE, 'the ticket is already assigned to this person');
    return { assigneeId: c.assigneeId };
  },
  cancel: (c) => ({ cancelReason: c.reason }),
  requestCoordination: () => ({}),
  coordinationProceed: () => ({}),
  coordinationCancel: () => ({ cancelReason: 'coordination' }),
  reopen: () => ({ notRectified: true, escalationLevelsFired: [] }),
  changeSeverity: (c, x) => {
    if (c.severity === x.ticket.severity) throw new AppError(TICKET_ERRORS.SEVERITY_UNCHANGED, `severity is already ${c.severity}`);
    const clock = x.ticket.clock && changeClockSeverity(x.ticket.clock, ruleFor(x, c.severity), x.env.hours, x.now);
    return { severity: c.severity, clock };
  },
  escalate: (c, { ticket }) => ({ escalationLevelsFired: [...new Set([...ticket.escalationLevelsFired, ...c.levelIds])] }),
  record: () => ({}),
};

const noteOf = (c: TicketCommand): string | undefined => {
  switch (c.event) {
    case 'pause':
    case 'reassign':
    case 'requestCoordination':
    case 'reopen':
    case 'changeSeverity':
      return c.reason;
    case 'cancel':
      return `${c.reason}: ${c.note}`;
    case 'rectify':
    case 'reject':
    case 'coordinationProceed':
    case 'coordinationCancel':
    case 'approve':
      return c.note;
    case 'escalate':
      return c.levelIds.join(',');
    default:
      return undefined;
  }
};

function applyClock(clock: DeadlineClock | null, effect: ClockEffect | undefined, x: EffectContext): DeadlineClock | null {
  if (!clock || !effect) return clock;
  if (effect === 'pause') return pauseClock(clock, x.env.hours, x.now);
  if (effect === 'resume') return resumeClock(clock, x.now);
  return startClock(ruleFor(x), x.env.hours, x.now);
}

function checkGuard(guard: GuardName | undefined, ticket: Ticket, now: Date): void {
  if (guard === 'autoVerifyDue' && (!ticket.autoVerifyAt || now < ticket.autoVerifyAt)) {
    throw new AppError(TICKET_ERRORS.AUTO_VERIFY_NOT_DUE, 'the reporter still has time to verify', { autoVerifyAt: ticket.autoVerifyAt });
  }
}

function narrowApplies(when: NarrowName, ticket: Pick<Ticket, 'severity'>, command: TicketCommand): boolean {
  if (when === 'lowersSeverity') {
    return command.event === 'changeSeverity' && SEVERITIES.indexOf(command.severity) < SEVERITIES.indexOf(ticket.severity);
  }
  return false;
}

/** Whether a row's narrowing (if any) lets `actor` fire `command` on `ticket`: true when it does not apply. */
export function narrowAllows(
  rule: TransitionRule,
  ticket: Pick<Ticket, 'severity' | 'source'>,
  command: TicketCommand,
  actor: Actor,
): boolean {
  return !(
    rule.narrow &&
    narrowApplies(rule.narrow.when, ticket, command) &&
    !rule.narrow.roles[ticket.source].some((r) => actor.roles.includes(r))
  );
}

/** The table row for an event on a ticket, or undefined when the transition does not exist. */
export function ruleOf(ticket: Pick<Ticket, 'kind' | 'source' | 'state'>, event: TicketEvent): TransitionRule | undefined {
  const rule = TRANSITIONS[ticket.kind][ticket.state][event];
  return rule && rule.roles[ticket.source].length > 0 ? rule : undefined;
}

/** Events the actor may fire on the ticket now (for showing buttons); guards are not evaluated. */
export function availableEvents(ticket: Pick<Ticket, 'kind' | 'source' | 'state'>, actor: Actor): TicketEvent[] {
  return (Object.keys(TRANSITIONS[ticket.kind][ticket.state]) as TicketEvent[]).filter((e) =>
    ruleOf(ticket, e)?.roles[ticket.source].some((r) => actor.roles.includes(r)),
  );
}

/**
 * Fires an event: returns the new ticket with state, clock, deadline, next timer check and history updated,
 * `version + 1` and `updatedAt = now`. Throws `TICKET.INVALID_TRANSITION` for a pair not in the table and
 * `TICKET.FORBIDDEN` when the actor holds none of the row's roles.
 */
export function transition(ticket: Ticket, command: TicketCommand, actor: Actor, now: Date, env: TransitionEnv): Ticket {
  const rule = ruleOf(ticket, command.event);
  if (!rule) {
    throw new AppError(
      TICKET_ERRORS.INVALID_TRANSITION,
      `cannot ${command.event} a ${ticket.kind} ${ticket.source} in state ${ticket.state}`,
      {
        state: ticket.state,
        event: command.event,
      },
    );
  }
  const role = rule.roles[ticket.source].find((r) => actor.roles.includes(r));
  if (!role) {
    throw new AppError(TICKET_ERRORS.FORBIDDEN, `not allowed to ${command.event} this ticket`, {
      event: command.event,
      allowed: rule.roles[ticket.source],
    });
  }
  if (rule.narrow && !narrowAllows(rule, ticket, command, actor)) {
    throw new AppError(TICKET_ERRORS.FORBIDDEN, `not allowed to ${command.event} this ticket this way`, {
      event: command.event,
      when: rule.narrow.when,
      allowed: rule.narrow.roles[ticket.source],
    });
  }
  checkGuard(rule.guard, ticket, now);

  const x: EffectContext = { ticket, now, env };
  // The effect table is typed per event; TypeScript cannot correlate `command.event` with its entry here.
  const patch = (EFFECTS[command.event] as Effect<TicketEvent>)(command as never, x);
  const clock = applyClock(patch.clock !== undefined ? patch.clock : ticket.clock, rule.clock, x);
  const fired = patch.escalationLevelsFired ?? ticket.escalationLevelsFired;
  const note = noteOf(command);
  return {
    ...ticket,
    ...patch,
    state: rule.to,
    clock,
    dueAt: clock && dueAt(clock, env.hours),
    nextCheckAt: nextCheckAt(clock, env.hours, fired, env.escalationLevels ?? DEFAULT_ESCALATION_LEVELS),
    escalationLevelsFired: fired,
    history: [
      ...ticket.history,
      { at: now, actorId: actor.id, role, event: command.event, from: ticket.state, to: rule.to, ...(note ? { note } : {}) },
    ],
    version: ticket.version + 1,
    updatedAt: now,
  };
}
