/**
 * Deleting what was never used, and moving a zone to another parent.
 *
 * Delete never trusts one look at the references, because the uses (a QR report, a rating, a patrol visit, an
 * assignment) do not read the zone or person inside a transaction the delete could conflict with. So:
 *  1. first call: a transaction fences the record: inactive (version + 1) with a `fence` stamp. Every fresh read
 *     refuses it from then on (a QR report or rating finds the zone gone; a person's roles stop counting at once,
 *     cloudfunctions/_lib/caller.ts reads the person on every call). Every collection that can point at it is asked
 *     for one reference (one bounded read each). Used: the fence is lifted and the admin gets ADMIN.IN_USE.
 *  2. the grace (DELETE_GRACE_MS = the 30 s reference cache + the longest function timeout, 60 s): a use that read
 *     the record as active just before the fence has by then committed or failed.
 *  3. a call after the grace checks every reference again; unused, one transaction checks the fence and version
 *     are unchanged, keeps the record whole in `deletedRecords`, removes it and writes the audit entry.
 * Paths that do not refuse inactive records (naming a zone in a new patrol plan, contract or asset) are covered
 * only up to the second check; a later reference of that kind still finds the record in `deletedRecords`.
 *
 * Move: the zone and every zone under it get their new `path` and `campusId` in one transaction, with the
 * version checked. Units and responsible people do not change (each zone keeps its own unit, and its responsible
 * people are staff of that unit), so assignment stays right. History stays where it happened: a ticket or rating
 * keeps the zone path and campus it was filed under, and the rollups built from them are not rewritten; what is
 * reported after the move counts under the new parent.
 */
import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Id } from '../../shared/common';
import { AppError } from '../../shared/errors';
import type { RoleBinding } from '../../shared/org';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { now as clock } from '../_lib/now';
import { CACHE_TTL_MS } from '../_lib/refdata';
import { runTx, txGet } from '../_lib/tx';
import { afterWrite, assertVersion, stampOf, versionOf } from './admin.common';
import { audit } from './audit';
import type { PersonDoc } from './people.service';
import type { ZoneDoc } from './zones.service';

export const DeleteRecord = z.strictObject({ id: Id, version: z.number().int().nonnegative() });
export type DeleteRecord = z.output<typeof DeleteRecord>;

export const MoveZone = z.strictObject({ id: Id, version: z.number().int().nonnegative(), parentId: Id });
export type MoveZone = z.output<typeof MoveZone>;

/** At most this many zones move with one (a canteen's windows, a building's floors and rooms). */
export const MAX_MOVED_DESCENDANTS = 200;

/** One place that can point at a record: a collection and a filter. */
type Ref = { label: string; collection: string; where: Record<string, unknown> };

const zoneRefs = (id: string): Ref[] => [
  { label: 'zones', collection: COLLECTIONS.zones, where: { parentId: id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { zoneId: id } },
  { label: 'ratings', collection: COLLECTIONS.feedback, where: { zoneId: id } },
  { label: 'rollups', collection: COLLECTIONS.ticketRollups, where: { key: id } },
  { label: 'visits', collection: COLLECTIONS.patrolVisits, where: { zoneId: id } },
  { label: 'occurrences', collection: COLLECTIONS.patrolOccurrences, where: { zoneId: id } },
  { label: 'plans', collection: COLLECTIONS.patrolPlans, where: { 'targets.zoneIds': id } },
  { label: 'plans', collection: COLLECTIONS.patrolPlans, where: { 'targets.rootId': id } },
  { label: 'assets', collection: 'assets', where: { zoneId: id } },
  { label: 'surveys', collection: 'surveys', where: { zoneId: id } },
  { label: 'contracts', collection: COLLECTIONS.contracts, where: { zoneIds: id } },
  { label: 'strikes', collection: COLLECTIONS.strikes, where: { zoneId: id } },
];

const personRefs = (p: PersonDoc): Ref[] => [
  { label: 'zones', collection: COLLECTIONS.zones, where: { 'responsible.primary': p._id } },
  { label: 'zones', collection: COLLECTIONS.zones, where: { 'responsible.backup': p._id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { assigneeId: p._id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { inspectorId: p._id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { followers: p._id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { 'history.actorId': p._id } },
  { label: 'tickets', collection: COLLECTIONS.tickets, where: { reporterOpenid: p.openid } },
  { label: 'visits', collection: COLLECTIONS.patrolVisits, where: { inspectorId: p._id } },
  { label: 'occurrences', collection: COLLECTIONS.patrolOccurrences, where: { assigneeIds: p._id } },
  { label: 'assets', collection: 'assets', where: { managerId: p._id } },
  { label: 'assets', collection: 'assets', where: { custodianId: p._id } },
  { label: 'assets', collection: 'assetEvents', where: { actorId: p._id } },
  { label: 'strikes', collection: COLLECTIONS.strikes, where: { personId: p._id } },
  { label: 'invites', collection: COLLECTIONS.invites, where: { createdBy: p._id } },
  { label: 'audit', collection: COLLECTIONS.adminAudit, where: { by: p._id } },
];

/** The kinds of reference found (one bounded read per place, all at once). */
async function usesOf(refs: Ref[]): Promise<string[]> {
  const found = await Promise.all(
    refs.map(async (r) => {
      const res = await db().collection(r.collection).where(r.where).field({ _id: true }).limit(1).get();
      return rowsOf(res).length > 0 ? r.label : null;
    }),
  );
  return [...new Set(found.filter((x): x is string => x !== null))];
}

type Fence = { at: Date; by: string; wasActive: boolean };
type Fenced = { _id: string; name?: string; active?: boolean; version?: number; fence?: Fence | null };

/**
 * How long a fence stands before the delete may complete: a use that read the record as active just before the
 * fence (from a warm instance's reference cache, CACHE_TTL_MS, or mid-request, up to the longest function timeout,
 * 60 s) has by then either committed, and the second check sees it, or failed.
 */
export const DELETE_GRACE_MS = CACHE_TTL_MS + 60_000;

/** Where a delete stands: fenced and waiting for the grace to pass, or done. */
export type DeleteReply = { state: 'pending' | 'deleted'; id: string; readyAt: Date | null; version: number };

const fenceOf = (doc: Fenced): Fence | null => (doc.fence && doc.active === false ? doc.fence : null);
const sameFence = (a: Fence | null, b: Fence) => !!a && a.at.getTime() === b.at.getTime() && a.by === b.by;

/** Step 1: the record inactive and fenced (version checked). */
async function putFence(collection: string, id: string, version: number, caller: CallerContext, now: Date, what: string): Promise<Fence> {
  return runTx(async (tx) => {
    const before = await txGet<Fenced>(tx, collection, id);
    if (!before) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no such ${what}`, { id });
    assertVersion(before, version, what);
    const fence: Fence = { at: now, by: caller.id, wasActive: before.active !== false };
    await tx
      .collection(collection)
      .doc(id)
      .update({ data: { active: false, fence, version: versionOf(before) + 1, ...stampOf(caller, now) } });
    // The deactivation is a change of its own (it stands until the delete completes or a use lifts it).
    const kind = collection === COLLECTIONS.zones ? 'zone' : 'person';
    await audit(tx, caller, now, {
      action: kind === 'zone' ? 'zone.update' : 'person.update',
      target: { kind, id, name: before.name ?? null },
      before: { active: fence.wasActive, deletePending: false },
      after: { active: false, deletePending: true },
    });
    return fence;
  });
}

/** The fence lifted after a use was found: as active as before (version + 1 again). */
async function liftFence(collection: string, id: string, fence: Fence, caller: CallerContext, now: Date): Promise<void> {
  const _ = cmd();
  await runTx(async (tx) => {
    const doc = await txGet<Fenced>(tx, collection, id);
    if (!doc || !sameFence(fenceOf(doc), fence)) return;
    await tx
      .collection(collection)
      .doc(id)
      .update({ data: { active: fence.wasActive, fence: _.remove(), version: versionOf(doc) + 1, ...stampOf(caller, now) } });
    const kind = collection === COLLECTIONS.zones ? 'zone' : 'person';
    // Logged at the time of the lift (after the reference check), so it reads after the fence it undoes.
    const at = new Date(Math.max(clock().getTime(), now.getTime() + 1));
    await audit(tx, caller, at, {
      action: kind === 'zone' ? 'zone.update' : 'person.update',
      target: { kind, id, name: doc.name ?? null },
      before: { active: false, deletePending: true },
      after: { active: fence.wasActive, deletePending: false },
    });
  });
}

/** Step 3: removed (kept whole in `deletedRecords`) with its audit entry, if the fence and version are unchanged. */
async function removeFenced(
  collection: string,
  kind: 'zone' | 'person',
  id: string,
  fence: Fence,
  version: number,
  caller: CallerContext,
  now: Date,
): Promise<void> {
  await runTx(async (tx) => {
    const doc = await txGet<Fenced & Record<string, unknown>>(tx, collection, id);
    if (!doc) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no such ${kind}`, { id });
    if (!sameFence(fenceOf(doc), fence) || versionOf(doc) !== version) {
      throw new AppError(ADMIN_ERRORS.STALE, `the ${kind} changed while it was being deleted`);
    }
    const { _id, fence: _f, ...kept } = doc;
    const record = { ...kept, active: fence.wasActive };
    await tx
      .collection(COLLECTIONS.deletedRecords)
      .doc(`${kind}-${id}`)
      .set({ data: { kind, recordId: id, record, deletedBy: caller.id, deletedAt: now } });
    await (tx.collection(collection).doc(id) as unknown as { remove(): Promise<unknown> }).remove();
    await audit(tx, caller, now, {
      action: kind === 'zone' ? 'zone.delete' : 'person.delete',
      target: { kind, id, name: typeof doc.name === 'string' ? doc.name : null },
      before: record,
      after: null,
    });
  });
}

const USE_LABELS: Record<string, string> = {
  zones: '下级场所或负责场所',
  tickets: '问题记录',
  ratings: '评价',
  rollups: '统计数据',
  visits: '巡查记录',
  occurrences: '巡查任务',
  plans: '巡查计划',
  assets: '资产',
  surveys: '问卷',
  contracts: '合同',
  strikes: '问责记录',
  invites: '发放的邀请码',
  audit: '管理操作记录',
};

/** ADMIN.IN_USE (after lifting the fence) when anything refers to the record. */
async function assertUnused(collection: string, kind: string, id: string, refs: Ref[], fence: Fence, caller: CallerContext, now: Date) {
  const uses = await usesOf(refs).catch(async (e) => {
    await liftFence(collection, id, fence, caller, now);
    throw e;
  });
  if (uses.length === 0) return;
  await liftFence(collection, id, fence, caller, now);
  throw new AppError(ADMIN_ERRORS.IN_USE, `the ${kind} is in use: ${uses.join(', ')}`, {
    uses,
    usesText: uses.map((u) => USE_LABELS[u] ?? u).join('、'),
  });
}

/**
 * One delete step: the first call fences and checks (pending until the grace passes); a call after the grace
 * checks again and removes. Either check finding a use lifts the fence and answers ADMIN.IN_USE.
 */
async function deleteStep(
  collection: string,
  kind: 'zone' | 'person',
  input: DeleteRecord,
  refs: (doc: Fenced) => Ref[],
  caller: CallerContext,
  now: Date,
  before?: (doc: Fenced) => Promise<void>,
): Promise<DeleteReply> {
  const doc = rowsOf<Fenced>(await db().collection(collection).where({ _id: input.id }).limit(1).get())[0];
  if (!doc) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no such ${kind}`, { id: input.id });
  assertVersion(doc, input.version, kind);
  const standing = fenceOf(doc);
  if (!standing) {
    await before?.(doc);
    const fence = await putFence(collection, input.id, input.version, caller, now, kind);
    await assertUnused(collection, kind, input.id, refs(doc), fence, caller, now);
    afterWrite();
    return { state: 'pending', id: input.id, readyAt: new Date(now.getTime() + DELETE_GRACE_MS), version: input.version + 1 };
  }
  const readyAt = new Date(standing.at.getTime() + DELETE_GRACE_MS);
  if (now < readyAt) return { state: 'pending', id: input.id, readyAt, version: input.version };
  await assertUnused(collection, kind, input.id, refs(doc), standing, caller, now);
  await removeFenced(collection, kind, input.id, standing, input.version, caller, now);
  afterWrite();
  return { state: 'deleted', id: input.id, readyAt: null, version: input.version };
}

/**
 * Deletes a zone nothing refers to (no zones under it, no tickets, ratings, patrols, assets…), in two calls at
 * least DELETE_GRACE_MS apart (the first deactivates it); ADMIN.IN_USE otherwise, with the zone as it was.
 */
export async function deleteZone(input: DeleteRecord, caller: CallerContext, now: Date): Promise<DeleteReply> {
  return deleteStep(COLLECTIONS.zones, 'zone', input, () => zoneRefs(input.id), caller, now);
}

const isAdmin = (roles: readonly RoleBinding[]) => roles.some((r) => r.role === 'admin');

/** Deletes a person who never did anything (no tickets, zones, visits, assets, invites, admin changes), as deleteZone does. */
export async function deletePerson(input: DeleteRecord, caller: CallerContext, now: Date): Promise<DeleteReply> {
  if (input.id === caller.id) throw new AppError(ADMIN_ERRORS.OWN_ADMIN_ROLE, 'you cannot delete yourself');
  const lastAdminCheck = async (doc: Fenced) => {
    const person = doc as PersonDoc & Fenced;
    if (person.active === false || !isAdmin(person.roles)) return;
    const others = await db()
      .collection(COLLECTIONS.people)
      .where({ 'roles.role': 'admin', _id: cmd().neq(person._id) })
      .field({ roles: true, active: true })
      .limit(100)
      .get();
    if (!rowsOf<PersonDoc>(others).some((p) => p.active !== false && isAdmin(p.roles))) {
      throw new AppError(ADMIN_ERRORS.LAST_ADMIN, 'the system needs at least one active admin');
    }
  };
  return deleteStep(COLLECTIONS.people, 'person', input, (doc) => personRefs(doc as PersonDoc), caller, now, lastAdminCheck);
}

/**
 * Moves a zone (and everything under it) to another parent in the same campus or another; units and responsible
 * people are kept. Refuses a campus, a move under itself or a descendant, and subtrees over 200 zones.
 */
export async function moveZone(input: MoveZone, caller: CallerContext, now: Date): Promise<{ id: string; moved: number }> {
  if (input.parentId === input.id) throw new AppError(ADMIN_ERRORS.INVALID_MOVE, 'a zone cannot move under itself');
  const res = await db()
    .collection(COLLECTIONS.zones)
    .where({ path: input.id })
    .field({ _id: true })
    .limit(MAX_MOVED_DESCENDANTS + 1)
    .get();
  const descendantIds = rowsOf<{ _id: string }>(res).map((d) => d._id);
  if (descendantIds.length > MAX_MOVED_DESCENDANTS) {
    throw new AppError(ADMIN_ERRORS.TOO_MANY_DESCENDANTS, `more than ${MAX_MOVED_DESCENDANTS} zones under it`);
  }
  const moved = await runTx(async (tx) => {
    const zone = await txGet<ZoneDoc>(tx, COLLECTIONS.zones, input.id);
    if (!zone) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such zone', { zoneId: input.id });
    assertVersion(zone, input.version, 'zone');
    if (zone.kind === 'campus') throw new AppError(ADMIN_ERRORS.INVALID_MOVE, 'a campus does not move');
    const parent = await txGet<ZoneDoc>(tx, COLLECTIONS.zones, input.parentId);
    if (!parent) throw new AppError(ADMIN_ERRORS.INVALID_PARENT, 'no such parent zone', { parentId: input.parentId });
    if (parent.path.includes(zone._id)) throw new AppError(ADMIN_ERRORS.INVALID_MOVE, 'a zone cannot move under its own descendant');
    if (parent._id === zone.parentId) return 0;
    const newPath = [...parent.path, parent._id];
    if (newPath.length > 8) throw new AppError(ADMIN_ERRORS.INVALID_ZONE, 'the zone tree would be too deep');
    const stamp = stampOf(caller, now);
    const oldParent = zone.parentId ? await txGet<ZoneDoc>(tx, COLLECTIONS.zones, zone.parentId) : null;
    const before = { parentId: zone.parentId, parentName: oldParent?.name ?? null, path: zone.path, campusId: zone.campusId };
    await tx
      .collection(COLLECTIONS.zones)
      .doc(zone._id)
      .update({
        data: { parentId: parent._id, path: cmd().set(newPath), campusId: parent.campusId, version: versionOf(zone) + 1, ...stamp },
      });
    for (const id of descendantIds) {
      const d = await txGet<ZoneDoc>(tx, COLLECTIONS.zones, id);
      if (!d) continue;
      const at = d.path.indexOf(zone._id);
      if (at < 0) continue; // moved away meanwhile
      const path = [...newPath, ...d.path.slice(at)];
      if (path.length > 8) throw new AppError(ADMIN_ERRORS.INVALID_ZONE, 'the zone tree would be too deep');
      await tx
        .collection(COLLECTIONS.zones)
        .doc(id)
        .update({ data: { path: cmd().set(path), campusId: parent.campusId, version: versionOf(d) + 1, ...stamp } });
    }
    await audit(tx, caller, now, {
      action: 'zone.move',
      target: { kind: 'zone', id: zone._id, name: zone.name },
      before,
      after: { parentId: parent._id, parentName: parent.name, path: newPath, campusId: parent.campusId, descendants: descendantIds.length },
      note: `parentId,path,campusId`,
    });
    return descendantIds.length + 1;
  });
  afterWrite();
  return { id: input.id, moved };
}
