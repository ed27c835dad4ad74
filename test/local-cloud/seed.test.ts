import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { DEMO_REMINDERS, DEMO_TEMPLATE_IDS } from '../../scripts/local-cloud/demo-campus';
import { DEMO_CAMPUS, type DemoCampus, seedIfEmpty } from '../../scripts/local-cloud/seed';
import { Subscription } from '../../shared/notify/subscription.schema';
import { Category, DEFAULT_CATEGORIES } from '../../shared/org/category.schema';
import { Person } from '../../shared/org/person.schema';
import { Unit } from '../../shared/org/unit.schema';
import { Zone } from '../../shared/org/zone.schema';
import { startLocalCloud, wxCloud } from '../helpers/local-cloud';

type Cloud = Awaited<ReturnType<typeof startLocalCloud>>;
type Doc = { _id: string } & Record<string, unknown>;

const SEEDED = ['categories', 'people', 'zones', 'subscriptions', 'units'] as const;
const READS = new Set(['database.calculateDocument', 'database.getDocument']);

/** Every document of a collection, paged by `_id` so no read is unbounded. */
async function readAll(collection: string): Promise<Doc[]> {
  const db = wxCloud().database();
  const out: Doc[] = [];
  let after = '';
  for (;;) {
    const { data } = (await db
      .collection(collection)
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get()) as {
      data: Doc[];
    };
    out.push(...data);
    if (data.length < 100) return out;
    after = data[data.length - 1]._id;
  }
}

async function count(collection: string): Promise<number> {
  return ((await wxCloud().database().collection(collection).count()) as { total: number }).total;
}

const snapshot = async (): Promise<Record<(typeof SEEDED)[number], Doc[]>> => {
  const [categories, people, zones, subscriptions, units] = await Promise.all(SEEDED.map(readAll));
  return { categories, people, zones, subscriptions, units };
};

describe('seedIfEmpty on a fresh data directory', () => {
  let cloud: Cloud;
  let first: Awaited<ReturnType<typeof seedIfEmpty>>;
  let subscribe: jest.SpyInstance;
  let docs: Record<(typeof SEEDED)[number], Doc[]>;

  beforeAll(async () => {
    // Prepare
    cloud = await startLocalCloud();
    subscribe = jest.spyOn(cloud.host, 'subscribe');
    // Act
    first = await seedIfEmpty(cloud);
    docs = await snapshot();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('reports a fresh seed', () => {
    expect(first.fresh).toBe(true);
  });

  it('creates the office, three centres and two contractors, the zones, the people and the default categories', async () => {
    expect(await count('units')).toBe(6);
    expect(await count('zones')).toBe(91);
    expect(await count('people')).toBe(30);
    expect(await count('categories')).toBe(DEFAULT_CATEGORIES.length);
    const kinds = docs.units.map((u) => u.kind).sort();
    expect(kinds).toEqual(['centre', 'centre', 'centre', 'contractor', 'contractor', 'office']);
    expect(docs.units.filter((u) => u.kind === 'centre').map((u) => u.name)).toEqual(
      expect.arrayContaining(['物业服务中心', '饮食服务中心', '能源服务中心']),
    );
  });

  it('lays out two campuses with two canteens, numbered windows, dormitories and teaching buildings', () => {
    const of = (kind: string) => docs.zones.filter((z) => z.kind === kind);
    expect(of('campus').map((z) => z.name)).toEqual(expect.arrayContaining(['本部校区', '东校区']));
    expect(of('campus')).toHaveLength(2);
    expect(of('canteen')).toHaveLength(2);
    for (const canteen of of('canteen')) {
      expect(of('window').filter((w) => w.parentId === canteen._id).length).toBeGreaterThanOrEqual(6);
    }
    expect(of('dormitory').length).toBeGreaterThanOrEqual(6);
    expect(of('building').some((b) => String(b.name).includes('教学楼'))).toBe(true);
    for (const campus of of('campus')) {
      expect(docs.zones.some((z) => z.campusId === campus._id && z.kind === 'dormitory')).toBe(true);
    }
  });

  it.each(SEEDED)('stores %s documents that parse with their shared schema', (collection) => {
    const schema = { categories: Category, people: Person, zones: Zone, subscriptions: Subscription, units: Unit }[collection];
    for (const doc of docs[collection]) {
      const parsed = schema.safeParse(doc);
      expect({ _id: doc._id, error: parsed.error?.message }).toEqual({ _id: doc._id, error: undefined });
    }
  });

  it('keys categories by their code', () => {
    expect(docs.categories.map((c) => [c._id, c.code])).toEqual(expect.arrayContaining(DEFAULT_CATEGORIES.map((c) => [c.code, c.code])));
  });

  it("gives every zone responsible staff of the zone's unit or of a contractor it oversees", () => {
    const people = new Map(docs.people.map((p) => [p._id, Person.parse(p)]));
    const units = docs.units.map((u) => Unit.parse(u));
    for (const raw of docs.zones) {
      const zone = Zone.parse(raw);
      const allowed = new Set([
        zone.unitId,
        ...units.filter((u) => u.kind === 'contractor' && u.parentId === zone.unitId).map((u) => u._id),
      ]);
      const ids = [zone.responsible.primary, zone.responsible.backup];
      expect(ids.every((id) => id !== undefined)).toBe(true);
      for (const id of ids) {
        const staffOf = (people.get(id ?? '')?.roles ?? []).flatMap((r) => (r.role === 'staff' ? [r.unitId] : []));
        expect({ zone: zone._id, id, ok: staffOf.some((u) => allowed.has(u)) }).toEqual({ zone: zone._id, id, ok: true });
      }
    }
  });

  it('keeps zone ancestry consistent and scene ids unique', () => {
    const zones = new Map(docs.zones.map((z) => [z._id, Zone.parse(z)]));
    for (const zone of zones.values()) {
      if (zone.parentId === null) continue;
      const parent = zones.get(zone.parentId);
      expect(parent && [...parent.path, parent._id]).toEqual(zone.path);
      expect(zones.get(zone.campusId)?.kind).toBe('campus');
    }
    const scenes = docs.zones.map((z) => z.sceneId);
    expect(new Set(scenes).size).toBe(scenes.length);
  });

  it('points every unit and role at units that exist', () => {
    const unitIds = new Set(docs.units.map((u) => u._id));
    for (const u of docs.units) if (u.parentId !== null) expect(unitIds).toContain(u.parentId);
    for (const p of docs.people) {
      for (const r of Person.parse(p).roles) if ('unitId' in r) expect(unitIds).toContain(r.unitId);
    }
  });

  it('lists identities for every role, with a zh-CN label, and reporters who are not registered', () => {
    const byOpenid = new Map(docs.people.map((p) => [p.openid, Person.parse(p)]));
    const held = new Set(
      first.identities.flatMap((i) =>
        (byOpenid.get(i.openid)?.roles ?? []).map((r) => (r.role === 'inspector' ? `inspector:${r.level}` : r.role)),
      ),
    );
    expect([...held].sort()).toEqual(['admin', 'inspector:centre', 'inspector:office', 'leader', 'manager', 'staff']);
    const reporters = first.identities.filter((i) => !byOpenid.has(i.openid));
    expect(reporters.map((r) => r.label)).toEqual(expect.arrayContaining(['学生', '教师']));
    expect(first.identities.map((i) => i.openid).sort()).toEqual([...byOpenid.keys(), ...reporters.map((r) => r.openid)].sort());
    for (const i of first.identities) expect(i.label).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(first.identities.map((i) => i.openid)).toEqual(
      expect.arrayContaining([
        'demo-student-1',
        'demo-inspector-office-1',
        'demo-staff-canteen-1',
        'demo-manager-property',
        'demo-leader',
        'demo-admin',
      ]),
    );
  });

  it('grants exactly the templates the functions send', () => {
    expect([...DEMO_TEMPLATE_IDS].sort()).toEqual(Object.values(TEMPLATES).sort());
  });

  it('grants every registered person a few reminders of each template, and reporters none', () => {
    const granted = new Set(subscribe.mock.calls.map(([openid, template, n]) => `${openid}|${template}|${n}`));
    for (const p of docs.people) for (const t of DEMO_TEMPLATE_IDS) expect(granted).toContain(`${p.openid}|${t}|${DEMO_REMINDERS}`);
    expect(subscribe.mock.calls.some(([openid]) => String(openid).startsWith('demo-student'))).toBe(false);
    expect(subscribe).toHaveBeenCalledTimes(docs.people.length * DEMO_TEMPLATE_IDS.length);
  });

  it('writes nothing on a second start, returns the same identities and grants the quotas again', async () => {
    // Prepare
    subscribe.mockClear();
    // Act
    const { result: second, requests } = await cloud.measure(() => seedIfEmpty(cloud));
    // Assess
    expect(second).toEqual({ fresh: false, identities: first.identities });
    expect(Object.keys(requests.byAction).filter((a) => !READS.has(a))).toEqual([]);
    expect(await snapshot()).toEqual(docs);
    expect(subscribe).toHaveBeenCalledTimes(docs.people.length * DEMO_TEMPLATE_IDS.length);
  });
});

describe('seedIfEmpty, each on a new data directory', () => {
  let cloud: Cloud;
  beforeEach(async () => {
    cloud = await startLocalCloud();
  });
  afterEach(async () => {
    await cloud.close();
  });

  it('seeds in one batch per collection, well within the start-up budget', async () => {
    // Act
    const t0 = performance.now();
    const { requests } = await cloud.measure(() => seedIfEmpty(cloud));
    // Assess
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(requests.byAction['database.insertDocument']).toBe(SEEDED.length);
  });

  it.each<[string, (c: DemoCampus) => DemoCampus, RegExp]>([
    [
      "a zone's primary is not staff of its unit",
      (c) => ({ ...c, zones: c.zones.map((z, i) => (i === 3 ? { ...z, responsible: { primary: 'person-leader' } } : z)) }),
      /person-leader is not staff of/,
    ],
    [
      'a scene id is used twice',
      (c) => ({ ...c, zones: c.zones.map((z, i) => (i === 3 ? { ...z, sceneId: c.zones[2].sceneId } : z)) }),
      /duplicate scene id/,
    ],
    ['a document fails its schema', (c) => ({ ...c, units: [...c.units, { ...c.units[1], _id: 'unit-x', name: '' }] }), /unit unit-x/],
    [
      'a contractor names an unknown centre',
      (c) => ({ ...c, units: c.units.map((u) => (u.kind === 'contractor' ? { ...u, parentId: 'unit-nope' } : u)) }),
      /unknown parent/,
    ],
  ])('refuses, before writing anything, when %s', async (_name, breakIt, message) => {
    // Act
    const { result, requests } = await cloud.measure(() => seedIfEmpty(cloud, breakIt(DEMO_CAMPUS)).catch((e: Error) => e));
    // Assess
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(message);
    expect(requests.total).toBe(0);
  });

  it('finishes a seed interrupted after the categories were written', async () => {
    // Prepare
    const db = wxCloud().database();
    await db.collection('categories').add({ data: DEFAULT_CATEGORIES.map((c) => ({ _id: c.code, ...c })) as never });
    // Act
    const { fresh } = await seedIfEmpty(cloud);
    // Assess
    expect(fresh).toBe(true);
    expect(await Promise.all(SEEDED.map(count))).toEqual([DEFAULT_CATEGORIES.length, 30, 91, 30 * DEMO_TEMPLATE_IDS.length, 6]);
  });

  it('fails loudly when a collection holds only part of the demo documents', async () => {
    // Prepare
    await wxCloud()
      .database()
      .collection('people')
      .add({ data: { _id: 'person-admin', openid: 'demo-admin', name: '徐敏', roles: [{ role: 'admin' }] } });
    // Act / Assess
    await expect(seedIfEmpty(cloud)).rejects.toThrow(/people holds 1 of 30/);
    expect(await count('units')).toBe(0);
  });
});
