/**
 * The admin's delete, move, deadline rule sets and audit log, through the real admin and tickets functions on the
 * local cloud.
 */
import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { DELETE_GRACE_MS } from '../../cloudfunctions/admin/lifecycle.service';
import { invokeConcurrently } from '../helpers/concurrency';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, type Reply, report, shiftClock, startWithFixtures, ticketDoc, zone } from './fixtures';

const admin = (cloud: Cloud, action: string, payload: unknown = {}, openid = PEOPLE.admin.openid): Promise<Reply> =>
  cloud.host.invoke('admin', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const db = () => wxCloud().database();
async function doc(collection: string, id: string): Promise<Loose> {
  const res = (await db().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] };
  return res.data[0];
}
const auditOf = async (targetId: string) => (await admin(cloud, 'audit', { targetId })).data.items as Loose[];

const ZONES = [
  zone('campus-main', 'main', { name: '主校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-main' }),
  zone('campus-east', 'east', { name: '东校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-east' }),
  zone('zone-b1', 'b1', { name: '第一教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
  zone('zone-e1', 'e1', { name: '东区食堂', kind: 'canteen', parentId: 'campus-east', path: ['campus-east'], campusId: 'campus-east' }),
  zone('zone-b2', 'b2', { name: '第二教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
  zone('zone-b2-f1', 'b2f1', { name: '二楼一层', parentId: 'zone-b2', path: ['campus-main', 'zone-b2'] }),
  zone('zone-b2-f1-r1', 'b2f1r1', {
    name: '101 教室',
    kind: 'area',
    parentId: 'zone-b2-f1',
    path: ['campus-main', 'zone-b2', 'zone-b2-f1'],
  }),
  zone('zone-empty', 'empty', { name: '未启用的储藏室', kind: 'area' }),
  ...Array.from({ length: 6 }, (_v, i) => zone(`zone-race${i}`, `race${i}`, { name: `竞争测试区${i}`, kind: 'area' })),
];
const NEWBIE = { _id: 'p-newbie', openid: 'o-newbie', name: '钱新人', roles: [{ role: 'staff', unitId: 'contractor-clean' }] };

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startWithFixtures(ZONES);
  await db()
    .collection('people')
    .add({ data: NEWBIE as never });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await cloud.close();
});
beforeEach(() => clearCaches());

/** Runs both steps of a delete: fence now, confirm once the grace has passed. */
async function deleteBoth(action: 'deleteZone' | 'deletePerson', id: string, version: number) {
  const first = await admin(cloud, action, { id, version });
  if (first.code !== 0) return { first, second: null };
  const spy = shiftClock(DELETE_GRACE_MS + 1);
  const second = await admin(cloud, action, { id, version: first.data.version });
  spy.mockRestore();
  return { first, second };
}

describe('deleting a zone', () => {
  it('deletes a zone never used: inactive at once, gone after the grace, kept in deletedRecords, with an audit entry', async () => {
    // Arrange
    const before = await doc('zones', 'zone-empty');

    // Act
    const first = await admin(cloud, 'deleteZone', { id: 'zone-empty', version: 0 });
    const early = await admin(cloud, 'deleteZone', { id: 'zone-empty', version: 1 });
    const fenced = await doc('zones', 'zone-empty');
    const { second } = await deleteBoth('deleteZone', 'zone-empty', 1);

    // Assess
    expect(first).toMatchObject({ code: 0, data: { state: 'pending', version: 1 } });
    expect(new Date(first.data.readyAt).getTime() - Date.now()).toBeGreaterThan(DELETE_GRACE_MS - 5_000);
    expect(early).toMatchObject({ code: 0, data: { state: 'pending' } });
    expect(fenced.active).toBe(false);
    expect(second).toMatchObject({ code: 0, data: { state: 'deleted', id: 'zone-empty' } });
    expect(await doc('zones', 'zone-empty')).toBeUndefined();
    const archived = await doc('deletedRecords', 'zone-zone-empty');
    expect(archived.record).toMatchObject({ name: before.name, sceneId: 'empty', active: true });
    const entries = await auditOf('zone-empty');
    expect(entries.map((e: Loose) => e.action)).toEqual(['zone.delete', 'zone.update']);
    expect(entries[1]).toMatchObject({ before: { active: true, deletePending: false }, after: { active: false, deletePending: true } });
    expect(entries[0]).toMatchObject({
      action: 'zone.delete',
      by: 'p-admin',
      byName: '郑管理',
      after: null,
      target: { kind: 'zone', name: '未启用的储藏室' },
    });
    expect(entries[0].before).toMatchObject({ name: '未启用的储藏室', sceneId: 'empty' });
  });

  it('refuses a zone with a ticket, says it is in use, and leaves it as it was (active)', async () => {
    // Arrange
    expect((await report(cloud, { sceneId: 'b1f2' })).code).toBe(0);

    // Act
    const reply = await admin(cloud, 'deleteZone', { id: 'zone-b1-f2', version: 0 });

    // Assess
    expect(reply).toMatchObject({ code: 'ADMIN.IN_USE', details: { uses: ['tickets'] } });
    const z = await doc('zones', 'zone-b1-f2');
    expect(z.active).toBe(true);
    expect(z.fence).toBeUndefined();
    // The log says it was deactivated for the delete and restored when the use was found.
    const log = await auditOf('zone-b1-f2');
    expect(log.map((e: Loose) => [e.before.active, e.after.active]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('refuses a zone with zones under it', async () => {
    const reply = await admin(cloud, 'deleteZone', { id: 'zone-b2-f1', version: 0 });

    expect(reply).toMatchObject({ code: 'ADMIN.IN_USE', details: { uses: ['zones'] } });
  });

  it('refuses on the second step when a use arrived during the grace, and restores the zone', async () => {
    // Arrange: fenced with no use; then a ticket that read the zone before the fence lands (written directly).
    const first = await admin(cloud, 'deleteZone', { id: 'zone-race5', version: 0 });
    expect(first.data.state).toBe('pending');
    await db()
      .collection('tickets')
      .add({ data: { _id: `t-late-${randomUUID().slice(0, 8)}`, zoneId: 'zone-race5' } as never });

    // Act
    const spy = shiftClock(DELETE_GRACE_MS + 1);
    const second = await admin(cloud, 'deleteZone', { id: 'zone-race5', version: 1 });
    spy.mockRestore();

    // Assess
    expect(second).toMatchObject({ code: 'ADMIN.IN_USE', details: { uses: ['tickets'] } });
    expect(await doc('zones', 'zone-race5')).toMatchObject({ active: true, version: 2 });
  });

  it('never leaves a ticket on a deleted zone when the delete races the first report', async () => {
    for (let i = 0; i < 5; i++) {
      clearCaches();
      const id = `zone-race${i}`;
      // Act: the delete's first step and a QR report at once, then the confirmation after the grace.
      const [del, rep] = await invokeConcurrently(cloud as never, 2, (k) =>
        k === 0
          ? { name: 'admin', data: { action: 'deleteZone', payload: { id, version: 0 } }, openid: PEOPLE.admin.openid }
          : {
              name: 'tickets',
              data: {
                action: 'createReport',
                payload: { requestId: randomUUID(), sceneId: `race${i}`, categoryCode: 'hygiene', text: '地面有积水' },
              },
              openid: 'o-reporter',
            },
      );
      const delReply = (del as Loose).result as Reply;
      let final = delReply;
      if (delReply.code === 0) {
        const spy = shiftClock(DELETE_GRACE_MS + 1);
        final = await admin(cloud, 'deleteZone', { id, version: delReply.data.version });
        spy.mockRestore();
      }

      // Assess: deleted and no ticket, or in use and the ticket is there.
      const tickets = ((await db().collection('tickets').where({ zoneId: id }).count()) as { total: number }).total;
      const repReply = (rep as Loose).result as Reply;
      if (final.code === 0) {
        expect(final.data.state).toBe('deleted');
        expect(tickets).toBe(0);
        expect(repReply.code).not.toBe(0);
      } else {
        expect(final.code).toBe('ADMIN.IN_USE');
        expect(tickets).toBe(1);
        expect(await doc('zones', id)).toMatchObject({ active: true });
      }
    }
  });

  it('refuses a stale version', async () => {
    expect((await admin(cloud, 'deleteZone', { id: 'zone-e1', version: 7 })).code).toBe('ADMIN.STALE');
  });
});

describe('deleting a person', () => {
  it('deletes a person who never did anything, in two steps; their roles stop counting at the first', async () => {
    // Act
    const first = await admin(cloud, 'deletePerson', { id: 'p-newbie', version: 0 });
    const asNewbie = await cloud.host.invoke('admin', { action: 'units', payload: {} }, { source: 'wx_client', openid: 'o-newbie' });
    const spy = shiftClock(DELETE_GRACE_MS + 1);
    const second = await admin(cloud, 'deletePerson', { id: 'p-newbie', version: first.data.version });
    spy.mockRestore();

    // Assess
    expect(first.data.state).toBe('pending');
    expect((asNewbie as Reply).code).toBe('AUTH.FORBIDDEN');
    expect(second).toMatchObject({ code: 0, data: { state: 'deleted' } });
    expect(await doc('people', 'p-newbie')).toBeUndefined();
    expect((await doc('deletedRecords', 'person-p-newbie')).record).toMatchObject({ name: '钱新人', openid: 'o-newbie' });
    expect((await auditOf('p-newbie'))[0]).toMatchObject({ action: 'person.delete', target: { kind: 'person', name: '钱新人' } });
  });

  it('refuses a person responsible for a zone, offering deactivation', async () => {
    const reply = await admin(cloud, 'deletePerson', { id: 'p-staff-2', version: 0 });

    expect(reply).toMatchObject({ code: 'ADMIN.IN_USE', details: { uses: ['zones'] } });
    expect(await doc('people', 'p-staff-2')).not.toHaveProperty('fence');
    expect((await doc('people', 'p-staff-2')).active).not.toBe(false);
  });

  it('refuses the admin deleting themselves', async () => {
    expect((await admin(cloud, 'deletePerson', { id: 'p-admin', version: 0 })).code).toBe('ADMIN.OWN_ADMIN_ROLE');
  });
});

describe('moving a zone', () => {
  it('moves a building with its floors and rooms to another campus, keeping units and responsible people', async () => {
    // Act
    const reply = await admin(cloud, 'moveZone', { id: 'zone-b2', version: 0, parentId: 'campus-east' });

    // Assess
    expect(reply).toMatchObject({ code: 0, data: { id: 'zone-b2', moved: 3 } });
    expect(await doc('zones', 'zone-b2')).toMatchObject({
      parentId: 'campus-east',
      path: ['campus-east'],
      campusId: 'campus-east',
      version: 1,
    });
    expect(await doc('zones', 'zone-b2-f1')).toMatchObject({ path: ['campus-east', 'zone-b2'], campusId: 'campus-east' });
    expect(await doc('zones', 'zone-b2-f1-r1')).toMatchObject({
      path: ['campus-east', 'zone-b2', 'zone-b2-f1'],
      campusId: 'campus-east',
      unitId: 'contractor-clean',
      responsible: { primary: 'p-staff', backup: 'p-staff-2' },
    });
    const [entry] = await auditOf('zone-b2');
    expect(entry).toMatchObject({
      action: 'zone.move',
      before: { parentId: 'campus-main', path: ['campus-main'], campusId: 'campus-main' },
      after: { parentId: 'campus-east', path: ['campus-east'], campusId: 'campus-east', descendants: 2 },
    });
  });

  it('files a report in a moved room under the new campus, while an earlier ticket keeps where it was filed', async () => {
    // Arrange
    const earlier = await report(cloud, { sceneId: 'b1f2' });
    const { version } = await doc('zones', 'zone-b1-f2');
    expect((await admin(cloud, 'moveZone', { id: 'zone-b1-f2', version, parentId: 'zone-e1' })).code).toBe(0);
    clearCaches();

    // Act
    const later = await report(cloud, { sceneId: 'b1f2', categoryCode: 'discipline', text: '搬迁后反馈' });

    // Assess
    expect((await ticketDoc(earlier.data.ticketId ?? earlier.data._id)).zonePath).toEqual(['campus-main', 'zone-b1', 'zone-b1-f2']);
    expect((await ticketDoc(later.data.ticketId ?? later.data._id)).zonePath).toEqual(['campus-east', 'zone-e1', 'zone-b1-f2']);
  });

  it.each([
    ['under itself', 'zone-b2', 'zone-b2', 'ADMIN.INVALID_MOVE'],
    ['under its own room', 'zone-b2', 'zone-b2-f1-r1', 'ADMIN.INVALID_MOVE'],
    ['a campus', 'campus-main', 'campus-east', 'ADMIN.INVALID_MOVE'],
    ['under a zone that does not exist', 'zone-e1', 'zone-nowhere', 'ADMIN.INVALID_PARENT'],
  ])('refuses a move %s', async (_what, id, parentId, code) => {
    const z = await doc('zones', id);

    expect((await admin(cloud, 'moveZone', { id, version: z.version ?? 0, parentId })).code).toBe(code);
    expect(await doc('zones', id)).toEqual(z);
  });
});

describe('deadline rule sets', () => {
  const FAST = {
    minor: { kind: 'clockMinutes', minutes: 30 },
    major: { kind: 'clockMinutes', minutes: 120 },
    critical: { kind: 'clockMinutes', minutes: 60 },
  };

  it('adds a set that replaces the standard one from tomorrow: tickets before keep their deadline, tickets after get the new one', async () => {
    // Arrange: a ticket today under the standard rules.
    const t0 = Date.now();
    const before = await report(cloud, { sceneId: 'b1f2', text: '规则前的问题' });
    const beforeDoc = await ticketDoc(before.data.ticketId ?? before.data._id);
    const settings = await admin(cloud, 'ticketSettings');
    const tomorrow = new Date(t0 + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);

    // Act
    const created = await admin(cloud, 'createDeadlineRuleSet', {
      version: settings.data.version,
      name: '快速处置',
      replaces: 'standard',
      effectiveFrom: tomorrow,
      rules: FAST,
    });
    clearCaches();
    const sameDay = await report(cloud, { sceneId: 'b1f2', categoryCode: 'attitude', text: '生效前的问题' });
    const spy = shiftClock(Date.parse(`${tomorrow}T00:00:00+08:00`) + 60_000 - t0);
    clearCaches();
    const after = await report(cloud, { sceneId: 'b1f2', categoryCode: 'on_post', text: '生效后的问题' });
    spy.mockRestore();

    // Assess
    expect(created.code).toBe(0);
    const newId = created.data.id;
    expect((await ticketDoc(sameDay.data.ticketId ?? sameDay.data._id)).deadlineRuleId).toBe('standard');
    const afterDoc = await ticketDoc(after.data.ticketId ?? after.data._id);
    expect(afterDoc.deadlineRuleId).toBe(newId);
    expect(afterDoc.severity).toBe('minor');
    expect(afterDoc.clock.budgetMs).toBe(30 * 60_000);
    expect(await ticketDoc(beforeDoc._id)).toMatchObject({ deadlineRuleId: 'standard', dueAt: beforeDoc.dueAt });
    expect((await auditOf(newId))[0]).toMatchObject({ action: 'deadlineRules.create', after: { name: '快速处置', replaces: 'standard' } });
  });

  it('freezes both sets: changing or dropping them through the settings form is refused', async () => {
    // Arrange
    const s = await admin(cloud, 'ticketSettings');
    const rules = s.data.settings.deadlineRules;

    // Act
    const changed = await admin(cloud, 'saveTicketSettings', {
      version: s.data.version,
      deadlineRules: { ...rules, standard: FAST },
      escalationLevels: s.data.settings.escalationLevels,
    });
    const kept = await admin(cloud, 'saveTicketSettings', {
      version: s.data.version,
      deadlineRules: rules,
      escalationLevels: s.data.settings.escalationLevels,
    });

    // Assess
    expect(changed).toMatchObject({ code: 'ADMIN.RULE_FROZEN', details: { ruleIds: ['standard'] } });
    expect(kept.code).toBe(0);
    expect(kept.data.settings.deadlineRuleVersions).toHaveLength(1);
    expect((await admin(cloud, 'audit', { kind: 'settings' })).data.items[0]).toMatchObject({ action: 'settings.save', by: 'p-admin' });
  });

  it.each([
    ['a start day in the past', { effectiveFrom: '2020-01-01' }, 'ADMIN.EFFECTIVE_IN_PAST'],
    ['an unknown set to replace', { replaces: 'nope' }, 'ADMIN.UNKNOWN_RULE'],
    ['a stale settings version', { version: 999 }, 'ADMIN.STALE'],
  ])('refuses %s', async (_what, over, code) => {
    const s = await admin(cloud, 'ticketSettings');
    const reply = await admin(cloud, 'createDeadlineRuleSet', {
      version: s.data.version,
      name: '测试',
      replaces: 'standard',
      effectiveFrom: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      rules: FAST,
      ...over,
    });

    expect(reply.code).toBe(code);
  });
});

describe('the audit log', () => {
  it('records a zone edit with who, when, and the fields before and after, newest first', async () => {
    // Arrange
    const z = (await admin(cloud, 'zone', { id: 'zone-e1' })).data;

    // Act
    await admin(cloud, 'saveZone', {
      id: 'zone-e1',
      version: z.version,
      name: '东区第一食堂',
      kind: z.kind,
      unitId: z.unitId,
      responsible: { primary: 'p-staff' },
      active: true,
    });
    const log = await admin(cloud, 'audit', { kind: 'zone', targetId: 'zone-e1' });

    // Assess
    expect(log.data.items[0]).toMatchObject({
      action: 'zone.update',
      by: 'p-admin',
      byName: '郑管理',
      target: { kind: 'zone', id: 'zone-e1', name: '东区第一食堂' },
      before: { name: '东区食堂' },
      after: { name: '东区第一食堂' },
    });
    expect(log.data.items[0].note).toContain('name');
    const ats = log.data.items.map((e: Loose) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
  });

  it('is for admins only', async () => {
    expect((await admin(cloud, 'audit', {}, PEOPLE.leader.openid)).code).toBe('AUTH.FORBIDDEN');
  });
});
