import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { assertRedeemable, INVITE_ERRORS, type InviteDoc, mergeBindings } from '../../shared/org/invite';
import type { Person, RoleBinding } from '../../shared/org/person.schema';
import type { CallerContext, GlobalRole } from '../_lib/caller';
import { COLLECTIONS } from '../_lib/cloud';
import { clearCaches } from '../_lib/refdata';
import { CONTENDED_ATTEMPTS, runTx, txGet } from '../_lib/tx';
import { me } from './org.service';

type PersonDoc = Person & { active?: boolean; version?: number };

/**
 * The person id of a first-time user: derived from the openid, so two redemptions racing for the same new
 * user write the same document (one conflicts and retries) instead of creating two people for one openid.
 * A hash, not the openid itself: person ids appear on tickets that other people see.
 */
export const personIdFor = (openid: string): string => `person-${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;

export type Redeemed = {
  roles: GlobalRole[];
  bindings: readonly RoleBinding[];
  name: string;
  /** False when this user had redeemed the code before (nothing changed). */
  redeemed: boolean;
};

/**
 * Redeems an invite for the caller (identity from the WeChat context only), in one transaction: checks the
 * invite (exists, not revoked, not expired, uses left), counts the use, and creates the caller's person
 * record or adds the invite's roles to it. Two users racing for the last use: both write the invite, one
 * conflicts, retries, and finds it used up. Redeeming a code one has already redeemed changes nothing.
 */
export async function redeemInvite(
  caller: CallerContext,
  input: { code: string; name?: string; phone?: string },
  now: Date,
): Promise<Redeemed> {
  const personId = caller.registered ? caller.id : personIdFor(caller.openid);
  const result = await runTx(async (tx) => {
    const invite = await txGet<InviteDoc>(tx, COLLECTIONS.invites, input.code);
    if (!invite) throw new AppError(INVITE_ERRORS.NOT_FOUND, 'no such invite code');
    const person = await txGet<PersonDoc>(tx, COLLECTIONS.people, personId);
    if (invite.redeemedBy.includes(personId) && person) return { person, redeemed: false };
    assertRedeemable(invite, now);
    if (person?.active === false) throw new AppError(INVITE_ERRORS.ACCOUNT_DISABLED, 'this account was deactivated by an admin');

    let next: PersonDoc;
    if (person) {
      const roles = mergeBindings(person.roles, invite.bindings);
      if (roles.length > 20) throw new AppError(INVITE_ERRORS.TOO_MANY_ROLES, 'too many roles');
      next = { ...person, roles, version: (person.version ?? 0) + 1 };
    } else {
      if (!input.name) throw new AppError(INVITE_ERRORS.NAME_REQUIRED, 'tell us your name to join');
      next = {
        _id: personId,
        openid: caller.openid,
        name: input.name,
        ...(input.phone ? { phone: input.phone } : {}),
        roles: [...invite.bindings],
        onDuty: true,
        active: true,
        version: 1,
      };
    }
    const { _id, ...data } = next;
    const stamp = { updatedBy: personId, updatedAt: now };
    await tx
      .collection(COLLECTIONS.people)
      .doc(_id)
      .set({ data: { ...data, ...stamp, ...(person ? {} : { createdAt: now, createdBy: `invite:${invite._id}` }) } });
    await tx
      .collection(COLLECTIONS.invites)
      .doc(invite._id)
      .update({ data: { uses: invite.uses + 1, redeemedBy: [...invite.redeemedBy, personId] } });
    return { person: next, redeemed: true };
  }, CONTENDED_ATTEMPTS);
  // The caller's new roles matter at once in this instance (a staff member's assignments are cached).
  clearCaches();
  const globalRoles = new Set<GlobalRole>(['reporter', ...result.person.roles.map((r) => r.role)]);
  const view = await me({ ...caller, id: personId, roles: result.person.roles, registered: true, name: result.person.name, globalRoles });
  return { roles: view.roles, bindings: view.bindings, name: result.person.name, redeemed: result.redeemed };
}
