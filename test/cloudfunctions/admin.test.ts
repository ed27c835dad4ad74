import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { INVITE_ALPHABET } from '../../shared/org/invite';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, REPORTER, type Reply, report, startWithFixtures, ticketDoc, zone } from './fixtures';

/** Calls the admin function as `openid` from the mini-program. */
const admin = (cloud: Cloud, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('admin', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const org = (cloud: Cloud, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('org', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

const db = () => wxCloud().database();
async function doc(collection: string, id: string): Promise<Loose> {
  const res = (await db().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] };
  return res.data[0];
}

// A second admin (so the last-admin rule can be exercised), a campus and a building above the fixture floor
// `zone-b1-f2`, and 24 windows of a canteen so the zone list has a second page.
const ADMIN2 = { _id: 'p-admin-2', openid: 'o-admin-2', name: '冯管理', roles: [{ role: 'admin' }] };
const ZONES = [
  zone('campus-main', 'main', { name: '主校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-main' }),
  zone('zone-b1', 'b1', { name: '第一教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
  zone('campus-east', 'east', {
    name: '东校区',
    kind: 'campus',
    parentId: null,
    path: [],
    campusId: 'campus-east',
    unitId: 'contractor-other',
    responsible: { primary: 'p-other' },
  }),
  ...Array.from({ length: 24 }, (_v, i) =>
    zone(`zone-w${i}`, `w${i}`, {
      name: `食堂${String(i + 1).padStart(2, '0')}号窗口`,
      kind: 'window',
      parentId: 'zone-b1',
      path: ['campus-main', 'zone-b1'],
    }),
  ),
];

const A = PEOPLE.admin.openid;

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startWithFixtures(ZONES);
  await db()
    .collection('people')
    .add({ data: ADMIN2 as never });
});
afterAll(() => cloud.close());
beforeEach(() => clearCaches());

const NEW_ZONE = {
  parentId: 'zone-b1',
  name: '三层东侧卫生间',
  kind: 'area',
  unitId: 'contractor-clean',
  responsible: { primary: 'p-staff', backup: 'p-staff-2' },
  active: true,
};

describe('role checks', () => {
  // A valid payload for every action, so the role gate (not validation) is what answers.
  const VALID: Array<[string, unknown]> = [
    ['zones', {}],
    ['zone', { id: 'zone-b1' }],
    ['saveZone', NEW_ZONE],
    ['zoneCode', { id: 'zone-b1' }],
    ['units', {}],
    ['staffOf', { unitId: 'contractor-clean' }],
    ['people', {}],
    ['savePerson', { id: 'p-staff', version: 0, name: '张保洁', phone: null, roles: [{ role: 'admin' }], onDuty: true, active: true }],
    ['invites', {}],
    ['createInvite', { roles: ['staff'], unitId: 'contractor-clean' }],
    ['revokeInvite', { code: 'ABCDEFGH' }],
    ['categories', {}],
    ['saveCategory', { code: 'noise', name: '噪音扰民', defaultSeverity: 'minor', deadlineRuleId: 'standard' }],
    ['moveCategory', { code: 'attitude', direction: 'up' }],
    ['ticketSettings', {}],
    [
      'saveTicketSettings',
      {
        version: 0,
        deadlineRules: {
          standard: { minor: { kind: 'endOfServiceDay' }, major: { kind: 'endOfServiceDay' }, critical: { kind: 'endOfServiceDay' } },
        },
        escalationLevels: [],
      },
    ],
  ];
  const OTHERS: Array<[string, string]> = [
    ['staff', PEOPLE.staff.openid],
    ['a unit manager', PEOPLE.manager.openid],
    ['an office inspector', PEOPLE.officeInspector.openid],
    ['a leader', PEOPLE.leader.openid],
    ['an unknown WeChat user', REPORTER],
  ];
  const cases = VALID.flatMap(([action, payload]) => OTHERS.map(([who, openid]) => [action, who, openid, payload] as const));

  it.each(cases)('refuses %s to %s', async (action, _who, openid, payload) => {
    const before = await db().collection('people').where({ _id: 'p-staff' }).limit(1).get();

    const reply = await admin(cloud, openid, action, payload);

    expect(reply.code).toBe('AUTH.FORBIDDEN');
    expect(await db().collection('people').where({ _id: 'p-staff' }).limit(1).get()).toEqual(before);
  });

  it('writes nothing when refused', async () => {
    const count = async (c: string) => ((await db().collection(c).count()) as { total: number }).total;
    const before = [await count('zones'), await count('invites'), await count('categories'), await count('settings')];

    for (const [action, payload] of VALID) await admin(cloud, PEOPLE.manager.openid, action, payload);

    expect([await count('zones'), await count('invites'), await count('categories'), await count('settings')]).toEqual(before);
  });
});

describe('zones', () => {
  it('lists zones by name, 20 a page, each with its path, unit and responsible people', async () => {
    const first = await admin(cloud, A, 'zones', { unitId: 'contractor-clean' });
    const second = await admin(cloud, A, 'zones', { unitId: 'contractor-clean', cursor: first.data.nextCursor });

    expect(first.data.items).toHaveLength(20);
    expect(second.data.nextCursor).toBeNull();
    const all = [...first.data.items, ...second.data.items];
    expect(new Set(all.map((z: Loose) => z._id)).size).toBe(all.length);
    expect(all.map((z: Loose) => z.name)).toEqual([...all.map((z: Loose) => z.name)].sort());
    expect(all.find((z: Loose) => z._id === 'zone-w3')).toEqual(
      expect.objectContaining({
        name: '食堂04号窗口',
        kind: 'window',
        unitName: '保洁公司',
        pathNames: ['主校区', '第一教学楼'],
        responsible: { primary: { _id: 'p-staff', name: '张保洁' }, backup: { _id: 'p-staff-2', name: '李保洁' } },
        active: true,
        version: 0,
      }),
    );
  });

  it.each([
    [{ campusId: 'campus-east' }, ['campus-east']],
    [{ kind: 'campus' }, ['campus-east', 'campus-main']],
    [{ q: '07号' }, ['zone-w6']],
    [{ q: 'w12' }, ['zone-w12']],
    [{ q: '(.*)' }, []],
    [{ unitId: 'contractor-other' }, ['campus-east']],
  ])('filters by %j', async (filter, ids) => {
    const reply = await admin(cloud, A, 'zones', filter);

    expect(reply.data.items.map((z: Loose) => z._id)).toEqual(ids);
  });

  it('creates a zone under its parent with a new, unique QR scene, stamped with who and when', async () => {
    // Act
    const reply = await admin(cloud, A, 'saveZone', NEW_ZONE);
    // Assess
    expect(reply.code).toBe(0);
    const stored = await doc('zones', reply.data._id);
    expect(stored).toMatchObject({
      name: '三层东侧卫生间',
      parentId: 'zone-b1',
      path: ['campus-main', 'zone-b1'],
      campusId: 'campus-main',
      active: true,
      version: 1,
      updatedBy: 'p-admin',
      updatedAt: expect.any(Date),
    });
    expect(stored.sceneId).toMatch(/^[a-z0-9]{10}$/);
    expect(stored.serviceHours).toEqual((await doc('zones', 'zone-b1')).serviceHours);
    expect(reply.data.pathNames).toEqual(['主校区', '第一教学楼']);
    // A reporter scanning the new code lands on the zone.
    const scan = await org(cloud, REPORTER, 'zoneByScene', { sceneId: stored.sceneId });
    expect(scan.data).toEqual({ _id: stored._id, name: '三层东侧卫生间', sceneId: stored.sceneId, pathNames: ['主校区', '第一教学楼'] });
  });

  it('gives every new zone its own scene id', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, (_v, i) => admin(cloud, A, 'saveZone', { ...NEW_ZONE, name: `并发${i}` })));

    expect(replies.every((r) => r.code === 0)).toBe(true);
    expect(new Set(replies.map((r) => r.data.sceneId)).size).toBe(5);
  });

  it('creates a campus as its own root', async () => {
    const reply = await admin(cloud, A, 'saveZone', { ...NEW_ZONE, parentId: null, kind: 'campus', name: '西校区' });

    expect(reply.code).toBe(0);
    expect(await doc('zones', reply.data._id)).toMatchObject({ parentId: null, path: [], campusId: reply.data._id });
  });

  it.each([
    ['the manager of the unit as responsible', { responsible: { primary: 'p-manager' } }, 'ADMIN.NOT_UNIT_STAFF'],
    ['staff of another unit as backup', { responsible: { primary: 'p-staff', backup: 'p-other' } }, 'ADMIN.NOT_UNIT_STAFF'],
    ['someone unknown as responsible', { responsible: { primary: 'p-nobody' } }, 'ADMIN.NOT_UNIT_STAFF'],
    ['the same person as primary and backup', { responsible: { primary: 'p-staff', backup: 'p-staff' } }, 'ADMIN.INVALID_ZONE'],
    ['an unknown parent', { parentId: 'zone-nope' }, 'ADMIN.INVALID_PARENT'],
    ['a campus with a parent', { kind: 'campus' }, 'ADMIN.INVALID_PARENT'],
    ['a floor without a parent', { parentId: null }, 'ADMIN.INVALID_PARENT'],
    ['an unknown unit', { unitId: 'unit-nope' }, 'ADMIN.UNIT_NOT_FOUND'],
  ])('refuses a zone with %s', async (_label, over, code) => {
    const before = ((await db().collection('zones').count()) as { total: number }).total;

    const reply = await admin(cloud, A, 'saveZone', { ...NEW_ZONE, ...over });

    expect(reply.code).toBe(code);
    expect(((await db().collection('zones').count()) as { total: number }).total).toBe(before);
  });

  it.each([
    [{ ...NEW_ZONE, name: '' }],
    [{ ...NEW_ZONE, kind: 'planet' }],
    [{ ...NEW_ZONE, parentId: undefined }],
    [{ ...NEW_ZONE, id: 'zone-b1' }],
    [{ ...NEW_ZONE, id: 'zone-b1', version: 0 }],
    [{ ...NEW_ZONE, sceneId: 'mine' }],
    [{ ...NEW_ZONE, responsible: { primary: { $ne: '' } } }],
    [{ ...NEW_ZONE, updatedBy: 'p-leader' }],
  ])('refuses the malformed payload %j', async (payload) => {
    const reply = await admin(cloud, A, 'saveZone', payload);

    expect(reply.code).toBe('REQUEST.INVALID');
  });

  it('updates a zone with the version read, keeping its scene id, and refuses a stale version', async () => {
    // Prepare
    const read = await admin(cloud, A, 'zone', { id: 'zone-w0' });
    const edit = {
      id: 'zone-w0',
      version: read.data.version,
      name: '食堂01号窗口（面点）',
      kind: 'window',
      unitId: 'contractor-clean',
      responsible: { primary: 'p-staff-2' },
      active: true,
    };
    // Act
    const saved = await admin(cloud, A, 'saveZone', edit);
    const stale = await admin(cloud, PEOPLE.admin.openid, 'saveZone', { ...edit, name: '旧版本的修改' });
    // Assess
    expect(saved.code).toBe(0);
    expect(saved.data).toMatchObject({ name: '食堂01号窗口（面点）', sceneId: 'w0', version: read.data.version + 1 });
    expect(saved.data.responsible).toEqual({ primary: { _id: 'p-staff-2', name: '李保洁' }, backup: null });
    expect(stale.code).toBe('ADMIN.STALE');
    expect(await doc('zones', 'zone-w0')).toMatchObject({ name: '食堂01号窗口（面点）', responsible: { primary: 'p-staff-2' } });
    expect((await doc('zones', 'zone-w0')).responsible.backup).toBeUndefined();
  });

  it('lets exactly one of two admins saving the same version win', async () => {
    const read = await admin(cloud, A, 'zone', { id: 'zone-w1' });
    const base = {
      id: 'zone-w1',
      version: read.data.version,
      kind: 'window',
      unitId: 'contractor-clean',
      responsible: { primary: 'p-staff' },
      active: true,
    };

    const [a, b] = await Promise.all([
      admin(cloud, A, 'saveZone', { ...base, name: '甲的修改' }),
      admin(cloud, ADMIN2.openid, 'saveZone', { ...base, name: '乙的修改' }),
    ]);

    expect([a.code, b.code].sort()).toEqual([0, 'ADMIN.STALE']);
    const winner = a.code === 0 ? '甲的修改' : '乙的修改';
    expect(await doc('zones', 'zone-w1')).toMatchObject({ name: winner, version: read.data.version + 1 });
  });

  it('takes a deactivated zone out of reporting: its code reads as unknown', async () => {
    const read = await admin(cloud, A, 'zone', { id: 'zone-w2' });

    const saved = await admin(cloud, A, 'saveZone', {
      id: 'zone-w2',
      version: read.data.version,
      name: read.data.name,
      kind: 'window',
      unitId: 'contractor-clean',
      responsible: { primary: 'p-staff' },
      active: false,
    });
    const scan = await org(cloud, REPORTER, 'zoneByScene', { sceneId: 'w2' });
    const reported = await report(cloud, { sceneId: 'w2' }, 'o-reporter-w2');

    expect(saved.data.active).toBe(false);
    expect(scan.code).toBe('TICKET.ZONE_NOT_FOUND');
    expect(reported.code).toBe('TICKET.ZONE_NOT_FOUND');
  });

  it('refuses to turn a floor into a campus', async () => {
    const reply = await admin(cloud, A, 'saveZone', {
      id: 'zone-w3',
      version: 0,
      name: 'x',
      kind: 'campus',
      unitId: 'contractor-clean',
      responsible: { primary: 'p-staff' },
      active: true,
    });

    expect(reply.code).toBe('ADMIN.INVALID_PARENT');
  });

  it('answers an unknown zone with ADMIN.NOT_FOUND', async () => {
    expect((await admin(cloud, A, 'zone', { id: 'zone-nope' })).code).toBe('ADMIN.NOT_FOUND');
    expect((await admin(cloud, A, 'zoneCode', { id: 'zone-nope' })).code).toBe('ADMIN.NOT_FOUND');
  });

  it("gives the zone's mini-program code as a stored PNG with a temporary URL", async () => {
    const reply = await admin(cloud, A, 'zoneCode', { id: 'zone-b1' });

    expect(reply.code).toBe(0);
    expect(reply.data).toMatchObject({ sceneId: 'b1', page: 'pages/report/index' });
    expect(reply.data.fileID).toMatch(/^cloud:\/\/.*zone-codes\/b1\.png$/);
    const png = Buffer.from(await (await fetch(reply.data.url)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('makes a zone code once and afterwards only signs a fresh URL for the stored image', async () => {
    const first = await admin(cloud, A, 'zoneCode', { id: 'zone-b1' });
    const stored = cloud.engine.find('zones', { _id: 'zone-b1' })[0];
    const ops = await cloud.measure(() => admin(cloud, A, 'zoneCode', { id: 'zone-b1' }));

    expect(stored).toMatchObject({ qrFileID: first.data.fileID, qrSceneId: 'b1' });
    expect(ops.result.data.fileID).toBe(first.data.fileID);
    expect(ops.requests.byAction.modifyDocument ?? 0).toBe(0);
    const png = Buffer.from(await (await fetch(ops.result.data.url)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('lists the units and the active staff of a unit for the pickers', async () => {
    const units = await admin(cloud, A, 'units');
    const staff = await admin(cloud, A, 'staffOf', { unitId: 'contractor-clean' });

    expect(units.data.items.map((u: Loose) => u._id)).toEqual(['office', 'centre-property', 'contractor-clean', 'contractor-other']);
    // By name in pinyin order: 李 (lǐ) before 张 (zhāng).
    expect(staff.data.items).toEqual([
      { _id: 'p-staff-2', name: '李保洁', onDuty: true },
      { _id: 'p-staff', name: '张保洁', onDuty: true },
    ]);
  });
});

describe('people', () => {
  const personEdit = async (id: string, over: Record<string, unknown> = {}) => {
    const p = await doc('people', id);
    return {
      id,
      version: p.version ?? 0,
      name: p.name,
      phone: p.phone ?? null,
      roles: p.roles,
      onDuty: p.onDuty !== false,
      active: p.active !== false,
      ...over,
    };
  };

  it('lists people by name with their roles and duty, never their openid', async () => {
    const reply = await admin(cloud, A, 'people', { unitId: 'contractor-clean' });

    expect(reply.code).toBe(0);
    expect(reply.data.items.map((p: Loose) => p._id).sort()).toEqual(['p-manager', 'p-staff', 'p-staff-2']);
    expect(reply.data.items[0]).toEqual(expect.objectContaining({ roles: expect.any(Array), onDuty: true, active: true, version: 0 }));
    expect(JSON.stringify(reply.data)).not.toContain('o-staff');
  });

  it.each([
    [{ role: 'manager' }, ['p-manager', 'p-office-mgr']],
    [{ role: 'staff', unitId: 'contractor-other' }, ['p-other']],
    [{ role: 'manager', unitId: 'contractor-other' }, []],
    [{ q: '督查' }, ['p-insp-centre', 'p-insp-office']],
  ])('filters by %j', async (filter, ids) => {
    const reply = await admin(cloud, A, 'people', filter);

    expect(reply.data.items.map((p: Loose) => p._id).sort()).toEqual(ids);
  });

  it('pages by 20', async () => {
    const db0 = db();
    for (let i = 0; i < 25; i++) {
      await db0.collection('people').add({
        data: {
          _id: `p-bulk-${i}`,
          openid: `o-bulk-${i}`,
          name: `批量${String(i).padStart(2, '0')}`,
          roles: [{ role: 'staff', unitId: 'centre-property' }],
        } as never,
      });
    }
    const first = await admin(cloud, A, 'people', { unitId: 'centre-property', role: 'staff' });
    const second = await admin(cloud, A, 'people', { unitId: 'centre-property', role: 'staff', cursor: first.data.nextCursor });

    expect(first.data.items).toHaveLength(20);
    expect(second.data.items).toHaveLength(5);
    expect(second.data.nextCursor).toBeNull();
  });

  it('saves roles, phone and duty, stamped, and sends new problems to the backup while the primary is off duty', async () => {
    // Act
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-staff', { onDuty: false, phone: '13800000001' }));
    const ticket = await report(cloud, { sceneId: 'b1f2' }, 'o-reporter-duty');
    // Assess
    expect(reply.code).toBe(0);
    expect(reply.data).toMatchObject({ onDuty: false, phone: '13800000001', version: 1 });
    expect(await doc('people', 'p-staff')).toMatchObject({
      onDuty: false,
      version: 1,
      updatedBy: 'p-admin',
      updatedAt: expect.any(Date),
      openid: 'o-staff',
    });
    expect((await ticketDoc(ticket.data.ticketId)).assigneeId).toBe('p-staff-2');
    // Back on duty for the other tests.
    await admin(cloud, A, 'savePerson', await personEdit('p-staff', { onDuty: true, phone: null }));
    expect((await doc('people', 'p-staff')).phone).toBeUndefined();
  });

  it('takes every role from a deactivated person', async () => {
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-insp-office', { active: false }));
    const me = await org(cloud, PEOPLE.officeInspector.openid, 'me');

    expect(reply.data).toMatchObject({ active: false, onDuty: false });
    expect(me.data.roles).toEqual(['reporter']);
    await admin(cloud, A, 'savePerson', await personEdit('p-insp-office', { active: true, onDuty: true }));
    expect((await org(cloud, PEOPLE.officeInspector.openid, 'me')).data.roles).toEqual(['reporter', 'inspector']);
  });

  it('refuses a stale version', async () => {
    const edit = await personEdit('p-leader');
    await admin(cloud, A, 'savePerson', { ...edit, name: '吴副校长' });

    const stale = await admin(cloud, ADMIN2.openid, 'savePerson', { ...edit, name: '吴校长（旧）' });

    expect(stale.code).toBe('ADMIN.STALE');
    expect((await doc('people', 'p-leader')).name).toBe('吴副校长');
  });

  it.each([
    ['remove their own admin role', { roles: [] }],
    ['deactivate themselves', { active: false }],
  ])('does not let an admin %s', async (_label, over) => {
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-admin', over));

    expect(reply.code).toBe('ADMIN.OWN_ADMIN_ROLE');
    expect((await doc('people', 'p-admin')).roles).toEqual([{ role: 'admin' }]);
  });

  it('lets an admin edit their own name and keep the role', async () => {
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-admin', { name: '郑管理员' }));

    expect(reply.code).toBe(0);
    expect(reply.data).toMatchObject({ self: true, name: '郑管理员' });
  });

  it.each([
    ['a centre inspector of a contractor', [{ role: 'inspector', level: 'centre', unitId: 'contractor-clean' }]],
    ['a unit that does not exist', [{ role: 'staff', unitId: 'unit-nope' }]],
  ])('refuses %s', async (_label, roles) => {
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-leader', { roles }));

    expect(reply.code).toBe('ADMIN.INVALID_BINDING');
  });

  it('does not take the staff role of a unit from someone still responsible for its zones', async () => {
    const reply = await admin(cloud, A, 'savePerson', await personEdit('p-staff-2', { roles: [] }));

    expect(reply.code).toBe('ADMIN.NOT_UNIT_STAFF');
    expect(reply.details.zones.length).toBeGreaterThan(0);
  });

  it.each([
    [{ id: 'p-staff', version: 0, name: 'x', phone: null, roles: [{ role: 'boss' }], onDuty: true, active: true }],
    [{ id: 'p-staff', version: 0, name: 'x', phone: 'call me', roles: [], onDuty: true, active: true }],
    [{ id: 'p-staff', version: 0, name: 'x', phone: null, roles: [], onDuty: true, active: true, openid: 'o-admin' }],
    [{ id: 'p-staff', name: 'x', phone: null, roles: [], onDuty: true, active: true }],
    [
      {
        id: 'p-staff',
        version: 0,
        name: 'x',
        phone: null,
        roles: [{ role: 'staff', unitId: 'contractor-clean', extra: 1 }],
        onDuty: true,
        active: true,
      },
    ],
  ])('refuses the malformed payload %j', async (payload) => {
    expect((await admin(cloud, A, 'savePerson', payload)).code).toBe('REQUEST.INVALID');
  });

  it('never leaves the system without an admin when two admins demote each other at once', async () => {
    // Prepare: two admins, each about to remove the other's admin role.
    const [editA, editB] = [await personEdit('p-admin', { roles: [] }), await personEdit('p-admin-2', { roles: [] })];
    // Act
    const [byA, byB] = await Promise.all([admin(cloud, A, 'savePerson', editB), admin(cloud, ADMIN2.openid, 'savePerson', editA)]);
    // Assess: exactly one demotion went through; the other was refused as the last admin (or as no longer admin).
    const codes = [byA.code, byB.code];
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.find((c) => c !== 0)).toMatch(/^(ADMIN\.LAST_ADMIN|AUTH\.FORBIDDEN|ADMIN\.STALE)$/);
    const admins = ((await db().collection('people').where({ 'roles.role': 'admin' }).limit(10).get()) as { data: Loose[] }).data;
    expect(admins).toHaveLength(1);
    // Restore the demoted admin (by the one left).
    const left = admins[0]._id === 'p-admin' ? A : ADMIN2.openid;
    const other = admins[0]._id === 'p-admin' ? 'p-admin-2' : 'p-admin';
    expect((await admin(cloud, left, 'savePerson', await personEdit(other, { roles: [{ role: 'admin' }] }))).code).toBe(0);
  });
});

describe('invites (admin side)', () => {
  it('creates an invite with a short code from the unambiguous alphabet, lists and revokes it', async () => {
    // Act
    const created = await admin(cloud, A, 'createInvite', {
      roles: ['staff', 'manager'],
      unitId: 'contractor-clean',
      expiresInDays: 3,
      maxUses: 2,
      note: '新员工',
    });
    const listed = await admin(cloud, A, 'invites');
    const revoked = await admin(cloud, A, 'revokeInvite', { code: created.data.code.toLowerCase() });
    const again = await admin(cloud, A, 'revokeInvite', { code: created.data.code });
    // Assess
    expect(created.code).toBe(0);
    expect(created.data.code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));
    expect(created.data).toMatchObject({
      roles: ['staff', 'manager'],
      unitName: '保洁公司',
      maxUses: 2,
      uses: 0,
      status: 'active',
      note: '新员工',
      createdByName: expect.any(String),
    });
    expect(new Date(created.data.expiresAt).getTime() - new Date(created.data.createdAt).getTime()).toBe(3 * 86_400_000);
    expect(listed.data.items[0].code).toBe(created.data.code);
    expect(revoked.data.status).toBe('revoked');
    expect(again.data.revokedAt).toEqual(revoked.data.revokedAt);
    expect(await doc('invites', created.data.code)).toMatchObject({
      code: created.data.code,
      bindings: [
        { role: 'staff', unitId: 'contractor-clean' },
        { role: 'manager', unitId: 'contractor-clean' },
      ],
      revokedBy: 'p-admin',
      updatedBy: 'p-admin',
    });
  });

  it.each([
    ['office', { role: 'inspector', level: 'office' }],
    ['centre-property', { role: 'inspector', level: 'centre', unitId: 'centre-property' }],
  ])('binds an inspector invite for %s to the right level', async (unitId, binding) => {
    const created = await admin(cloud, A, 'createInvite', { roles: ['inspector'], unitId });

    expect((await doc('invites', created.data.code)).bindings).toEqual([binding]);
  });

  it('refuses an inspector invite for a contractor', async () => {
    expect((await admin(cloud, A, 'createInvite', { roles: ['inspector'], unitId: 'contractor-clean' })).code).toBe(
      'ADMIN.INVALID_BINDING',
    );
  });

  it('refuses an invite for an unknown unit', async () => {
    expect((await admin(cloud, A, 'createInvite', { roles: ['staff'], unitId: 'unit-nope' })).code).toBe('ADMIN.UNIT_NOT_FOUND');
  });

  it('pages invites newest first', async () => {
    for (let i = 0; i < 21; i++) await admin(cloud, A, 'createInvite', { roles: ['staff'], unitId: 'contractor-other' });

    const first = await admin(cloud, A, 'invites');
    const second = await admin(cloud, A, 'invites', { cursor: first.data.nextCursor });

    expect(first.data.items).toHaveLength(20);
    expect(second.data.items.length).toBeGreaterThan(0);
    const times = [...first.data.items, ...second.data.items].map((i: Loose) => new Date(i.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each([
    [{ roles: ['admin'], unitId: 'office' }],
    [{ roles: ['leader'], unitId: 'office' }],
    [{ roles: [], unitId: 'office' }],
    [{ roles: ['staff'], unitId: 'office', maxUses: 0 }],
    [{ roles: ['staff'], unitId: 'office', maxUses: 101 }],
    [{ roles: ['staff'], unitId: 'office', expiresInDays: 365 }],
    [{ roles: ['staff'], unitId: 'office', code: 'AAAAAAAA' }],
  ])('refuses the malformed invite %j', async (payload) => {
    expect((await admin(cloud, A, 'createInvite', payload)).code).toBe('REQUEST.INVALID');
  });

  it.each([[{ code: 'ABC' }], [{ code: 'ABCDEFG0' }], [{ code: 'OOOOOOOO' }]])(
    'refuses to revoke the malformed code %j',
    async (payload) => {
      expect((await admin(cloud, A, 'revokeInvite', payload)).code).toBe('REQUEST.INVALID');
    },
  );

  it('answers revoking an unknown code with ADMIN.NOT_FOUND', async () => {
    expect((await admin(cloud, A, 'revokeInvite', { code: 'ZZZZ-ZZZZ' })).code).toBe('ADMIN.NOT_FOUND');
  });
});

describe('categories and ticket settings', () => {
  const RULES = {
    standard: {
      minor: { kind: 'clockMinutes', minutes: 15 },
      major: { kind: 'endOfServiceDay' },
      critical: { kind: 'clockMinutes', minutes: 30 },
    },
  };
  const LEVELS = [
    { id: 'overdue', atFraction: 1, notify: 'unitManager' },
    { id: 'remind', atFraction: 0.5, notify: 'assignee' },
  ];

  it('lists the default categories (version 0) and the rule sets while none are stored', async () => {
    const reply = await admin(cloud, A, 'categories');

    expect(reply.data.stored).toBe(false);
    expect(reply.data.items).toHaveLength(11);
    expect(reply.data.items[0]).toEqual({
      code: 'hygiene',
      name: '环境卫生',
      defaultSeverity: 'minor',
      deadlineRuleId: 'standard',
      reporterVisible: true,
      order: 0,
      version: 0,
      updatedAt: null,
    });
    expect(reply.data.ruleIds).toEqual(['standard']);
  });

  it('stores the defaults with the first saved category, so none disappears from reporting', async () => {
    // Act
    const saved = await admin(cloud, A, 'saveCategory', {
      code: 'hygiene',
      version: 0,
      name: '环境卫生',
      defaultSeverity: 'major',
      deadlineRuleId: 'standard',
      icon: '🧹',
      checklist: ['地面干净', '垃圾及时清运'],
    });
    const list = await admin(cloud, A, 'categories');
    const reported = await report(cloud, { sceneId: 'b1f2', categoryCode: 'safety' }, 'o-reporter-cat');
    // Assess
    expect(saved.data).toMatchObject({
      code: 'hygiene',
      defaultSeverity: 'major',
      version: 1,
      icon: '🧹',
      checklist: ['地面干净', '垃圾及时清运'],
    });
    expect(list.data.stored).toBe(true);
    expect(list.data.items).toHaveLength(11);
    expect(await doc('categories', 'hygiene')).toMatchObject({
      defaultSeverity: 'major',
      updatedBy: 'p-admin',
      updatedAt: expect.any(Date),
    });
    expect(reported.code).toBe(0);
  });

  it('creates a new category that reports can use at once', async () => {
    const created = await admin(cloud, A, 'saveCategory', {
      code: 'noise',
      name: '噪音扰民',
      defaultSeverity: 'minor',
      deadlineRuleId: 'standard',
    });
    const reported = await report(cloud, { sceneId: 'b1f2', categoryCode: 'noise' }, 'o-reporter-noise');

    expect(created.data).toMatchObject({ code: 'noise', version: 1 });
    expect(reported.code).toBe(0);
    expect((await ticketDoc(reported.data.ticketId)).categoryCode).toBe('noise');
  });

  it.each([
    [
      'creating a code that exists',
      { code: 'noise', name: '重复', defaultSeverity: 'minor', deadlineRuleId: 'standard' },
      'ADMIN.CATEGORY_EXISTS',
    ],
    ['a stale version', { code: 'hygiene', version: 0, name: '卫生', defaultSeverity: 'minor', deadlineRuleId: 'standard' }, 'ADMIN.STALE'],
    [
      'an unknown category',
      { code: 'nope', version: 1, name: '无', defaultSeverity: 'minor', deadlineRuleId: 'standard' },
      'ADMIN.NOT_FOUND',
    ],
    [
      'an unknown rule set',
      { code: 'noise', version: 1, name: '噪音', defaultSeverity: 'minor', deadlineRuleId: 'fast' },
      'ADMIN.UNKNOWN_RULE',
    ],
    ['an invalid code', { code: 'Noise!', name: '噪音', defaultSeverity: 'minor', deadlineRuleId: 'standard' }, 'REQUEST.INVALID'],
    ['an unknown severity', { code: 'dust', name: '灰尘', defaultSeverity: 'huge', deadlineRuleId: 'standard' }, 'REQUEST.INVALID'],
    [
      'a long checklist item',
      { code: 'dust', name: '灰尘', defaultSeverity: 'minor', deadlineRuleId: 'standard', checklist: ['x'.repeat(41)] },
      'REQUEST.INVALID',
    ],
  ])('refuses %s', async (_label, payload, code) => {
    expect((await admin(cloud, A, 'saveCategory', payload)).code).toBe(code);
  });

  it('gives the default ticket settings and which categories use each rule set', async () => {
    const reply = await admin(cloud, A, 'ticketSettings');

    expect(reply.data).toMatchObject({ version: 0, updatedAt: null });
    expect(reply.data.settings.deadlineRules.standard.minor).toEqual({ kind: 'serviceMinutes', minutes: 60 });
    expect(reply.data.settings.escalationLevels.map((l: Loose) => l.id)).toEqual(['remind', 'overdue', 'office']);
    expect(reply.data.ruleUse.standard).toEqual(expect.arrayContaining(['hygiene', 'noise']));
  });

  it('saves deadline rules and escalation levels that new tickets use at once', async () => {
    // Act
    const saved = await admin(cloud, A, 'saveTicketSettings', { version: 0, deadlineRules: RULES, escalationLevels: LEVELS });
    const reported = await report(cloud, { sceneId: 'b1f2', categoryCode: 'attitude' }, 'o-reporter-rules');
    // Assess
    expect(saved.code).toBe(0);
    expect(saved.data).toMatchObject({ version: 1, updatedByName: expect.any(String) });
    expect(saved.data.settings.escalationLevels.map((l: Loose) => l.id)).toEqual(['remind', 'overdue']);
    expect(saved.data.settings.rateLimitPerHour).toBe(10);
    expect(await doc('settings', 'tickets')).toMatchObject({ version: 1, updatedBy: 'p-admin', deadlineRules: RULES });
    const t = await ticketDoc(reported.data.ticketId);
    expect(t.dueAt.getTime() - t.createdAt.getTime()).toBe(15 * 60_000);
  });

  it.each([
    ['a stale version', { version: 0, deadlineRules: RULES, escalationLevels: LEVELS }, 'ADMIN.STALE'],
    [
      'dropping a rule set categories use',
      { version: 1, deadlineRules: { fast: RULES.standard }, escalationLevels: LEVELS },
      'ADMIN.RULE_IN_USE',
    ],
    ['duplicate level ids', { version: 1, deadlineRules: RULES, escalationLevels: [LEVELS[0], LEVELS[0]] }, 'REQUEST.INVALID'],
    [
      'a rule without minutes',
      { version: 1, deadlineRules: { standard: { ...RULES.standard, minor: { kind: 'clockMinutes' } } }, escalationLevels: [] },
      'REQUEST.INVALID',
    ],
    ['no rule sets', { version: 1, deadlineRules: {}, escalationLevels: [] }, 'REQUEST.INVALID'],
    [
      'an unknown notify target',
      { version: 1, deadlineRules: RULES, escalationLevels: [{ id: 'x', atFraction: 1, notify: 'president' }] },
      'REQUEST.INVALID',
    ],
  ])('refuses settings with %s', async (_label, payload, code) => {
    expect((await admin(cloud, A, 'saveTicketSettings', payload)).code).toBe(code);
  });
});
