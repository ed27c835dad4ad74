import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, type Reply, startWithFixtures, zone } from './fixtures';
import { AT, arrangeScoredMonth, setClock } from './scoring.extras.fixtures';

const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await wxCloud().database().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

const SELF_CHECK = 'self-check~zone-b1-f2';

describe('monthly scoring of patrols and fixed assets (issues 13, 14)', () => {
  let cloud: Cloud;
  let planId: string;
  let missingScans: string[];
  let damageEvent: string;
  let firstRun: string;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-g1', 'g1', { unitId: 'contractor-other', responsible: { primary: 'p-other' } })]);
    clearCaches();
    ({ planId, missingScans, damageEvent } = await arrangeScoredMonth(cloud));
  }, 120_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('freezes the month with a line for every missed occurrence, unverified asset and liable damage, each naming its source', async () => {
    // Prepare: the occurrences really are missed
    const patrolOcc = `${planId}~zone-b1-f2~2032-03-10T1130`;
    expect((await docOf('patrolOccurrences', patrolOcc)).state).toBe('missed');

    // Act: the monthly timer, 04:00 on 1 April in Shanghai
    setClock(AT('04:00', '2032-04-01'));
    const frozen = (await cloud.host.fireTimer('scoring', 'monthly')) as Reply;

    // Assess
    expect(frozen.data).toMatchObject({ month: '2032-03', frozen: true });
    firstRun = frozen.data.runId;
    const result = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2032-03' });
    const clean = result.data.scores.find((s: Loose) => s.unitId === 'contractor-clean');
    const centre = result.data.scores.find((s: Loose) => s.unitId === 'centre-property');
    const mine = (s: Loose, kinds: string[]) => s.lines.filter((l: Loose) => kinds.includes(l.kind));
    expect(clean.ruleVersion).toBe('v2');
    // The self-checks of b1f2 on 10 March (primary 张保洁) were not done: −0.5 charged to her.
    const selfChecks = mine(clean, ['missedSelfCheck']);
    expect(selfChecks.length).toBeGreaterThanOrEqual(1);
    expect(selfChecks[0]).toMatchObject({
      points: -0.5,
      personId: 'p-staff',
      detail: { date: '2032-03-10', zone: '区域b1f2', plan: '每日自查' },
      source: { kind: 'patrolOccurrence' },
    });
    expect(selfChecks[0].source.ids[0]).toContain(SELF_CHECK);
    // The missed centre patrol is the centre's, not the contractor's whose zone it was.
    expect(mine(clean, ['missedPatrol'])).toEqual([]);
    expect(mine(centre, ['missedPatrol'])).toEqual([
      {
        kind: 'missedPatrol',
        points: -1,
        ticketIds: [],
        ratingIds: [],
        personId: null,
        detail: {
          date: '2032-03-10',
          zone: '区域b1f2',
          zoneId: 'zone-b1-f2',
          plan: '楼宇午间巡查',
          time: '11:30',
          zoneUnitId: 'contractor-clean',
        },
        source: { kind: 'patrolOccurrence', ids: [patrolOcc] },
      },
    ]);
    // Two desks not found at close: −0.5 each, traced to their 盘亏 scan records; the damage −1 to 李保洁.
    const notVerified = mine(clean, ['assetNotVerified']);
    expect(notVerified.map((l: Loose) => [l.points, l.detail.reason, l.detail.zone, l.source])).toEqual(
      missingScans.map((id) => [-0.5, 'missing', '区域b1f2', { kind: 'assetScan', ids: [id] }]),
    );
    expect(mine(clean, ['assetDamage'])).toEqual([
      expect.objectContaining({ points: -1, personId: 'p-staff-2', source: { kind: 'assetEvent', ids: [damageEvent] } }),
    ]);
    // 10 of 12 in place (83%) is below the 98% reward; the other contractor holds no assets and owes no campaign.
    expect(mine(clean, ['assetInPlace', 'assetNoCampaign'])).toEqual([]);
    expect(
      mine(
        result.data.scores.find((s: Loose) => s.unitId === 'contractor-other'),
        ['assetNoCampaign'],
      ),
    ).toEqual([]);
    const sum = clean.lines.reduce((a: number, l: Loose) => a + l.points, 0);
    expect(clean.total).toBeCloseTo(100 + sum, 5);
    expect(clean.byPerson.find((p: Loose) => p.personId === 'p-staff-2').points).toBeLessThanOrEqual(-1);
  });

  it('shows those lines in the unit breakdown with what and where and who answers for them', async () => {
    const r = await invoke(cloud, 'scoring', PEOPLE.leader.openid, 'unitScore', { period: '2032-03', unitId: 'contractor-clean' });

    expect(r.code).toBe(0);
    const group = (k: string) => r.data.groups.find((g: Loose) => g.kind === k);
    expect(group('missedSelfCheck').items[0]).toMatchObject({
      source: 'patrolOccurrence',
      personName: '张保洁',
      detail: { zone: '区域b1f2' },
    });
    expect(group('assetNotVerified')).toMatchObject({ count: 2, points: -1 });
    expect(group('assetDamage').items[0]).toMatchObject({ source: 'assetEvent', personName: '李保洁', ticketId: damageEvent });
  });

  it('keeps the frozen month as it was when a miss is excused; a recompute is a new run without it', async () => {
    // Prepare: the centre's missed patrol is excused after the freeze
    const patrolOcc = `${planId}~zone-b1-f2~2032-03-10T1130`;
    const excused = await invoke(cloud, 'patrols', PEOPLE.centreInspector.openid, 'excuse', {
      occurrenceId: patrolOcc,
      reason: '当日楼宇停电检修',
    });
    expect(excused.code).toBe(0);

    // Act
    const before = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2032-03' });
    const again = (await cloud.host.fireTimer('scoring', 'monthly')) as Reply;
    const recomputed = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'recompute', { period: '2032-03', reason: '漏查已核实为停电' });
    const after = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2032-03' });
    const old = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2032-03', runId: firstRun });

    // Assess
    const centreLines = (res: Reply) => res.data.scores.find((s: Loose) => s.unitId === 'centre-property').lines.map((l: Loose) => l.kind);
    expect(again.data).toMatchObject({ frozen: false, runId: firstRun });
    expect(centreLines(before)).toContain('missedPatrol');
    expect(recomputed.code).toBe(0);
    expect(centreLines(after)).not.toContain('missedPatrol');
    expect(centreLines(old)).toContain('missedPatrol');
  });

  it('lists the patrol and asset lines in the assessment workbook in zh-CN with their evidence', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const reply = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'assessmentExport', { period: '2032-03' });
    expect(reply.code).toBe(0);
    const file = (await wxCloud().downloadFile({ fileID: reply.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);

    const rows: Loose[][] = [];
    wb.getWorksheet('扣加分明细')?.eachRow((r) => {
      rows.push((r.values as Loose[]).slice(1));
    });
    expect(rows[0]).toEqual(['单位', '项目', '分值', '工单', '依据', '评价数', '说明']);
    const nv = rows.filter((r) => r[1] === '资产未核对在位扣分');
    expect(nv.map((r) => [r[0], r[2], r[4]])).toEqual(missingScans.map((id) => ['保洁公司', -0.5, id]));
    expect(rows.some((r) => r[1] === '未按时自查扣分' && r[0] === '保洁公司')).toBe(true);
  });
});
