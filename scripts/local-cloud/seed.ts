/**
 * Seeds the demo campus into a fresh local cloud, through the real wx-server-sdk as a cloud function
 * would write it. A database whose `units` collection is not empty is left untouched.
 */
import { z } from 'zod';
import { TEMPLATES, type TemplateName } from '../../shared/notify/templates';
import { Category, DEFAULT_CATEGORIES } from '../../shared/org/category.schema';
import { Person } from '../../shared/org/person.schema';
import { Unit } from '../../shared/org/unit.schema';
import { Zone } from '../../shared/org/zone.schema';
import type { LocalCloud } from './cloud';
import { DEMO_PEOPLE, DEMO_REMINDERS, DEMO_REPORTERS, DEMO_UNITS, DEMO_ZONES, type DemoIdentity, type DemoPerson } from './demo-campus';

export type { DemoIdentity } from './demo-campus';

/** What gets seeded; the default is the demo campus (tests pass broken variants to see it refuse). */
export type DemoCampus = {
  units: readonly Unit[];
  zones: readonly Zone[];
  people: readonly DemoPerson[];
  reporters: readonly DemoIdentity[];
  categories: readonly Category[];
};

export const DEMO_CAMPUS: DemoCampus = {
  units: DEMO_UNITS,
  zones: DEMO_ZONES,
  people: DEMO_PEOPLE,
  reporters: DEMO_REPORTERS,
  categories: DEFAULT_CATEGORIES,
};

type Doc = { _id: string } & Record<string, unknown>;
/** The collections the demo campus is written to; seeding happens only when the configuration has them all. */
export const DEMO_COLLECTIONS = ['categories', 'people', 'zones', 'units'] as const;
/** Collections in write order. `units` goes last: it is what marks the database as seeded. */
type Batch = { collection: 'categories' | 'people' | 'zones' | 'subscriptions' | 'units'; docs: Doc[] };

/** Registered people first (staff … admin as listed), then the reporters. */
export function demoIdentities(campus: DemoCampus = DEMO_CAMPUS): DemoIdentity[] {
  return [...campus.people.map(({ openid, name, label }) => ({ openid, name, label })), ...campus.reporters];
}

/**
 * Seeds `campus` when the `units` collection is empty (the registered demo people with a few reminders of
 * each template), and on every start tells the local host the reminders left (it keeps them in memory). Throws, before writing
 * anything, if a document fails its schema or names something that does not exist.
 */
export async function seedIfEmpty(
  cloud: LocalCloud,
  campus: DemoCampus = DEMO_CAMPUS,
): Promise<{ fresh: boolean; identities: DemoIdentity[]; skipped?: string }> {
  // Another project's database configuration: the demo campus has nowhere to go, so nothing is seeded.
  const have = new Set(cloud.engine.listCollections());
  const missing = DEMO_COLLECTIONS.filter((c) => !have.has(c));
  if (missing.length > 0) return { fresh: false, identities: [], skipped: `no demo collections (${missing.join(', ')})` };
  const batches = validate(campus);
  const wx = require('wx-server-sdk') as typeof import('wx-server-sdk');
  wx.init({ env: wx.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = wx.database();
  const { total } = (await db.collection('units').count()) as { total: number };
  const fresh = total === 0;
  if (fresh) {
    for (const { collection, docs } of batches) {
      const ids = docs.map((d) => d._id);
      // A start killed between two batches leaves earlier collections complete (each batch is atomic):
      // skip those, so the next start finishes the seed instead of failing on duplicate ids.
      const present = (await db
        .collection(collection)
        .where({ _id: db.command.in(ids) })
        .count()) as { total: number };
      if (present.total === ids.length) continue;
      if (present.total > 0)
        throw new Error(`seed: ${collection} holds ${present.total} of ${ids.length} demo documents; clear the data directory`);
      for (let i = 0; i < docs.length; i += 1000) {
        await db.collection(collection).add({ data: docs.slice(i, i + 1000) as never });
      }
    }
  }
  // WeChat's side of the reminders (the local host keeps them in memory): what the stored counts say is left.
  const subs = (await db.collection('subscriptions').limit(1000).get()) as unknown as {
    data: Array<{ openid: string; template: TemplateName; left: number }>;
  };
  for (const s of subs.data) if (s.left > 0 && TEMPLATES[s.template]) cloud.host.subscribe(s.openid, TEMPLATES[s.template], s.left);
  return { fresh, identities: demoIdentities(campus) };
}

/** Parses every document with its shared schema and checks the references between them. */
function validate(campus: DemoCampus): Batch[] {
  const problems: string[] = [];
  const parse = <T>(schema: z.ZodType<T>, v: unknown, what: string): T | null => {
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    problems.push(`${what}: ${z.prettifyError(r.error).replaceAll('\n', '; ')}`);
    return null;
  };
  const units = campus.units.map((u) => parse<Unit>(Unit, u, `unit ${u._id}`)).filter((u) => u !== null);
  const zones = campus.zones.map((z) => parse<Zone>(Zone, z, `zone ${z._id}`)).filter((z) => z !== null);
  const people = campus.people.map(({ label: _label, ...p }) => parse<Person>(Person, p, `person ${p._id}`)).filter((p) => p !== null);
  const categories = campus.categories.map((c) => parse<Category>(Category, c, `category ${c.code}`)).filter((c) => c !== null);

  const dupes = (what: string, values: string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`duplicate ${what} ${v}`);
      seen.add(v);
    }
  };
  dupes(
    'unit id',
    units.map((u) => u._id),
  );
  dupes(
    'zone id',
    zones.map((z) => z._id),
  );
  dupes(
    'scene id',
    zones.map((z) => z.sceneId),
  );
  dupes(
    'person id',
    people.map((p) => p._id),
  );
  dupes('openid', [...people.map((p) => p.openid), ...campus.reporters.map((r) => r.openid)]);
  dupes(
    'category code',
    categories.map((c) => c.code),
  );

  const unitById = new Map(units.map((u) => [u._id, u]));
  for (const u of units) {
    if (u.parentId !== null && !unitById.has(u.parentId)) problems.push(`unit ${u._id}: unknown parent ${u.parentId}`);
    if (u.kind === 'contractor' && unitById.get(u.parentId)?.kind !== 'centre')
      problems.push(`unit ${u._id}: a contractor is overseen by a centre`);
  }
  for (const p of people) {
    for (const r of p.roles) {
      if ('unitId' in r && !unitById.has(r.unitId)) problems.push(`person ${p._id}: unknown unit ${r.unitId}`);
      if (r.role === 'inspector' && r.level === 'centre' && unitById.get(r.unitId)?.kind !== 'centre')
        problems.push(`person ${p._id}: a centre inspector is bound to a centre`);
    }
  }
  const zoneById = new Map(zones.map((z) => [z._id, z]));
  const personById = new Map(people.map((p) => [p._id, p]));
  for (const z of zones) {
    if (!unitById.has(z.unitId)) problems.push(`zone ${z._id}: unknown unit ${z.unitId}`);
    if (z.parentId !== null) {
      const parent = zoneById.get(z.parentId);
      if (!parent) problems.push(`zone ${z._id}: unknown parent ${z.parentId}`);
      else if (JSON.stringify(z.path) !== JSON.stringify([...parent.path, parent._id]))
        problems.push(`zone ${z._id}: path does not follow its parent`);
    }
    for (const id of [z.responsible.primary, z.responsible.backup]) {
      if (id === undefined) continue;
      // The zone's own staff: a ticket's unit is the zone's unit, and its manager is who gets escalations.
      if (!personById.get(id)?.roles.some((r) => r.role === 'staff' && r.unitId === z.unitId))
        problems.push(`zone ${z._id}: ${id} is not staff of ${z.unitId}`);
    }
  }
  if (problems.length > 0) throw new Error(`seed: the demo campus is invalid:\n  ${problems.join('\n  ')}`);

  return [
    { collection: 'categories', docs: categories.map((c) => ({ _id: c.code, ...c })) },
    { collection: 'people', docs: people },
    { collection: 'zones', docs: zones },
    {
      collection: 'subscriptions',
      docs: people.flatMap((p) =>
        (Object.keys(TEMPLATES) as TemplateName[]).map((template) => ({
          _id: `${p.openid}|${template}`,
          openid: p.openid,
          template,
          left: DEMO_REMINDERS,
          accepted: DEMO_REMINDERS,
        })),
      ),
    },
    { collection: 'units', docs: units },
  ];
}
