import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import * as builtin from '../../miniprogram/services/checklists';
import { DEFAULT_CATEGORY_ICONS, DEFAULT_CHECKLISTS, DEFAULT_REPORTER_HIDDEN } from '../../shared/org/category.defaults';
import { DEFAULT_CATEGORIES } from '../../shared/org/category.schema';
import { type Cloud, PEOPLE, REPORTER, type Reply, startWithFixtures } from './fixtures';

const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

const NOISE = {
  code: 'noise',
  name: '噪音扰民',
  defaultSeverity: 'major',
  deadlineRuleId: 'standard',
  icon: '🔊',
  checklist: ['夜间施工已报备', '设备噪音在限值内'],
};

describe('org.categories', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('gives anyone the default categories with their icons and checklists while none are configured', async () => {
    // Act
    const reply = await invoke(cloud, 'org', REPORTER, 'categories', {});
    // Assess
    expect(reply.code).toBe(0);
    expect(reply.data.items.map((c: { code: string }) => c.code)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    expect(reply.data.items[0]).toEqual({
      code: 'hygiene',
      name: '环境卫生',
      icon: '🧹',
      defaultSeverity: 'minor',
      checklist: ['地面、桌面干净无油污', '餐具、托盘清洁消毒', '垃圾及时清运', '无蚊蝇、无异味'],
      reporterVisible: true,
    });
    // Office language stays off the students' grid until an admin says otherwise.
    expect(reply.data.items.find((c: { code: string }) => c.code === 'discipline')).toEqual({
      code: 'discipline',
      name: '劳动纪律',
      icon: '📋',
      defaultSeverity: 'minor',
      checklist: [],
      reporterVisible: false,
    });
  });

  it('refuses any payload field', async () => {
    const reply = await invoke(cloud, 'org', REPORTER, 'categories', { all: true });

    expect(reply.code).toBe('REQUEST.INVALID');
  });

  it('shows a category the admin adds, with its icon and checklist, just before 其他 (other)', async () => {
    // Prepare: the first save stores the defaults too; then an edit of a standard category keeps its place.
    expect((await invoke(cloud, 'admin', PEOPLE.admin.openid, 'saveCategory', NOISE)).code).toBe(0);
    const edited = await invoke(cloud, 'admin', PEOPLE.admin.openid, 'saveCategory', {
      code: 'hygiene',
      version: 1,
      name: '环境卫生',
      defaultSeverity: 'major',
      deadlineRuleId: 'standard',
      checklist: ['地面干净'],
    });
    expect(edited.code).toBe(0);
    // Act
    const reply = await invoke(cloud, 'org', PEOPLE.staff.openid, 'categories');
    // Assess
    const items = reply.data.items as Array<{ code: string }>;
    const defaults = DEFAULT_CATEGORIES.map((c) => c.code).filter((c) => c !== 'other');
    expect(items.map((c) => c.code)).toEqual([...defaults, 'noise', 'other']);
    expect(items.at(-2)).toEqual({
      code: 'noise',
      name: '噪音扰民',
      icon: '🔊',
      defaultSeverity: 'major',
      checklist: ['夜间施工已报备', '设备噪音在限值内'],
      reporterVisible: true,
    });
    // A configured checklist replaces the default; the unconfigured icon still falls back.
    expect(items[0]).toEqual({
      code: 'hygiene',
      name: '环境卫生',
      icon: '🧹',
      defaultSeverity: 'major',
      checklist: ['地面干净'],
      reporterVisible: true,
    });
    // Stored standard categories without icon or checklist get the defaults.
    expect(items.find((c) => c.code === 'food_safety')).toMatchObject({ icon: '🍱', checklist: DEFAULT_CHECKLISTS.food_safety });
  });
});

describe('default category icons and checklists', () => {
  it('are the same on the server and in the mini-program', () => {
    expect(Object.fromEntries(builtin.CATEGORIES.map((c) => [c.code, c.icon]))).toEqual(DEFAULT_CATEGORY_ICONS);
    expect(builtin.CHECKLISTS).toEqual(DEFAULT_CHECKLISTS);
    expect([...builtin.REPORTER_HIDDEN].sort()).toEqual([...DEFAULT_REPORTER_HIDDEN].sort());
  });

  it('cover every default category in the mini-program list, with the same default severity', () => {
    expect(builtin.CATEGORIES.map((c) => c.code).sort()).toEqual(DEFAULT_CATEGORIES.map((c) => c.code).sort());
    for (const c of DEFAULT_CATEGORIES) expect(builtin.DEFAULT_SEVERITY[c.code] ?? 'minor').toBe(c.defaultSeverity);
  });
});

describe('categories an admin creates and shows to reporters', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('makes the code of a new category, so an admin never types one, and hides it from reporters on request', async () => {
    // Act
    const made = await invoke(cloud, 'admin', PEOPLE.admin.openid, 'saveCategory', {
      name: '空调故障',
      defaultSeverity: 'major',
      deadlineRuleId: 'standard',
      reporterVisible: false,
    });
    // Assess
    expect(made.code).toBe(0);
    expect(made.data.code).toMatch(/^c[a-z0-9]+$/);
    const listed = (await invoke(cloud, 'org', REPORTER, 'categories', {})).data.items as Array<{ code: string; reporterVisible: boolean }>;
    expect(listed.find((c) => c.code === made.data.code)).toMatchObject({ reporterVisible: false });
  });
});
