import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { escapeRegExp } from '../../cloudfunctions/org/org.service';
import { type Cloud, PEOPLE, REPORTER, type Reply, startWithFixtures, zone } from './fixtures';

/** Calls the org function as `openid` from the mini-program. */
const org = (cloud: Cloud, openid: string, action: string, payload?: unknown): Promise<Reply> =>
  cloud.host.invoke('org', payload === undefined ? { action } : { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

// A campus and a building above the fixture floor (`zone-b1-f2`, path campus-main → zone-b1), canteen windows
// of the contractor, and a zone of the other contractor whose name looks like a regular expression.
const ZONES = [
  zone('campus-main', 'campus', { name: '主校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-main' }),
  zone('zone-b1', 'b1', { name: '第一教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
  zone('zone-ct1', 'ct1', { name: '第一食堂', kind: 'canteen', parentId: 'campus-main', path: ['campus-main'] }),
  ...Array.from({ length: 25 }, (_v, i) =>
    zone(`zone-ct1-w${i}`, `ct1w${i}`, {
      name: `第一食堂${String(i + 1).padStart(2, '0')}号窗口`,
      kind: 'window',
      parentId: 'zone-ct1',
      path: ['campus-main', 'zone-ct1'],
    }),
  ),
  zone('zone-green', 'green', {
    name: '草坪(.*)区',
    kind: 'area',
    parentId: 'campus-main',
    path: ['campus-main'],
    unitId: 'contractor-other',
  }),
];

describe('org function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures(ZONES);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  describe('me', () => {
    it.each([
      ['an unknown openid', REPORTER, ['reporter'], false],
      ['staff', PEOPLE.staff.openid, ['reporter', 'staff'], true],
      ['a centre inspector', PEOPLE.centreInspector.openid, ['reporter', 'inspector'], true],
      ['an admin', PEOPLE.admin.openid, ['reporter', 'admin'], true],
    ])('gives %s their roles from the WeChat context', async (_who, openid, roles, registered) => {
      const reply = await org(cloud, openid, 'me', {});

      expect(reply).toEqual({ code: 0, data: expect.objectContaining({ roles, registered }) });
    });

    it('returns the bindings behind the roles', async () => {
      const reply = await org(cloud, PEOPLE.centreInspector.openid, 'me');

      expect(reply.data.bindings).toEqual([{ role: 'inspector', level: 'centre', unitId: 'centre-property' }]);
      expect(reply.data.name).toBe('钱督查');
    });

    it('refuses a forged openid in the payload', async () => {
      const reply = await org(cloud, REPORTER, 'me', { openid: PEOPLE.admin.openid });

      expect(reply.code).toBe('REQUEST.INVALID');
    });
  });

  describe('zoneByScene', () => {
    it('gives anyone who scans a code the zone and the names above it', async () => {
      const reply = await org(cloud, REPORTER, 'zoneByScene', { sceneId: 'b1f2' });

      expect(reply).toEqual({
        code: 0,
        data: { _id: 'zone-b1-f2', name: '区域b1f2', sceneId: 'b1f2', pathNames: ['主校区', '第一教学楼'] },
      });
    });

    it('shows nothing about who staffs the zone', async () => {
      const reply = await org(cloud, REPORTER, 'zoneByScene', { sceneId: 'b1f2' });

      expect(JSON.stringify(reply)).not.toContain('p-staff');
    });

    it('answers an unknown code with TICKET.ZONE_NOT_FOUND', async () => {
      const reply = await org(cloud, REPORTER, 'zoneByScene', { sceneId: 'nope' });

      expect(reply.code).toBe('TICKET.ZONE_NOT_FOUND');
    });

    it.each([[{}], [{ sceneId: { $ne: '' } }], [{ sceneId: 'a/b' }], [{ sceneId: 'b1f2', extra: 1 }]])(
      'refuses the malformed payload %j',
      async (payload) => {
        const reply = await org(cloud, REPORTER, 'zoneByScene', payload);

        expect(reply.code).toBe('REQUEST.INVALID');
      },
    );
  });

  describe('searchZones', () => {
    it('finds at most 20 zones, names starting with the text first, each with its path names', async () => {
      const reply = await org(cloud, PEOPLE.officeInspector.openid, 'searchZones', { q: '第一食堂' });

      expect(reply.code).toBe(0);
      expect(reply.data.items).toHaveLength(20);
      expect(reply.data.items[0]).toEqual({ _id: 'zone-ct1', name: '第一食堂', sceneId: 'ct1', pathNames: ['主校区'] });
      expect(reply.data.items[1]).toEqual(expect.objectContaining({ name: '第一食堂01号窗口', pathNames: ['主校区', '第一食堂'] }));
    });

    it('matches inside a name too', async () => {
      const reply = await org(cloud, PEOPLE.admin.openid, 'searchZones', { q: '07号' });

      expect(reply.data.items.map((z: { name: string }) => z.name)).toEqual(['第一食堂07号窗口']);
    });

    it('matches regular-expression characters literally', async () => {
      const literal = await org(cloud, PEOPLE.admin.openid, 'searchZones', { q: '(.*)' });
      const pattern = await org(cloud, PEOPLE.admin.openid, 'searchZones', { q: '.*' });

      expect(literal.data.items.map((z: { _id: string }) => z._id)).toEqual(['zone-green']);
      expect(pattern.data.items.map((z: { _id: string }) => z._id)).toEqual(['zone-green']);
    });

    it('keeps a centre inspector and a manager to the zones of the units they oversee', async () => {
      const centre = await org(cloud, PEOPLE.centreInspector.openid, 'searchZones', { q: '草坪' });
      const manager = await org(cloud, PEOPLE.manager.openid, 'searchZones', { q: '草坪' });
      const own = await org(cloud, PEOPLE.manager.openid, 'searchZones', { q: '教学楼' });

      expect(centre.data.items).toHaveLength(1);
      expect(manager.data.items).toEqual([]);
      expect(own.data.items.map((z: { _id: string }) => z._id)).toEqual(['zone-b1']);
    });

    it.each([
      ['an unknown openid', REPORTER],
      ['staff', PEOPLE.staff.openid],
      ['a leader', PEOPLE.leader.openid],
    ])('refuses %s', async (_who, openid) => {
      const reply = await org(cloud, openid, 'searchZones', { q: '食堂' });

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it.each([[{ q: '' }], [{ q: '   ' }], [{ q: 'x'.repeat(31) }], [{ q: { $regex: '.*' } }], [{}]])(
      'refuses the malformed payload %j',
      async (payload) => {
        const reply = await org(cloud, PEOPLE.admin.openid, 'searchZones', payload);

        expect(reply.code).toBe('REQUEST.INVALID');
      },
    );
  });

  describe('unitStaff', () => {
    it('lists the staff and managers of a unit to its manager', async () => {
      const reply = await org(cloud, PEOPLE.manager.openid, 'unitStaff', { unitId: 'contractor-clean' });

      expect(reply.code).toBe(0);
      expect(reply.data.items).toEqual(
        expect.arrayContaining([
          { _id: 'p-staff', name: '张保洁' },
          { _id: 'p-staff-2', name: '李保洁' },
          { _id: 'p-manager', name: '赵经理' },
        ]),
      );
      expect(reply.data.items).toHaveLength(3);
    });

    it('lists a unit to an admin, and leaves out inspectors bound to it', async () => {
      const reply = await org(cloud, PEOPLE.admin.openid, 'unitStaff', { unitId: 'centre-property' });

      expect(reply).toEqual({ code: 0, data: { items: [] } });
    });

    it('refuses the manager of another unit', async () => {
      const reply = await org(cloud, PEOPLE.manager.openid, 'unitStaff', { unitId: 'contractor-other' });

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it('lists a unit to an office inspector, who may reassign a ticket in coordination', async () => {
      const reply = await org(cloud, PEOPLE.officeInspector.openid, 'unitStaff', { unitId: 'contractor-clean' });

      expect(reply.code).toBe(0);
      expect(reply.data.items).toHaveLength(3);
    });

    it.each([
      ['staff of the unit', PEOPLE.staff.openid],
      ['an unknown openid', REPORTER],
    ])('refuses %s', async (_who, openid) => {
      const reply = await org(cloud, openid, 'unitStaff', { unitId: 'contractor-clean' });

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it('answers an admin asking for an unknown unit with ORG.UNIT_NOT_FOUND', async () => {
      const reply = await org(cloud, PEOPLE.admin.openid, 'unitStaff', { unitId: 'no-such-unit' });

      expect(reply.code).toBe('ORG.UNIT_NOT_FOUND');
    });

    it.each([[{}], [{ unitId: { $gt: '' } }], [{ unitId: 'contractor-clean', openid: 'o-admin' }]])(
      'refuses the malformed payload %j',
      async (payload) => {
        const reply = await org(cloud, PEOPLE.manager.openid, 'unitStaff', payload);

        expect(reply.code).toBe('REQUEST.INVALID');
      },
    );
  });

  it.each([
    [{ action: 'noSuchAction' }, 'REQUEST.UNKNOWN_ACTION'],
    [{ action: 'me', payload: {}, openid: 'o-admin' }, 'REQUEST.BAD_EVENT'],
    [[], 'REQUEST.BAD_EVENT'],
  ])('refuses the event %j', async (event, code) => {
    const reply = (await cloud.host.invoke('org', event, { source: 'wx_client', openid: REPORTER })) as Reply;

    expect(reply.code).toBe(code);
  });
});

describe('escapeRegExp', () => {
  it.each(['a.b', '(x)', '[1]', '^$', 'a|b', '\\d+', '{2}', '食堂?'])('makes %s match only itself', (text) => {
    const re = new RegExp(`^${escapeRegExp(text)}$`);

    expect(re.test(text)).toBe(true);
    expect(re.test(`${text}x`)).toBe(false);
  });
});
