import { AppError } from '../errors';
import { CONTRACT_ERRORS } from './contract.errors';

export { SIGNOFF_LABELS } from './contract.labels';

/**
 * The sign-off of a contract's monthly assessment in WeChat: the supervising unit signs, then the office
 * (总务部) approves; either may return it with a reason (the admin then recomputes, which starts a new
 * sign-off on the new run). Nothing leaves `approved` or `returned`.
 */
export const SIGNOFF_STATES = ['pending', 'supervisorSigned', 'approved', 'returned'] as const;
export type SignoffState = (typeof SIGNOFF_STATES)[number];
export const SIGNOFF_EVENTS = ['sign', 'approve', 'return'] as const;
export type SignoffEvent = (typeof SIGNOFF_EVENTS)[number];
/** Who acts: a manager of the contract's supervising unit, or the office (admin or an office manager). */
export type SignoffRole = 'supervisingUnit' | 'office';

export interface SignoffRule {
  readonly to: SignoffState;
  readonly roles: readonly SignoffRole[];
}

/** state → event → rule; an absent pair cannot happen. */
export const SIGNOFF_TRANSITIONS: { readonly [S in SignoffState]: { readonly [E in SignoffEvent]?: SignoffRule } } = {
  pending: { sign: { to: 'supervisorSigned', roles: ['supervisingUnit'] }, return: { to: 'returned', roles: ['supervisingUnit'] } },
  supervisorSigned: { approve: { to: 'approved', roles: ['office'] }, return: { to: 'returned', roles: ['office'] } },
  approved: {},
  returned: {},
};

/** The next state, or a coded error: wrong state → CONTRACT.INVALID_SIGNOFF, wrong unit → CONTRACT.NOT_SIGNER. */
export function nextSignoff(
  state: SignoffState,
  event: SignoffEvent,
  roles: readonly SignoffRole[],
): { to: SignoffState; role: SignoffRole } {
  const rule = SIGNOFF_TRANSITIONS[state][event];
  if (!rule) throw new AppError(CONTRACT_ERRORS.INVALID_SIGNOFF, `cannot ${event} an assessment that is ${state}`, { state, event });
  const role = rule.roles.find((r) => roles.includes(r));
  if (!role) throw new AppError(CONTRACT_ERRORS.NOT_SIGNER, `${event} needs ${rule.roles.join(' or ')}`, { state, event });
  return { to: rule.to, role };
}
