import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, type Reply, shiftClock, startWithFixtures, zone } from './fixtures';

const AT = (hhmm: string, day = '2032-03-10') => Date.parse(`${day}T${hhmm}:00+08:00`);
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const pt = (cloud: Cloud, openid: string, action: string, payload: unknown = {}) => invoke(cloud, 'patrols', openid, action, payload);
const ADMIN = PEOPLE.admin.openid;
const CENTRE = PEOPLE.centreInspector.openid;
const OFFICE = PEOPLE.officeInspector.openid;
const STUDENT = 'o-student-volunteer';

const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await wxCloud().database().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

describe('volunteer inspectors and sample patrols', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures(
      Array.from({ length: 6 }, (_, i) => zone(`zone-s${i}`, `s${i}`, { name: `宿舍${i + 1}号楼`, kind: 'dormitory' })),
    );
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => {
    clearCaches();
    setClock(AT('09:00'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('joins a student with a volunteer invite that expires, and counts their visit apart until staff confirm the note', async () => {
    // Prepare: an invite for the property centre, redeemed by a student.
    const invite = await invoke(cloud, 'admin', ADMIN, 'createInvite', {
      roles: ['volunteer'],
      unitId: 'centre-property',
      expiresInDays: 1,
    });
    expect(invite.code).toBe(0);
    expect((await invoke(cloud, 'admin', ADMIN, 'createInvite', { roles: ['volunteer'], unitId: 'contractor-clean' })).code).toBe(
      'ADMIN.INVALID_BINDING',
    );
    const joined = await invoke(cloud, 'org', STUDENT, 'redeemInvite', { code: invite.data.code, name: '林同学' });
    expect(joined.code).toBe(0);
    expect(joined.data.roles).toContain('volunteer');

    // Act: the volunteer scans a dormitory's poster and notes a problem.
    const v = await pt(cloud, STUDENT, 'startVisit', { sceneId: 's1' });
    expect(v.code).toBe(0);
    expect(v.data.visit.role).toBe('volunteer');
    const visitId = v.data.visit._id;
    expect((await pt(cloud, STUDENT, 'noteFinding', { visitId, text: '三楼饮水机漏水' })).code).toBe(0);
    const results = Object.fromEntries(v.data.visit.items.map((i: Loose) => [i.id, 'pass']));
    setClock(AT('09:20'));
    expect((await pt(cloud, STUDENT, 'endVisit', { visitId, results })).code).toBe(0);
    // A volunteer cannot file a finding themselves.
    const direct = await call(cloud, STUDENT, 'createFinding', {
      zoneId: 'zone-s1',
      categoryCode: 'facility',
      severity: 'minor',
      description: '漏水',
    });
    expect(direct.code).toBe('AUTH.FORBIDDEN');

    // Assess: the note waits for the centre; counted only once a finding is filed and linked.
    const pending = await pt(cloud, CENTRE, 'pendingNotes');
    expect(pending.data.items).toEqual([expect.objectContaining({ visitId, index: 0, text: '三楼饮水机漏水', by: '林同学' })]);
    expect((await pt(cloud, CENTRE, 'confirmNote', { visitId, index: 0, decision: 'confirm' })).code).toBe('REQUEST.INVALID');
    const filed = await call(cloud, CENTRE, 'createFinding', {
      zoneId: 'zone-s1',
      categoryCode: 'facility',
      severity: 'minor',
      description: '志愿者反映：三楼饮水机漏水',
    });
    expect(filed.code).toBe(0);
    const confirmed = await pt(cloud, CENTRE, 'confirmNote', { visitId, index: 0, decision: 'confirm', ticketId: filed.data.ticketId });
    expect(confirmed.data.status).toBe('confirmed');
    expect((await pt(cloud, CENTRE, 'confirmNote', { visitId, index: 0, decision: 'dismiss' })).code).toBe('PATROL.NOTE_DECIDED');
    expect((await docOf('patrolVisits', visitId)).findings).toEqual([expect.objectContaining({ ticketId: filed.data.ticketId })]);
    const cov = await pt(cloud, ADMIN, 'coverage', { from: '2032-03-10', to: '2032-03-10' });
    const row = cov.data.zones.find((z: Loose) => z.zoneId === 'zone-s1');
    expect(row).toMatchObject({ volunteer: 1, office: 0, centre: 0, together: 0 });

    // An expired invite lets nobody else in.
    setClock(AT('09:30', '2032-03-12'));
    expect((await invoke(cloud, 'org', 'o-late-student', 'redeemInvite', { code: invite.data.code, name: '迟到' })).code).toBe(
      'INVITE.EXPIRED',
    );
  });

  it('draws a reproducible sample that favours zones not visited lately, once per period', async () => {
    // Prepare: office visits to s0–s2 in the previous weeks make them "covered".
    for (const [i, day] of [
      [0, '2032-03-02'],
      [1, '2032-03-03'],
      [2, '2032-03-04'],
      [0, '2032-03-05'],
      [1, '2032-02-26'],
    ] as const) {
      setClock(AT('10:00', day));
      const v = await pt(cloud, OFFICE, 'startVisit', { sceneId: `s${i}` });
      const results = Object.fromEntries(v.data.visit.items.map((x: Loose) => [x.id, 'pass']));
      setClock(AT('10:10', day));
      expect((await pt(cloud, OFFICE, 'endVisit', { visitId: v.data.visit._id, results })).code).toBe(0);
    }
    setClock(AT('08:00', '2032-03-08'));
    const saved = await pt(cloud, OFFICE, 'savePlan', {
      fields: {
        name: '宿舍抽查',
        kind: 'routine',
        startDate: '2032-03-08',
        level: 'office',
        mode: 'surprise',
        recurrence: { freq: 'sample', per: 'week', count: 2 },
        targets: { kind: 'zones', zoneIds: ['zone-s0', 'zone-s1', 'zone-s2', 'zone-s3', 'zone-s4', 'zone-s5'] },
        window: { kind: 'service' },
        assignees: { mode: 'any', personIds: ['p-insp-office'] },
        checklist: [{ id: 'fire', text: '消防通道畅通' }],
        negativeList: [],
        graceMinutes: 0,
      },
    });
    expect(saved.code).toBe(0);
    const planId = saved.data.plan._id;
    expect((await pt(cloud, OFFICE, 'setPlanStatus', { planId, status: 'active', version: 1 })).code).toBe(0);

    // Act
    const a = await pt(cloud, OFFICE, 'previewSample', { planId, period: '2032-W11', seed: 'replay-1' });
    const b = await pt(cloud, OFFICE, 'previewSample', { planId, period: '2032-W11', seed: 'replay-1' });
    const first = await cloud.host.fireTimer('patrols', 'hourly');
    const again = await cloud.host.fireTimer('patrols', 'hourly');

    // Assess
    expect(a.data.chosen).toEqual(b.data.chosen);
    expect(a.data.weights).toMatchObject({ 'zone-s0': 2, 'zone-s1': 2, 'zone-s2': 1, 'zone-s3': 0 });
    const drawn = (await docOf('patrolSamples', `${planId}~2032-W11`)).zoneIds;
    expect(drawn).toHaveLength(2);
    expect((first as Reply).data.created).toBeGreaterThanOrEqual(2);
    expect((again as Reply).data.created).toBe(0);
    const occ = await docOf('patrolOccurrences', `${planId}~${drawn[0]}~2032-W11`);
    expect(occ).toMatchObject({ surprise: true, slotKey: '2032-W11', date: '2032-03-08' });
  });
});
