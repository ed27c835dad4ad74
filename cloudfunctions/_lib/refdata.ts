import { z } from 'zod';
import { DEFAULT_DEADLINE_RULES, DeadlineRules, DeadlineRuleVersion, ruleIdInForce } from '../../shared/deadlines';
import { AppError, isAppError } from '../../shared/errors';
import { DEFAULT_ESCALATION_LEVELS, DEFAULT_TIMER_RULES, EscalationLevels, TimerRules } from '../../shared/escalation';
import { type Category, DEFAULT_CATEGORIES, type Unit, type Zone } from '../../shared/org';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../../shared/tickets';
import { chooseAssignee, type ZoneStaffing } from '../../shared/tickets/assignee.rules';
import type { PersonDoc } from './caller';
import { COLLECTIONS, cmd, db, rowsOf } from './cloud';
import { TICKET_SERVICE_ERRORS } from './errors';

/**
 * Reference data (zones, units, categories, settings, who staffs a zone), cached per warm function instance
 * for a short time. This is what keeps a QR report at three database requests on the common path; the price
 * is that a change (a duty toggle, a new responsible person) takes up to CACHE_TTL_MS to be seen.
 */
export const CACHE_TTL_MS = 30_000;

type Entry<T> = { at: number; value: Promise<T> };
const caches = new Set<Map<string, Entry<unknown>>>();

function cached<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const map = new Map<string, Entry<T>>();
  caches.add(map as Map<string, Entry<unknown>>);
  return (key) => {
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
    const value = load(key);
    map.set(key, { at: Date.now(), value });
    value.catch(() => map.delete(key));
    return value;
  };
}

/** Forgets every cached value (tests that change reference data mid-run call it). */
export const clearCaches = (): void => {
  for (const m of caches) m.clear();
};

/** Ticket settings, configurable in the `settings` collection (document `tickets`). */
export const TicketSettings = z.object({
  rateLimitPerHour: z.number().int().positive().max(1000).default(10),
  joinWindowMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(30),
  repeatWindowDays: z.number().int().positive().max(365).default(DEFAULT_REPEAT_WINDOW_DAYS),
  escalationLevels: EscalationLevels.default([...DEFAULT_ESCALATION_LEVELS]),
  deadlineRules: DeadlineRules.default(DEFAULT_DEADLINE_RULES),
  /** Pause cap, repeat of the last level, reminders to verify findings (shared/escalation/timer.rules.ts). */
  timer: TimerRules.default(DEFAULT_TIMER_RULES),
  /** Rule sets added with a start day and the set each takes over from (shared/deadlines/rule-versions.ts). */
  deadlineRuleVersions: z.array(DeadlineRuleVersion).max(100).default([]),
});
export type TicketSettings = z.infer<typeof TicketSettings>;

export const settings = cached(async (): Promise<TicketSettings> => {
  const res = await db().collection(COLLECTIONS.settings).where({ _id: 'tickets' }).limit(1).get();
  const { _id, ...doc } = (rowsOf(res)[0] ?? {}) as Record<string, unknown>;
  return TicketSettings.parse(doc);
});

const categoryList = cached(async (): Promise<Category[]> => {
  const res = await db().collection(COLLECTIONS.categories).limit(100).get();
  const stored = rowsOf(res) as Array<Category & { _id: string }>;
  return stored.length > 0 ? stored.map(({ _id, ...c }) => c) : [...DEFAULT_CATEGORIES];
});

/**
 * A configured category (the defaults when none are configured); `TICKET.UNKNOWN_CATEGORY` otherwise. Its
 * `deadlineRuleId` is the rule set in force at `at` (a newer version replaces the category's set from its
 * start day), which a new ticket stores, so later rule sets never change that ticket's deadlines.
 */
export async function category(code: string, at: Date = new Date(Date.now())): Promise<Category> {
  const [list, cfg] = await Promise.all([categoryList('all'), settings('tickets')]);
  const found = list.find((c) => c.code === code);
  if (!found) throw new AppError(TICKET_SERVICE_ERRORS.UNKNOWN_CATEGORY, `no category ${code}`);
  const ruleId = ruleIdInForce(found.deadlineRuleId, cfg.deadlineRuleVersions, at);
  return ruleId === found.deadlineRuleId ? found : { ...found, deadlineRuleId: ruleId };
}

const unitList = cached(async (): Promise<Unit[]> => {
  const res = await db().collection(COLLECTIONS.units).limit(1000).get();
  return rowsOf(res) as Unit[];
});

/** Every unit (cached like the rest of the reference data). */
export const allUnits = (): Promise<Unit[]> => unitList('all');

export async function unit(id: string): Promise<Unit> {
  const found = (await unitList('all')).find((u) => u._id === id);
  if (!found) throw new AppError(TICKET_SERVICE_ERRORS.UNIT_NOT_FOUND, `no unit ${id}`);
  return found;
}

/** Units overseen by `unitId`: itself and, for a centre, its contractors. */
export async function oversees(unitId: string): Promise<string[]> {
  return [unitId, ...(await unitList('all')).filter((u) => u.kind === 'contractor' && u.parentId === unitId).map((u) => u._id)];
}

/** The general-affairs office unit ids. */
export async function officeUnitIds(): Promise<string[]> {
  return (await unitList('all')).filter((u) => u.kind === 'office').map((u) => u._id);
}

const zoneBy = (field: 'sceneId') =>
  cached(async (key: string): Promise<Zone> => {
    const res = await db()
      .collection(COLLECTIONS.zones)
      .where({ [field]: key })
      .limit(1)
      .get();
    const zone = rowsOf(res)[0] as (Zone & { active?: boolean }) | undefined;
    // A zone an admin deactivated (cloudfunctions/admin) takes no new reports: its code reads as unknown.
    if (!zone || zone.active === false) throw new AppError(TICKET_SERVICE_ERRORS.ZONE_NOT_FOUND, 'no such zone');
    return zone;
  });
export const zoneByScene = zoneBy('sceneId');

// Zones by id share one cache filled in batches: a page of tickets or a zone's ancestors cost at most one
// read (`_id in [...]`) for whatever is not cached yet, instead of one read per zone.
const zoneIdCache = new Map<string, Entry<Zone>>();
caches.add(zoneIdCache as Map<string, Entry<unknown>>);
const IN_BATCH = 100;

/**
 * Zones by id, from the cache where fresh and the rest in bounded `_id in` reads of at most 100 ids each;
 * ids without a zone are absent from the map. Example: `(await zonesByIds(t.zonePath)).get(t.zonePath[0])?.name`.
 */
export async function zonesByIds(ids: readonly string[]): Promise<Map<string, Zone>> {
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => {
    const hit = zoneIdCache.get(id);
    return !hit || Date.now() - hit.at >= CACHE_TTL_MS;
  });
  const _ = cmd();
  for (let i = 0; i < missing.length; i += IN_BATCH) {
    const batch = missing.slice(i, i + IN_BATCH);
    const rows = (async () => {
      const res = await db()
        .collection(COLLECTIONS.zones)
        .where({ _id: batch.length === 1 ? batch[0] : _.in(batch) })
        .limit(batch.length)
        .get();
      return rowsOf(res) as Zone[];
    })();
    for (const id of batch) {
      const value = rows.then((zs) => {
        const z = zs.find((x) => x._id === id);
        if (!z) throw new AppError(TICKET_SERVICE_ERRORS.ZONE_NOT_FOUND, 'no such zone');
        return z;
      });
      value.catch(() => zoneIdCache.delete(id));
      zoneIdCache.set(id, { at: Date.now(), value });
    }
  }
  const found = new Map<string, Zone>();
  const settled = await Promise.allSettled(unique.map((id) => zoneIdCache.get(id)?.value ?? Promise.resolve(undefined)));
  for (const [k, r] of settled.entries()) {
    if (r.status === 'fulfilled') {
      if (r.value) found.set(unique[k], r.value);
    } else if (!isAppError(r.reason)) throw r.reason; // a failed read is a failure, not a missing zone
  }
  return found;
}

/** One zone by id (cached); `TICKET.ZONE_NOT_FOUND` when there is none. */
export async function zoneById(id: string): Promise<Zone> {
  const z = (await zonesByIds([id])).get(id);
  if (!z) throw new AppError(TICKET_SERVICE_ERRORS.ZONE_NOT_FOUND, 'no such zone');
  return z;
}

/** Names of a zone's ancestors, campus first (`path` order); an ancestor that no longer exists is skipped. */
export async function pathNamesOf(zone: Pick<Zone, 'path'>): Promise<string[]> {
  const zones = await zonesByIds(zone.path);
  return zone.path.flatMap((id) => {
    const z = zones.get(id);
    return z ? [z.name] : [];
  });
}

/** The people around a zone: its responsible primary and backup, and the managers of its unit. */
export type Staffing = ZoneStaffing<PersonDoc>;

const staffingByZone = cached(async (zoneId: string): Promise<Staffing> => {
  const zone = await zoneById(zoneId);
  const _ = cmd();
  const ids = [zone.responsible.primary, ...(zone.responsible.backup ? [zone.responsible.backup] : [])];
  const res = await db()
    .collection(COLLECTIONS.people)
    .where(_.or([{ _id: _.in(ids) }, { 'roles.unitId': zone.unitId }]))
    .limit(100)
    .get();
  const people = rowsOf(res) as PersonDoc[];
  return {
    primary: people.find((p) => p._id === zone.responsible.primary) ?? null,
    backup: people.find((p) => p._id === zone.responsible.backup) ?? null,
    managers: people.filter((p) => p.roles.some((r) => r.role === 'manager' && r.unitId === zone.unitId)),
  };
});
export const staffing = (zone: Zone) => staffingByZone(zone._id);

/** The duty fallback, a pure rule of the ticket domain (shared/tickets/assignee.rules.ts). */
export { chooseAssignee };

/**
 * The names of these documents (people, zones, …) by id, read in pages of 1000 with only `_id` and `name`;
 * ids not found are absent from the map.
 */
export async function namesOf(collection: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  const _ = cmd();
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    const res = await db()
      .collection(collection)
      .where({ _id: _.in(chunk) })
      .field({ _id: true, name: true })
      .limit(chunk.length)
      .get();
    for (const d of rowsOf<{ _id: string; name: string }>(res)) names.set(d._id, d.name);
  }
  return names;
}
