import { AppError } from '../errors';
import { PATROL_ERRORS } from './patrol.errors';

/**
 * The lifecycle of a patrol occurrence (one planned visit of one zone in one slot), as data like
 * shared/tickets/ticket.machine.ts: state → event → next state and who may fire it. A pair that is absent
 * cannot happen. `visiting` links the occurrence to the visit that was started by scanning the zone's code.
 */
export const OCCURRENCE_STATES = ['upcoming', 'open', 'visiting', 'doneOnTime', 'doneLate', 'missed', 'excused'] as const;
export type OccurrenceState = (typeof OCCURRENCE_STATES)[number];

export type OccurrenceEvent = 'open' | 'begin' | 'finishOnTime' | 'finishLate' | 'miss' | 'excuse';

/** Who fires an event: the timer, an assignee on site, or a plan owner / unit manager / admin excusing it. */
export type OccurrenceActor = 'system' | 'assignee' | 'owner';

export interface OccurrenceRule {
  readonly to: OccurrenceState;
  readonly by: readonly OccurrenceActor[];
}

export const OCCURRENCE_TRANSITIONS: { readonly [S in OccurrenceState]: { readonly [E in OccurrenceEvent]?: OccurrenceRule } } = {
  // An inspector who arrives a little early may begin before the window opens.
  upcoming: {
    open: { to: 'open', by: ['system'] },
    begin: { to: 'visiting', by: ['assignee'] },
    miss: { to: 'missed', by: ['system'] },
    excuse: { to: 'excused', by: ['owner'] },
  },
  open: {
    begin: { to: 'visiting', by: ['assignee'] },
    miss: { to: 'missed', by: ['system'] },
    excuse: { to: 'excused', by: ['owner'] },
  },
  // A visit under way is never marked missed: it ends on time or late.
  visiting: {
    finishOnTime: { to: 'doneOnTime', by: ['assignee'] },
    finishLate: { to: 'doneLate', by: ['assignee'] },
  },
  doneOnTime: {},
  doneLate: {},
  // Mobaro's practice: a missed check can be approved as excused, with a reason, and stays in the register.
  missed: { excuse: { to: 'excused', by: ['owner'] } },
  excused: {},
};

/** States that count as finished for compliance. */
export const CLOSED_STATES: readonly OccurrenceState[] = ['doneOnTime', 'doneLate', 'missed', 'excused'];

/** The next state for `event` by `actor`, or the coded error when the pair does not exist or the actor may not. */
export function transition(state: OccurrenceState, event: OccurrenceEvent, actor: OccurrenceActor): OccurrenceState {
  const rule = OCCURRENCE_TRANSITIONS[state][event];
  if (!rule) throw new AppError(PATROL_ERRORS.INVALID_TRANSITION, `cannot ${event} an occurrence that is ${state}`, { state, event });
  if (!rule.by.includes(actor)) throw new AppError(PATROL_ERRORS.INVALID_TRANSITION, `${actor} cannot ${event}`, { state, event });
  return rule.to;
}

/** How a visit that began at `startedAt` finishes its occurrence: on time when it began by the due time. */
export const finishEvent = (dueAt: Date, startedAt: Date): 'finishOnTime' | 'finishLate' =>
  startedAt.getTime() <= dueAt.getTime() ? 'finishOnTime' : 'finishLate';

/**
 * What the timer does to an occurrence at `now`: open it once its window starts, mark it missed once the grace
 * after its due time is over, or nothing. `sweepEvent({state:'open', startAt, missAt}, now)`.
 */
export function sweepEvent(o: { state: OccurrenceState; startAt: Date; missAt: Date }, now: Date): 'open' | 'miss' | null {
  if ((o.state === 'upcoming' || o.state === 'open') && now.getTime() >= o.missAt.getTime()) return 'miss';
  if (o.state === 'upcoming' && now.getTime() >= o.startAt.getTime()) return 'open';
  return null;
}

/** Compliance counters (`s` scheduled and due, `on` done on time, `late`, `miss`, `exc` excused). */
export type ComplianceKey = 's' | 'on' | 'late' | 'miss' | 'exc';

/**
 * The counter changes a transition makes. An occurrence counts as scheduled when it reaches its outcome (so
 * every occurrence counts exactly once, and one still under way counts nowhere); excusing a missed one moves
 * it from `miss` to `exc`. On-time compliance is `on / (s - exc)`.
 */
export function complianceDelta(from: OccurrenceState, to: OccurrenceState): Partial<Record<ComplianceKey, number>> {
  const key: Partial<Record<OccurrenceState, ComplianceKey>> = { doneOnTime: 'on', doneLate: 'late', missed: 'miss', excused: 'exc' };
  const k = key[to];
  const was = key[from];
  if (!k || from === to) return {};
  return was ? { [was]: -1, [k]: 1 } : { s: 1, [k]: 1 };
}

/** On-time compliance, or null when nothing was due: done on time ÷ (scheduled − excused). */
export const onTimeRate = (c: Partial<Record<ComplianceKey, number>>): number | null => {
  const due = (c.s ?? 0) - (c.exc ?? 0);
  return due > 0 ? (c.on ?? 0) / due : null;
};
