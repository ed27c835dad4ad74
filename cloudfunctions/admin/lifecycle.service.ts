/**
 * Deleting what was never used, and moving a zone to another parent.
 *
 * Delete, in three steps, so a first use that races the delete cannot end up pointing at nothing:
 *  1. a transaction fences the record: it is made inactive (version + 1) with a `fence` stamp. From then on every
 *     fresh read refuses it: a QR report and a rating read the zone as gone (`active: false`), a person's roles
 *     stop counting at once (cloudfunctions/_lib/caller.ts reads the person on every call);
 *  2. every collection that can point at it is asked for one reference (bounded reads: one document each);
 *  3. unused: one transaction checks the fence is still ours, keeps the record whole in `deletedRecords`, removes
 *     it and writes the audit entry. Used: the fence is lifted (the record is as active as before) and the admin
 *     gets ADMIN.IN_USE, which offers deactivation instead.
 * What this cannot close: another function instance that read the zone less than CACHE_TTL_MS (30 s) before the
 * fence may still file one report against it from its cache. Such a ticket keeps its zone id, name path and unit
 * (tickets snapshot them) and the zone itself stays readable in `deletedRecords`.
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

type Fenced = { active?: boolean; version?: number; fence?: { at: Date; by: string; wasActive: boolean } | null };

/** Step 1: the record inactive and fenced (version checked); returns it as it was. */
async function fence<T extends Fenced & { _id: string }>(
  collection: string,
  id: string,
  version: number,
  caller: CallerContext,
  now: Date,
  what: string,
) {
  return runTx(async (tx) => {
    const before = await txGet<T>(tx, collection, id);
    if (!before) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no such ${what}`, { id });
    assertVersion(before, version, what);
    await tx
      .collection(collection)
      .doc(id)
      .update({
        data: {
          active: false,
          fence: { at: now, by: caller.id, wasActive: before.active !== false },
          version: versionOf(before) + 1,
          ...stampOf(caller, now),
        },
      });
    return before;
  });
}

/** The fence lifted after a use was found: active as it was before (version + 1 again). */
async function unfence(collection: string, id: string, now: Date, caller: CallerContext): Promise<void> {
  const _ = cmd();
  await runTx(async (tx) => {
    const doc = await txGet<Fenced>(tx, collection, id);
    if (!doc?.fence || doc.fence.at.getTime() !== now.getTime() || doc.fence.by !== caller.id) return;
    await tx
      .collection(collection)
      .doc(id)
      .update({ data: { active: doc.fence.wasActive, fence: _.remove(), version: versionOf(doc) + 1, ...stampOf(caller, now) } });
  });
}

/** Step 3: removed (kept whole in `deletedRecords`) with its audit entry, if the fence is still ours. */
async function removeFenced(collection: string, kind: 'zone' | 'person', id: string, caller: CallerContext, now: Date): Promise<void> {
  await runTx(async (tx) => {
    const doc = await txGet<Fenced & Record<string, unknown>>(tx, collection, id);
    if (!doc) throw new AppError(ADMIN_ERRORS.NOT_FOUND, `no such ${kind}`, { id });
    if (!doc.fence || doc.fence.at.getTime() !== now.getTime() || doc.fence.by !== caller.id) {
      throw new AppError(ADMIN_ERRORS.STALE, `the ${kind} changed while it was being deleted`);
    }
    const { _id, fence: _f, ...kept } = doc;
    await tx
      .collection(COLLECTIONS.deletedRecords)
      .doc(`${kind}-${id}`)
      .set({ data: { kind, recordId: id, record: { ...kept, active: doc.fence.wasActive }, deletedBy: caller.id, deletedAt: now } });
    await (tx.collection(collection).doc(id) as unknown as { remove(): Promise<unknown> }).remove();
    await audit(tx, caller, now, {
      action: kind === 'zone' ? 'zone.delete' : 'person.delete',
      target: { kind, id, name: typeof doc.name === 'string' ? doc.name : null },
      before: { ...kept, active: doc.fence.wasActive },
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

async function deleteFenced(
  collection: string,
  kind: 'zone' | 'person',
  id: string,
  refs: Ref[],
  caller: CallerContext,
  now: Date,
): Promise<{ deleted: true; id: string }> {
  const uses = await usesOf(refs).catch(async (e) => {
    await unfence(collection, id, now, caller);
    throw e;
  });
  if (uses.length > 0) {
    await unfence(collection, id, now, caller);
    throw new AppError(ADMIN_ERRORS.IN_USE, `the ${kind} is in use: ${uses.join(', ')}`, {
      uses,
      usesText: uses.map((u) => USE_LABELS[u] ?? u).join('、'),
    });
  }
  await removeFenced(collection, kind, id, caller, now);
  afterWrite();
  return { deleted: true, id };
}

/** Deletes a zone nothing refers to (no zones under it, no tickets, ratings, patrols, assets…); ADMIN.IN_USE otherwise. */
export async function deleteZone(input: DeleteRecord, caller: CallerContext, now: Date): Promise<{ deleted: true; id: string }> {
  await fence<ZoneDoc & Fenced>(COLLECTIONS.zones, input.id, input.version, caller, now, 'zone');
  return deleteFenced(COLLECTIONS.zones, 'zone', input.id, zoneRefs(input.id), caller, now);
}

const isAdmin = (roles: readonly RoleBinding[]) => roles.some((r) => r.role === 'admin');

/** Deletes a person who never did anything (no tickets, zones, visits, assets, invites, admin changes); ADMIN.IN_USE otherwise. */
export async function deletePerson(input: DeleteRecord, caller: CallerContext, now: Date): Promise<{ deleted: true; id: string }> {
  if (input.id === caller.id) throw new AppError(ADMIN_ERRORS.OWN_ADMIN_ROLE, 'you cannot delete yourself');
  const person = await fence<PersonDoc & Fenced>(COLLECTIONS.people, input.id, input.version, caller, now, 'person');
  if (person.active !== false && isAdmin(person.roles)) {
    const others = await db()
      .collection(COLLECTIONS.people)
      .where({ 'roles.role': 'admin', _id: cmd().neq(person._id) })
      .field({ roles: true, active: true })
      .limit(100)
      .get();
    if (!rowsOf<PersonDoc>(others).some((p) => p.active !== false && isAdmin(p.roles))) {
      await unfence(COLLECTIONS.people, input.id, now, caller);
      throw new AppError(ADMIN_ERRORS.LAST_ADMIN, 'the system needs at least one active admin');
    }
  }
  return deleteFenced(COLLECTIONS.people, 'person', input.id, personRefs(person), caller, now);
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
    const before = { parentId: zone.parentId, path: zone.path, campusId: zone.campusId };
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
      after: { parentId: parent._id, path: newPath, campusId: parent.campusId, descendants: descendantIds.length },
      note: `parentId,path,campusId`,
    });
    return descendantIds.length + 1;
  });
  afterWrite();
  return { id: input.id, moved };
}
