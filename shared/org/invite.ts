import { z } from 'zod';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH, INVITE_CODE_RE } from '../contract/constants';
import { AppError } from '../errors';
import { INVITE_ERRORS } from './invite.errors';
import type { RoleBinding } from './person.schema';
import type { Unit } from './unit.schema';

export { INVITE_ALPHABET, INVITE_CODE_LENGTH, INVITE_ERRORS };

/*
 * Invite codes: an admin creates one for a unit and some roles; a WeChat user types it in and becomes staff,
 * a manager or an inspector. The alphabet and length are in shared/contract/constants.ts (the mini-program
 * checks a typed code against the same pattern).
 */

/**
 * An invite code as typed: case, spaces and hyphens do not matter. `InviteCode.parse(' abcd-efgh ')` → `'ABCDEFGH'`.
 */
export const InviteCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').toUpperCase() : v),
  z.string().regex(INVITE_CODE_RE, 'invalid invite code'),
);

/** A code from random bytes supplied by the caller (at least 8): `inviteCodeFrom(randomBytes(8))`. */
export function inviteCodeFrom(bytes: ArrayLike<number>): string {
  if (bytes.length < INVITE_CODE_LENGTH) throw new RangeError(`need ${INVITE_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[bytes[i] & 31];
  return code;
}

/** Roles an invite may grant. Leaders and admins are appointed by an admin directly, never by a code. */
export const InviteRole = z.enum(['staff', 'manager', 'inspector', 'volunteer']);
export type InviteRole = z.infer<typeof InviteRole>;

/**
 * An invite as stored. Its `_id` is its code, so redeeming reads it inside a transaction (which allows only
 * reads by id); `code` repeats it under the unique `code_1` index of database.json.
 */
export type InviteDoc = {
  _id: string;
  code: string;
  roles: InviteRole[];
  unitId: string;
  bindings: RoleBinding[];
  expiresAt: Date;
  maxUses: number;
  uses: number;
  /** Person ids that redeemed it (so redeeming twice is harmless); at most `maxUses`. */
  redeemedBy: string[];
  revokedAt: Date | null;
  revokedBy?: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
};

/**
 * The bindings an invite grants for `unit`: staff and managers of the unit; an inspector of the whole
 * office (an office unit) or of a centre. A contractor has no inspectors of its own.
 */
export function bindingsFor(roles: readonly InviteRole[], unit: Unit): RoleBinding[] {
  return [...new Set(roles)].map((role): RoleBinding => {
    if (role === 'volunteer' && unit.kind === 'contractor')
      throw new AppError(INVITE_ERRORS.INVALID_BINDING, 'volunteers patrol for the office or a centre, not a contractor', {
        unitId: unit._id,
      });
    if (role !== 'inspector') return { role, unitId: unit._id };
    if (unit.kind === 'office') return { role, level: 'office' };
    if (unit.kind === 'centre') return { role, level: 'centre', unitId: unit._id };
    throw new AppError(INVITE_ERRORS.INVALID_BINDING, 'a contractor has no inspectors: invite inspectors for its centre', {
      unitId: unit._id,
    });
  });
}

const key = (b: RoleBinding) => JSON.stringify([b.role, 'level' in b ? b.level : '', 'unitId' in b ? b.unitId : '']);

/** `existing` plus the bindings of `added` it does not hold yet, in that order. */
export function mergeBindings(existing: readonly RoleBinding[], added: readonly RoleBinding[]): RoleBinding[] {
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const b of added) {
    if (seen.has(key(b))) continue;
    seen.add(key(b));
    out.push(b);
  }
  return out;
}

/** Whether two binding lists hold the same bindings (order aside). */
export function sameBindings(a: readonly RoleBinding[], b: readonly RoleBinding[]): boolean {
  const sa = new Set(a.map(key));
  const sb = new Set(b.map(key));
  return sa.size === sb.size && [...sa].every((k) => sb.has(k));
}

/** What the redeem rules read of an invite. */
export type InviteState = { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number };

export type InviteStatus = 'active' | 'revoked' | 'expired' | 'used_up';

/** An invite's status at `now`; revoked wins over expired, expired over used up. */
export function inviteStatus(invite: InviteState, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used_up';
  return 'active';
}

/** Throws the coded error of an invite that cannot be redeemed at `now`. */
export function assertRedeemable(invite: InviteState, now: Date): void {
  const status = inviteStatus(invite, now);
  if (status === 'revoked') throw new AppError(INVITE_ERRORS.REVOKED, 'the invite was revoked');
  if (status === 'expired') throw new AppError(INVITE_ERRORS.EXPIRED, 'the invite has expired');
  if (status === 'used_up') throw new AppError(INVITE_ERRORS.USED_UP, 'the invite has no uses left');
}
