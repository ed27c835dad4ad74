import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Id, Text } from '../../shared/common';
import { AppError } from '../../shared/errors';
import {
  bindingsFor,
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  InviteCode,
  type InviteDoc,
  InviteRole,
  inviteStatus,
} from '../../shared/org/invite';
import type { RoleBinding } from '../../shared/org/person.schema';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { miniProgramCode, publishFile, signedUrl } from '../_lib/files';
import { afterCursor, Cursor, PAGE_SIZE, type Page, pageFrom, withCursor } from '../_lib/page';
import { runTx, txGet } from '../_lib/tx';
import { isDuplicateKey, namesOf, randomCode, stampOf, unitOrFail, unitsFresh } from './admin.common';
import { audit } from './audit';

const DAY_MS = 86_400_000;

export const CreateInvite = z.strictObject({
  roles: z.array(InviteRole).min(1).max(3),
  unitId: Id,
  expiresInDays: z.number().int().min(1).max(90).default(7),
  maxUses: z.number().int().min(1).max(100).default(1),
  note: Text(40).optional(),
});
export const InvitesQuery = z.strictObject({ cursor: Cursor.optional() });
export const RevokeInvite = z.strictObject({ code: InviteCode });

export type InviteView = {
  code: string;
  roles: InviteRole[];
  unitId: string;
  unitName: string | null;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  status: ReturnType<typeof inviteStatus>;
  note: string | null;
  createdAt: Date;
  createdByName: string | null;
  revokedAt: Date | null;
};

async function viewsOf(docs: InviteDoc[], now: Date): Promise<InviteView[]> {
  const [units, names] = await Promise.all([unitsFresh(), namesOf(docs.map((d) => d.createdBy))]);
  return docs.map((d) => ({
    code: d.code,
    roles: d.roles,
    unitId: d.unitId,
    unitName: units.find((u) => u._id === d.unitId)?.name ?? null,
    expiresAt: d.expiresAt,
    maxUses: d.maxUses,
    uses: d.uses,
    status: inviteStatus(d, now),
    note: d.note,
    createdAt: d.createdAt,
    createdByName: names.get(d.createdBy) ?? null,
    revokedAt: d.revokedAt,
  }));
}

/** Invites, newest first, 20 a page. */
export async function listInvites(input: z.output<typeof InvitesQuery>, now: Date): Promise<Page<InviteView>> {
  const where = withCursor(null, afterCursor(input.cursor, 'createdAt', 'date', 'desc'));
  const res = await db()
    .collection(COLLECTIONS.invites)
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .field({ redeemedBy: false })
    .limit(PAGE_SIZE + 1)
    .get();
  const { items, nextCursor } = pageFrom(rowsOf<InviteDoc>(res), (i) => new Date(i.createdAt));
  return { items: await viewsOf(items, now), nextCursor };
}

/**
 * A new invite for `roles` in a unit, with a short code an admin can read out (8 characters without
 * look-alikes). The code is the document id: a code drawn twice fails the insert and another is drawn.
 */
export async function createInvite(input: z.output<typeof CreateInvite>, caller: CallerContext, now: Date): Promise<InviteView> {
  const unit = await unitOrFail(input.unitId);
  let bindings: RoleBinding[];
  try {
    bindings = bindingsFor(input.roles, unit);
  } catch (e) {
    throw new AppError(ADMIN_ERRORS.INVALID_BINDING, (e as Error).message, { unitId: unit._id });
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode(INVITE_ALPHABET, INVITE_CODE_LENGTH);
    const doc: InviteDoc = {
      _id: code,
      code,
      roles: [...new Set(input.roles)],
      unitId: unit._id,
      bindings,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      maxUses: input.maxUses,
      uses: 0,
      redeemedBy: [],
      revokedAt: null,
      note: input.note ?? null,
      createdBy: caller.id,
      createdAt: now,
      ...stampOf(caller, now),
    };
    try {
      await runTx(async (tx) => {
        await tx.collection(COLLECTIONS.invites).add({ data: doc as never });
        await audit(tx, caller, now, {
          action: 'invite.create',
          target: { kind: 'invite', id: code, name: doc.note },
          before: null,
          after: { roles: doc.roles, unitId: doc.unitId, expiresAt: doc.expiresAt, maxUses: doc.maxUses, note: doc.note },
        });
      }, 1);
      return (await viewsOf([doc], now))[0];
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new AppError(ADMIN_ERRORS.CODE_EXHAUSTED, 'could not draw a unique invite code');
}

/** Revokes an invite (again: no change); people who already redeemed it keep their roles. */
export async function revokeInvite(code: string, caller: CallerContext, now: Date): Promise<InviteView> {
  await runTx(async (tx) => {
    const before = await txGet<InviteDoc>(tx, COLLECTIONS.invites, code);
    if (!before || before.revokedAt) return;
    await tx
      .collection(COLLECTIONS.invites)
      .doc(code)
      .update({ data: { revokedAt: now, revokedBy: caller.id, ...stampOf(caller, now) } });
    await audit(tx, caller, now, {
      action: 'invite.revoke',
      target: { kind: 'invite', id: code, name: before.note },
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
  });
  const found = rowsOf<InviteDoc>(await db().collection(COLLECTIONS.invites).where({ _id: code }).limit(1).get())[0];
  if (!found) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such invite', { code });
  return (await viewsOf([found], now))[0];
}

/** The page an invite's code opens: the invite page, which reads the code from the scene. */
export const INVITE_PAGE = 'pages/invite/index';
/** The scene an invite's mini-program code carries: `code=ABCDEFGH` (13 of the 32 characters WeChat allows). */
export const inviteScene = (code: string): string => `code=${code}`;

/**
 * The invite's mini-program code (wxacode.getUnlimited, as zone codes are made): scanning it opens the invite
 * page with the code filled in. Made once per invite and kept in storage (`qrFileID` on the invite); later calls
 * only sign a fresh URL. Only a usable invite gets one (ADMIN.INVITE_INACTIVE otherwise).
 */
export async function inviteCode(
  code: string,
  now: Date,
): Promise<{ code: string; scene: string; page: string; fileID: string; url: string | null }> {
  const found = rowsOf<InviteDoc & { qrFileID?: string }>(
    await db().collection(COLLECTIONS.invites).where({ _id: code }).limit(1).get(),
  )[0];
  if (!found) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such invite', { code });
  if (inviteStatus(found, now) !== 'active')
    throw new AppError(ADMIN_ERRORS.INVITE_INACTIVE, 'the invite cannot be used any more', { code });
  const scene = inviteScene(code);
  if (found.qrFileID) {
    const url = await signedUrl(found.qrFileID);
    if (url) return { code, scene, page: INVITE_PAGE, fileID: found.qrFileID, url };
  }
  const image = await miniProgramCode(scene, INVITE_PAGE);
  const file = await publishFile(`invite-codes/${code}.png`, image.buffer);
  await db()
    .collection(COLLECTIONS.invites)
    .doc(code)
    .update({ data: { qrFileID: file.fileID } });
  return { code, scene, page: INVITE_PAGE, ...file };
}
