import { AppError } from '../errors';
import { ACCOUNTABILITY_ERRORS } from './accountability.errors';

export { ACTION_LABELS, CASE_STATE_LABELS } from './accountability.labels';

/**
 * An accountability case (问责事项): proposed by the nightly job, confirmed or dismissed by a leader with a
 * reason, and closed with the action taken. Every step appends to an immutable history; nothing leaves
 * `dismissed` or `closed`, and a confirmed case cannot be confirmed again.
 */
export const CASE_STATES = ['proposed', 'confirmed', 'dismissed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_EVENTS = ['confirm', 'dismiss', 'close'] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const CASE_TRANSITIONS: { readonly [S in CaseState]: { readonly [E in CaseEvent]?: CaseState } } = {
  proposed: { confirm: 'confirmed', dismiss: 'dismissed' },
  confirmed: { close: 'closed' },
  dismissed: {},
  closed: {},
};

/** What was done: 通报 (a circulated notice), 约谈 (a talk), points off the unit's score, referral. */
export const ACCOUNTABILITY_ACTIONS = ['notice', 'talk', 'points', 'referral'] as const;
export type AccountabilityAction = (typeof ACCOUNTABILITY_ACTIONS)[number];

/** The state after `event`, or ACCOUNTABILITY.INVALID_TRANSITION (a case confirmed twice lands here). */
export function nextCaseState(state: CaseState, event: CaseEvent): CaseState {
  const to = CASE_TRANSITIONS[state][event];
  if (!to) throw new AppError(ACCOUNTABILITY_ERRORS.INVALID_TRANSITION, `cannot ${event} a ${state} case`, { state, event });
  return to;
}

/** The action record is complete: points need a positive number; the others none. */
export function checkAction(a: { kind: AccountabilityAction; points?: number }): void {
  if (a.kind === 'points' && !(a.points && a.points > 0)) {
    throw new AppError(ACCOUNTABILITY_ERRORS.ACTION_INVALID, 'points action needs points > 0');
  }
}
