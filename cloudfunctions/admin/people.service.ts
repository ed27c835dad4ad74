import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Id, Text } from '../../shared/common';
import { AppError } from '../../shared/errors';
import { mergeBindings } from '../../shared/org/invite';
import { Person, RoleBinding } from '../../shared/org/person.schema';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { afterCursor, Cursor, PAGE_SIZE, type Page, pageFrom } from '../_lib/page';
import { runTx, txGet } from '../_lib/tx';
import { afterWrite, assertVersion, escapeRegExp, stampOf, unitsFresh, versionOf } from './admin.common';
import { audit } from './audit';

/** A person as stored: the shared Person plus the admin's active flag, version and stamps. */
export type PersonDoc = Person & { active?: boolean; version?: number; updatedBy?: string; updatedAt?: Date };

/** Roles a person list can be filtered by (everyone is a reporter, so that is no filter). */
export const PersonRole = z.enum(['staff', 'manager', 'inspector', 'leader', 'admin']);

export const PeopleQuery = z.strictObject({
  unitId: Id.optional(),
  role: PersonRole.optional(),
  q: z.string().trim().min(1).max(30).optional(),
  cursor: Cursor.optional(),
});

const Phone = z.string().regex(/^\+?[0-9-]{5,20}$/, 'invalid phone');

export const SavePerson = z.strictObject({
  id: Id,
  version: z.number().int().nonnegative(),
  name: Text(40),
  /** null clears it. */
  phone: Phone.nullable(),
  roles: z.array(RoleBinding).max(20),
  /** Off duty: new problems go to the zone's backup, else the unit manager (cloudfunctions/_lib/refdata.ts). */
  onDuty: z.boolean(),
  /** Inactive: no roles count (cloudfunctions/_lib/caller.ts) and nothing new is assigned to them. */
  active: z.boolean(),
});
export type SavePerson = z.output<typeof SavePerson>;

/** A person as the admin pages show it: no openid (the admin never needs it). */
export type PersonAdminView = {
  _id: string;
  name: string;
  phone: string | null;
  roles: RoleBinding[];
  onDuty: boolean;
  active: boolean;
  version: number;
  self: boolean;
};

const viewOf = (p: PersonDoc, caller: CallerContext): PersonAdminView => ({
  _id: p._id,
  name: p.name,
  phone: p.phone ?? null,
  roles: p.roles,
  onDuty: p.onDuty !== false,
  active: p.active !== false,
  version: versionOf(p),
  self: p._id === caller.id,
});

/** People by name (then id), 20 a page, filtered by a unit they are bound to, a role, and a text in name or phone. */
export async function listPeople(input: z.output<typeof PeopleQuery>, caller: CallerContext): Promise<Page<PersonAdminView>> {
  const _ = cmd();
  const database = db();
  const conds: unknown[] = [];
  // `roles` is an array of bindings: elemMatch keeps role and unit on the same binding.
  if (input.role && input.unitId) conds.push({ roles: _.elemMatch({ role: input.role, unitId: input.unitId }) });
  else if (input.role) conds.push({ 'roles.role': input.role });
  else if (input.unitId) conds.push({ 'roles.unitId': input.unitId });
  if (input.q) {
    const pattern = database.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
    conds.push(_.or([{ name: pattern }, { phone: pattern }]));
  }
  const after = afterCursor(input.cursor, 'name', 'string', 'asc');
  if (after) conds.push(after);
  const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds as Record<string, unknown>[]);
  const res = await database
    .collection(COLLECTIONS.people)
    .where(where as Record<string, unknown>)
    .orderBy('name', 'asc')
    .orderBy('_id', 'asc')
    .field({ openid: false })
    .limit(PAGE_SIZE + 1)
    .get();
  const { items, nextCursor } = pageFrom(rowsOf<PersonDoc>(res), (p) => p.name);
  return { items: items.map((p) => viewOf(p, caller)), nextCursor };
}

/** Every binding names an existing unit that can carry it (a centre inspector is bound to a centre). */
async function assertBindings(roles: readonly RoleBinding[]): Promise<void> {
  const units = await unitsFresh();
  for (const b of roles) {
    if (!('unitId' in b)) continue;
    const u = units.find((x) => x._id === b.unitId);
    if (!u) throw new AppError(ADMIN_ERRORS.INVALID_BINDING, 'a role names a unit that does not exist', { unitId: b.unitId });
    if (b.role === 'inspector' && u.kind !== 'centre') {
      throw new AppError(ADMIN_ERRORS.INVALID_BINDING, 'a centre inspector is bound to a centre', { unitId: b.unitId });
    }
  }
}

const isActiveAdmin = (p: { roles: readonly RoleBinding[]; active?: boolean }) =>
  p.active !== false && p.roles.some((r) => r.role === 'admin');
const staffUnits = (roles: readonly RoleBinding[]) => new Set(roles.flatMap((r) => (r.role === 'staff' ? [r.unitId] : [])));

/** Zones of `unitIds` that `personId` is responsible for (a staff binding cannot go while they are). */
async function responsibleZones(personId: string, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const _ = cmd();
  const res = await db()
    .collection(COLLECTIONS.zones)
    .where(_.and([{ unitId: _.in(unitIds) }, _.or([{ 'responsible.primary': personId }, { 'responsible.backup': personId }])]))
    .field({ name: true })
    .limit(5)
    .get();
  return rowsOf<{ name: string }>(res).map((z) => z.name);
}

/** The document every change of admin status writes first, so two such changes cannot pass the last-admin check together. */
const ADMIN_GUARD = 'admin-guard';

/**
 * Updates a person (never creates one: people arrive by redeeming an invite, with the openid WeChat gives
 * them). An admin cannot remove their own admin role or deactivate themselves, and no change may leave the
 * system without an active admin: such a change first writes a guard document in its transaction, so two
 * admins demoting each other at the same moment conflict, and the one that retries sees the other's change.
 */
export async function savePerson(input: SavePerson, caller: CallerContext, now: Date): Promise<PersonAdminView> {
  const roles = mergeBindings([], input.roles);
  await assertBindings(roles);
  const _ = cmd();
  const saved = await runTx(async (tx) => {
    const before = await txGet<PersonDoc>(tx, COLLECTIONS.people, input.id);
    if (!before) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such person', { personId: input.id });
    assertVersion(before, input.version, 'person');
    const after = { ...before, name: input.name, roles, onDuty: input.active ? input.onDuty : false, active: input.active };
    if (input.phone) after.phone = input.phone;
    else delete after.phone;
    if (!Person.safeParse(after).success) throw new AppError(ADMIN_ERRORS.INVALID_BINDING, 'the person breaks the person rules');

    if (isActiveAdmin(before) && !isActiveAdmin(after)) {
      if (before._id === caller.id)
        throw new AppError(ADMIN_ERRORS.OWN_ADMIN_ROLE, 'you cannot remove your own admin role or deactivate yourself');
      await tx
        .collection(COLLECTIONS.counters)
        .doc(ADMIN_GUARD)
        .set({ data: { at: now, by: caller.id } });
      const others = await db()
        .collection(COLLECTIONS.people)
        .where({ 'roles.role': 'admin', _id: _.neq(before._id) })
        .field({ roles: true, active: true })
        .limit(100)
        .get();
      if (!rowsOf<PersonDoc>(others).some(isActiveAdmin))
        throw new AppError(ADMIN_ERRORS.LAST_ADMIN, 'the system needs at least one active admin');
    }
    const dropped = [...staffUnits(before.roles)].filter((u) => !staffUnits(after.roles).has(u));
    const zones = await responsibleZones(before._id, dropped);
    if (zones.length > 0) {
      throw new AppError(ADMIN_ERRORS.NOT_UNIT_STAFF, 'still responsible for zones of that unit: hand them over first', { zones });
    }

    const { _id, ...data } = { ...after, version: versionOf(before) + 1, ...stampOf(caller, now) };
    await tx
      .collection(COLLECTIONS.people)
      .doc(_id)
      .set({ data: data as Record<string, unknown> });
    await audit(tx, caller, now, {
      action: 'person.update',
      target: { kind: 'person', id: _id, name: after.name },
      before: { ...before, active: before.active !== false } as unknown as Record<string, unknown>,
      after: after as unknown as Record<string, unknown>,
    });
    return after;
  });
  afterWrite();
  return viewOf({ ...saved, version: versionOf(saved) + 1 }, caller);
}
