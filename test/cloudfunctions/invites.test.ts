import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { personIdFor } from '../../cloudfunctions/org/invite.service';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, REPORTER, type Reply, report, shiftClock, startWithFixtures, ticketDoc } from './fixtures';

const admin = (cloud: Cloud, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('admin', { action, payload }, { source: 'wx_client', openid: PEOPLE.admin.openid }) as Promise<Reply>;
const org = (cloud: Cloud, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('org', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const redeem = (cloud: Cloud, openid: string, payload: Record<string, unknown>) => org(cloud, openid, 'redeemInvite', payload);

async function doc(collection: string, id: string): Promise<Loose> {
  const res = (await wxCloud().database().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] };
  return res.data[0];
}

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startWithFixtures();
});
afterAll(() => cloud.close());
beforeEach(() => clearCaches());
afterEach(() => jest.restoreAllMocks());

async function invite(over: Record<string, unknown> = {}): Promise<string> {
  const r = await admin(cloud, 'createInvite', { roles: ['staff'], unitId: 'contractor-clean', ...over });
  if (r.code !== 0) throw new Error(`createInvite failed: ${r.code}`);
  return r.data.code;
}

describe('redeeming an invite', () => {
  it('makes a new WeChat user staff of the unit, under the openid WeChat gives', async () => {
    // Prepare
    const code = await invite();
    const openid = 'o-newcomer-1';
    // Act
    const reply = await redeem(cloud, openid, { code, name: '陈新人', phone: '13900000000' });
    // Assess
    expect(reply).toEqual({
      code: 0,
      data: { roles: ['reporter', 'staff'], bindings: [{ role: 'staff', unitId: 'contractor-clean' }], name: '陈新人', redeemed: true },
    });
    const person = await doc('people', personIdFor(openid));
    expect(person).toMatchObject({
      openid,
      name: '陈新人',
      phone: '13900000000',
      roles: [{ role: 'staff', unitId: 'contractor-clean' }],
      onDuty: true,
      active: true,
      version: 1,
    });
    expect(person._id).not.toContain(openid);
    expect(await doc('invites', code)).toMatchObject({ uses: 1, redeemedBy: [person._id] });
    expect((await org(cloud, openid, 'me')).data).toMatchObject({ roles: ['reporter', 'staff'], registered: true, name: '陈新人' });
  });

  it('lets the redeemed user act in their role at once: their task list, and problems of a zone they are responsible for', async () => {
    // Prepare
    const code = await invite();
    const openid = 'o-newcomer-2';
    await redeem(cloud, openid, { code, name: '周新人' });
    const personId = personIdFor(openid);
    const z = await admin(cloud, 'zone', { id: 'zone-b1-f2' });
    await admin(cloud, 'saveZone', {
      id: 'zone-b1-f2',
      version: z.data.version,
      name: z.data.name,
      kind: 'floor',
      unitId: 'contractor-clean',
      responsible: { primary: personId },
      active: true,
    });
    // Act
    const reported = await report(cloud, { sceneId: 'b1f2' }, 'o-reporter-newcomer');
    const tasks = await call(cloud, openid, 'myTasks', {});
    // Assess
    expect((await ticketDoc(reported.data.ticketId)).assigneeId).toBe(personId);
    expect(tasks.code).toBe(0);
    expect(tasks.data.items.map((t: Loose) => t._id)).toEqual([reported.data.ticketId]);
    expect((await call(cloud, 'o-not-invited', 'myTasks', {})).code).toBe('AUTH.FORBIDDEN');
  });

  it('accepts the code in lower case, with spaces or a hyphen', async () => {
    const code = await invite();

    const reply = await redeem(cloud, 'o-newcomer-3', { code: ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `, name: '吴新人' });

    expect(reply.code).toBe(0);
  });

  it('adds the roles to someone already registered, keeping theirs', async () => {
    const code = await invite({ roles: ['inspector'], unitId: 'centre-property' });

    const reply = await redeem(cloud, PEOPLE.manager.openid, { code });

    expect(reply.data.roles).toEqual(['reporter', 'manager', 'inspector']);
    expect((await doc('people', 'p-manager')).roles).toEqual([
      { role: 'manager', unitId: 'contractor-clean' },
      { role: 'inspector', level: 'centre', unitId: 'centre-property' },
    ]);
    expect((await doc('people', 'p-manager')).name).toBe('赵经理');
  });

  it('changes nothing when the same user redeems the same code again', async () => {
    const code = await invite({ maxUses: 5 });
    const first = await redeem(cloud, 'o-newcomer-4', { code, name: '郑新人' });

    const again = await redeem(cloud, 'o-newcomer-4', { code, name: '别的名字' });

    expect(first.data.redeemed).toBe(true);
    expect(again).toEqual({ code: 0, data: { ...first.data, redeemed: false } });
    expect((await doc('invites', code)).uses).toBe(1);
    expect((await doc('people', personIdFor('o-newcomer-4'))).name).toBe('郑新人');
  });

  it('creates one person when a new user redeems twice at the same moment', async () => {
    const code = await invite({ maxUses: 5 });

    const replies = await Promise.all([1, 2, 3].map(() => redeem(cloud, 'o-newcomer-5', { code, name: '冯新人' })));

    expect(replies.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(replies.filter((r) => r.data.redeemed)).toHaveLength(1);
    expect((await doc('invites', code)).uses).toBe(1);
    const res = (await wxCloud().database().collection('people').where({ openid: 'o-newcomer-5' }).limit(5).get()) as { data: Loose[] };
    expect(res.data).toHaveLength(1);
  });

  it('lets exactly one of two users racing for the last use win', async () => {
    // Prepare: one use left.
    const code = await invite({ maxUses: 2 });
    await redeem(cloud, 'o-race-0', { code, name: '先到' });
    // Act
    const [a, b] = await Promise.all([redeem(cloud, 'o-race-1', { code, name: '甲' }), redeem(cloud, 'o-race-2', { code, name: '乙' })]);
    // Assess
    expect([a.code, b.code].sort()).toEqual([0, 'INVITE.USED_UP']);
    const stored = await doc('invites', code);
    expect(stored.uses).toBe(2);
    expect(stored.redeemedBy).toHaveLength(2);
    const loser = a.code === 0 ? 'o-race-2' : 'o-race-1';
    expect(await doc('people', personIdFor(loser))).toBeUndefined();
  });

  it('gives a three-use code to exactly three of six users redeeming at once', async () => {
    const code = await invite({ maxUses: 3 });

    const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => redeem(cloud, `o-crowd-${i}`, { code, name: `用户${i}` })));

    expect(replies.filter((r) => r.code === 0)).toHaveLength(3);
    expect(replies.filter((r) => r.code === 'INVITE.USED_UP')).toHaveLength(3);
    expect((await doc('invites', code)).uses).toBe(3);
  });

  it.each([
    ['an unknown code', async () => 'ZZZZZZZZ', 'INVITE.NOT_FOUND'],
    [
      'a revoked code',
      async () => {
        const code = await invite();
        await admin(cloud, 'revokeInvite', { code });
        return code;
      },
      'INVITE.REVOKED',
    ],
    [
      'a used-up code',
      async () => {
        const code = await invite();
        await redeem(cloud, 'o-first-user', { code, name: '第一人' });
        return code;
      },
      'INVITE.USED_UP',
    ],
  ])('refuses %s with its code, creating nobody', async (_label, arrange, expected) => {
    const code = await arrange();

    const reply = await redeem(cloud, 'o-refused', { code, name: '被拒' });

    expect(reply.code).toBe(expected);
    expect(await doc('people', personIdFor('o-refused'))).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const code = await invite({ expiresInDays: 1 });
    shiftClock(86_400_000 + 1000);

    const reply = await redeem(cloud, 'o-late', { code, name: '迟到' });

    expect(reply.code).toBe('INVITE.EXPIRED');
    expect((await doc('invites', code)).uses).toBe(0);
  });

  it('asks a first-time user for their name', async () => {
    const code = await invite();

    const reply = await redeem(cloud, 'o-nameless', { code });

    expect(reply.code).toBe('INVITE.NAME_REQUIRED');
    expect((await doc('invites', code)).uses).toBe(0);
  });

  it('does not bring back a person an admin deactivated', async () => {
    const p = await doc('people', 'p-other');
    await admin(cloud, 'savePerson', {
      id: 'p-other',
      version: p.version ?? 0,
      name: p.name,
      phone: null,
      roles: p.roles,
      onDuty: false,
      active: false,
    });
    const code = await invite();

    const reply = await redeem(cloud, PEOPLE.otherStaff.openid, { code });

    expect(reply.code).toBe('INVITE.ACCOUNT_DISABLED');
    expect((await doc('people', 'p-other')).roles).toEqual([{ role: 'staff', unitId: 'contractor-other' }]);
  });

  it.each([
    [{ code: 'ABCDEFGH', openid: 'o-admin' }],
    [{ code: 'ABCDEFGH', roles: ['admin'] }],
    [{ code: 'ABC' }],
    [{ code: 'ABCDEFG1' }],
    [{ code: { $gt: '' } }],
    [{}],
    [{ code: 'ABCDEFGH', name: 'x'.repeat(41) }],
  ])('refuses the malformed payload %j', async (payload) => {
    const reply = await redeem(cloud, REPORTER, payload);

    expect(reply.code).toBe('REQUEST.INVALID');
  });
});
