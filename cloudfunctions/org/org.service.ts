import { AppError } from '../../shared/errors';
import {
  DEFAULT_CATEGORIES,
  type PublicCategory,
  publicCategories,
  type RoleBinding,
  type StoredCategory,
  sortCategories,
  type Zone,
} from '../../shared/org';
import { ORG_ERRORS } from '../../shared/org/org.errors';
import { type CallerContext, type GlobalRole, isAdmin, isOfficeInspector, type PersonDoc, unitsWhere } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { allUnits, oversees, pathNamesOf, zoneByScene as zoneOfScene, zonesByIds } from '../_lib/refdata';
import { type Reminders, remindersOf } from './reminders.service';

/** The order the mini-program lists roles in. */
const ROLE_ORDER: readonly GlobalRole[] = ['reporter', 'staff', 'manager', 'inspector', 'leader', 'admin', 'volunteer'];

export type Me = {
  roles: GlobalRole[];
  bindings: readonly RoleBinding[];
  name: string | null;
  registered: boolean;
  /** The names of the units in `bindings`. */
  unitNames: Record<string, string>;
  /** Whether the rota assigns new tickets to the caller (staff and managers; absent means on duty). */
  onDuty: boolean;
  /** Reminders left per subscription template (提醒设置). */
  reminders: Reminders;
  /** The caller's own openid: the mini-program names it in its upload paths (README "Uploaded files"). */
  openid: string;
};

/**
 * Who the WeChat context says the caller is: role names (always `reporter`), the bindings behind them and
 * their units' names, the name, on duty or not, and the reminders left.
 */
export async function me(caller: CallerContext): Promise<Me> {
  const [units, reminders, duty] = await Promise.all([
    caller.roles.length > 0 ? allUnits() : Promise.resolve([]),
    remindersOf(caller.openid),
    caller.registered ? db().collection(COLLECTIONS.people).where({ _id: caller.id }).field({ onDuty: true }).limit(1).get() : null,
  ]);
  const bound = new Set(caller.roles.flatMap((b) => ('unitId' in b ? [b.unitId] : [])));
  return {
    roles: ROLE_ORDER.filter((r) => caller.globalRoles.has(r)),
    bindings: caller.roles,
    name: caller.name,
    registered: caller.registered,
    unitNames: Object.fromEntries(units.filter((u) => bound.has(u._id)).map((u) => [u._id, u.name])),
    onDuty: (duty ? (rowsOf<{ onDuty?: boolean }>(duty)[0]?.onDuty ?? true) : true) !== false,
    reminders,
    openid: caller.openid,
  };
}

/**
 * The categories reporters and inspectors choose from: the stored ones in the order the admin set
 * (`sortCategories`: stored `order`, else the defaults' order, then code), or the defaults while none are
 * stored. One bounded read: the admin function allows at most 60 categories.
 */
export async function categories(): Promise<{ items: PublicCategory[] }> {
  const res = await db().collection(COLLECTIONS.categories).limit(100).get();
  const stored = rowsOf<StoredCategory>(res);
  return { items: publicCategories(sortCategories<StoredCategory>(stored.length > 0 ? stored : DEFAULT_CATEGORIES)) };
}

/** A zone as the mini-program shows it (`ZoneView` in miniprogram/services/api.ts): nothing about staffing. */
export type ZoneView = { _id: string; name: string; sceneId: string; pathNames: string[] };

const viewOf = (z: Zone, names: ReadonlyMap<string, Zone>): ZoneView => ({
  _id: z._id,
  name: z.name,
  sceneId: z.sceneId,
  pathNames: z.path.flatMap((id) => {
    const a = names.get(id);
    return a ? [a.name] : [];
  }),
});

/** The zone behind a QR code: public, cached (a warm instance answers a scan without a database read). */
export async function zoneByScene(sceneId: string): Promise<ZoneView> {
  const zone = await zoneOfScene(sceneId);
  const pathNames = await pathNamesOf(zone);
  return { _id: zone._id, name: zone.name, sceneId: zone.sceneId, pathNames };
}

export const SEARCH_LIMIT = 20;

/** `text` as a regular expression matching itself literally: user input never reaches the database as a pattern. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Unit ids whose zones the caller may search, or `null` for all (admins and office inspectors). */
async function searchScope(caller: CallerContext): Promise<string[] | null> {
  if (isAdmin(caller) || isOfficeInspector(caller)) return null;
  const roots = [
    ...unitsWhere(caller, 'manager'),
    ...caller.roles.flatMap((b) => (b.role === 'inspector' && b.level === 'centre' ? [b.unitId] : [])),
  ];
  return [...new Set((await Promise.all(roots.map(oversees))).flat())];
}

/**
 * Zones whose name starts with `q`, then zones whose name contains it, at most 20, in the caller's scope
 * (a centre's inspector or manager: the centre's and its contractors' zones). Two bounded reads plus one for
 * the ancestors' names. Name matching cannot use an index; zones number in the hundreds to low thousands.
 */
export async function searchZones(caller: CallerContext, q: string): Promise<{ items: ZoneView[] }> {
  const scope = await searchScope(caller);
  if (scope && scope.length === 0) return { items: [] };
  const _ = cmd();
  const database = db();
  const literal = escapeRegExp(q);
  const find = async (pattern: string, limit: number): Promise<Zone[]> => {
    const where: Record<string, unknown> = { name: database.RegExp({ regexp: pattern, options: 'i' }) };
    if (scope) where.unitId = _.in(scope);
    const res = await database.collection(COLLECTIONS.zones).where(where).orderBy('name', 'asc').limit(limit).get();
    return rowsOf(res) as Zone[];
  };
  const prefix = await find(`^${literal}`, SEARCH_LIMIT);
  const zones = prefix.length < SEARCH_LIMIT ? [...prefix, ...(await find(literal, SEARCH_LIMIT))] : prefix;
  const unique = [...new Map(zones.map((z) => [z._id, z])).values()].slice(0, SEARCH_LIMIT);
  const names = await zonesByIds(unique.flatMap((z) => z.path));
  return { items: unique.map((z) => viewOf(z, names)) };
}

export type StaffItem = { _id: string; name: string };

/**
 * The people a ticket of `unitId` can be reassigned to (staff and managers of that unit, as the reassign
 * check in cloudfunctions/tickets requires), for a manager or inspector overseeing the unit, an office
 * inspector or an admin.
 */
export async function unitStaff(caller: CallerContext, unitId: string): Promise<{ items: StaffItem[] }> {
  if (!isAdmin(caller) && !isOfficeInspector(caller)) {
    // Whoever may reassign the unit's tickets: its managers and the centre inspectors overseeing it.
    const scope = (await searchScope(caller)) ?? [];
    if (!scope.includes(unitId)) throw new AppError(LIB_ERRORS.FORBIDDEN, 'not a unit you manage');
  } else if (!(await allUnits()).some((u) => u._id === unitId)) {
    throw new AppError(ORG_ERRORS.UNIT_NOT_FOUND, 'no such unit');
  }
  const res = await db().collection(COLLECTIONS.people).where({ 'roles.unitId': unitId }).limit(200).get();
  const people = (rowsOf(res) as PersonDoc[]).filter((p) =>
    p.roles.some((r) => (r.role === 'staff' || r.role === 'manager') && r.unitId === unitId),
  );
  people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a._id.localeCompare(b._id));
  return { items: people.map((p) => ({ _id: p._id, name: p.name })) };
}
