import { DEFAULT_CATEGORIES } from '../../shared/org/category.schema';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, REPORTER, type Reply, startWithFixtures } from './fixtures';

const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const A = PEOPLE.admin.openid;

const DEFAULT_CODES = DEFAULT_CATEGORIES.map((c) => c.code);
const codesOf = (reply: Reply): string[] => (reply.data.items as Array<{ code: string }>).map((c) => c.code);
const db = () => wxCloud().database();
const stored = async (): Promise<Loose[]> => ((await db().collection('categories').limit(100).get()) as { data: Loose[] }).data;
const byCode = async (): Promise<Record<string, Loose>> => Object.fromEntries((await stored()).map((d) => [d.code, d]));
const saveNew = (cloud: Cloud, code: string, name: string) =>
  invoke(cloud, 'admin', A, 'saveCategory', { code, name, defaultSeverity: 'minor', deadlineRuleId: 'standard' });

describe('category order', () => {
  let cloud: Cloud;
  beforeEach(async () => {
    cloud = await startWithFixtures();
  });
  afterEach(async () => {
    await cloud.close();
  });

  it('moves a default category up while none are stored, storing every default with its order', async () => {
    // Act
    const moved = await invoke(cloud, 'admin', A, 'moveCategory', { code: 'attitude', direction: 'up', version: 0 });
    // Assess
    expect(moved.code).toBe(0);
    expect(codesOf(moved)).toEqual(['attitude', 'hygiene', ...DEFAULT_CODES.slice(2)]);
    expect(moved.data.stored).toBe(true);
    const docs = await byCode();
    expect(Object.keys(docs).sort()).toEqual([...DEFAULT_CODES].sort());
    expect(docs.attitude).toMatchObject({ order: 0, version: 1, name: '服务态度', updatedBy: 'p-admin' });
    expect(docs.hygiene).toMatchObject({ order: 1, version: 1 });
    expect(docs.other).toMatchObject({ order: 10, version: 1 });
    expect(codesOf(await invoke(cloud, 'org', REPORTER, 'categories'))).toEqual(codesOf(moved));
  });

  it('places a new category just before 其他 and keeps it there for the next one', async () => {
    // Act
    expect((await saveNew(cloud, 'noise', '噪音扰民')).data).toMatchObject({ code: 'noise', order: 10 });
    expect((await saveNew(cloud, 'parking', '乱停乱放')).data).toMatchObject({ code: 'parking', order: 11 });
    // Assess
    const before = DEFAULT_CODES.filter((c) => c !== 'other');
    expect(codesOf(await invoke(cloud, 'admin', A, 'categories'))).toEqual([...before, 'noise', 'parking', 'other']);
    expect(codesOf(await invoke(cloud, 'org', PEOPLE.staff.openid, 'categories'))).toEqual([...before, 'noise', 'parking', 'other']);
    expect((await byCode()).other).toMatchObject({ order: 12 });
  });

  it('places a new category last when there is no 其他, and orders seeded categories without order by the defaults', async () => {
    // Prepare: categories seeded before `order` existed, in storage order unlike the defaults', without `other`.
    for (const code of ['safety', 'hygiene', 'attitude']) {
      const c = DEFAULT_CATEGORIES.find((d) => d.code === code) as Loose;
      await db()
        .collection('categories')
        .add({ data: { _id: code, ...c, version: 1 } as never });
    }
    expect(codesOf(await invoke(cloud, 'org', REPORTER, 'categories'))).toEqual(['hygiene', 'attitude', 'safety']);
    // Act
    const saved = await saveNew(cloud, 'noise', '噪音扰民');
    // Assess
    expect(saved.data.order).toBe(3);
    expect(codesOf(await invoke(cloud, 'admin', A, 'categories'))).toEqual(['hygiene', 'attitude', 'safety', 'noise']);
    const docs = await byCode();
    expect(docs.hygiene).toMatchObject({ order: 0, version: 2 });
    expect(docs.safety).toMatchObject({ order: 2, version: 2 });
  });

  it('moves a category down and back up, swapping with its neighbour in one write and bumping both versions', async () => {
    // Prepare
    await saveNew(cloud, 'noise', '噪音扰民');
    const v = (await byCode()).noise.version;
    // Act
    const down = await invoke(cloud, 'admin', A, 'moveCategory', { code: 'noise', direction: 'down', version: v });
    // Assess
    expect(down.code).toBe(0);
    expect(codesOf(down).slice(-2)).toEqual(['other', 'noise']);
    let docs = await byCode();
    expect(docs.noise).toMatchObject({ order: 11, version: v + 1 });
    expect(docs.other).toMatchObject({ order: 10 });
    // Act: up again, without a version
    const up = await invoke(cloud, 'admin', A, 'moveCategory', { code: 'noise', direction: 'up' });
    // Assess
    expect(codesOf(up).slice(-2)).toEqual(['noise', 'other']);
    docs = await byCode();
    expect(docs.noise).toMatchObject({ order: 10, version: v + 2 });
    expect(codesOf(await invoke(cloud, 'org', REPORTER, 'categories')).slice(-2)).toEqual(['noise', 'other']);
    // An edit keeps the category's place.
    const edited = await invoke(cloud, 'admin', A, 'saveCategory', {
      code: 'noise',
      version: v + 2,
      name: '噪声',
      defaultSeverity: 'major',
      deadlineRuleId: 'standard',
    });
    expect(edited.data).toMatchObject({ order: 10, version: v + 3 });
    expect(codesOf(await invoke(cloud, 'admin', A, 'categories')).slice(-2)).toEqual(['noise', 'other']);
  });

  it.each([
    ['the first category up', { code: 'hygiene', direction: 'up' }, 'ADMIN.CATEGORY_AT_EDGE'],
    ['the last category down', { code: 'other', direction: 'down' }, 'ADMIN.CATEGORY_AT_EDGE'],
    ['an unknown category', { code: 'nope', direction: 'up' }, 'ADMIN.NOT_FOUND'],
    ['a stale version', { code: 'attitude', direction: 'up', version: 3 }, 'ADMIN.STALE'],
    ['an unknown direction', { code: 'attitude', direction: 'left' }, 'REQUEST.INVALID'],
    ['an extra field', { code: 'attitude', direction: 'up', order: 0 }, 'REQUEST.INVALID'],
  ])('refuses moving %s and writes nothing', async (_label, payload, code) => {
    const reply = await invoke(cloud, 'admin', A, 'moveCategory', payload);

    expect(reply.code).toBe(code);
    expect(await stored()).toEqual([]);
  });

  it.each([
    ['staff', PEOPLE.staff.openid],
    ['a unit manager', PEOPLE.manager.openid],
    ['an unknown WeChat user', REPORTER],
  ])('refuses moving to %s', async (_who, openid) => {
    const reply = await invoke(cloud, 'admin', openid, 'moveCategory', { code: 'attitude', direction: 'up' });

    expect(reply.code).toBe('AUTH.FORBIDDEN');
    expect(await stored()).toEqual([]);
  });
});
