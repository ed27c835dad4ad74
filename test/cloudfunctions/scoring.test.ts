import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { DEFAULT_SCORING_RULES } from '../../shared/scoring';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures, zone } from './fixtures';

const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
type R = { code: 0 | string; data: Loose; message?: string };
const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<R>;

describe('monthly scoring and rankings', () => {
  let cloud: Cloud;
  let ticketB: string;
  let firstRun: string;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-g1', 'g1', { unitId: 'contractor-other', responsible: { primary: 'p-other' } })]);
    clearCaches();
    // Prepare: March 2030 (Shanghai). A: minor, rectified at once and verified with 5 stars. B: minor, left open.
    // C: a facility problem (major) of the other contractor, left open.
    setClock(Date.UTC(2030, 2, 10, 2));
    const a = (await report(cloud, { categoryCode: 'hygiene' })).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: a });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: a, afterPhotos: [PHOTO], note: '已清理', cause: '漏扫' });
    await call(cloud, REPORTER, 'verify', { ticketId: a, approve: true, rating: 5 });
    ticketB = (await report(cloud, { categoryCode: 'attitude' })).data.ticketId;
    await report(cloud, { sceneId: 'g1', categoryCode: 'facility' });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('freezes last month on the monthly timer with hand-computed scores, once', async () => {
    // Act: 04:00 on 2 April in Shanghai
    setClock(Date.UTC(2030, 3, 1, 20));
    const first = (await cloud.host.fireTimer('scoring', 'monthly')) as R;
    const again = (await cloud.host.fireTimer('scoring', 'monthly')) as R;

    // Assess: clean 100 − 1 (A) − 1 − 5 (B, overdue capped); other 100 − 3 − 5; the centre has nothing
    expect(first.data).toMatchObject({ month: '2030-03', frozen: true });
    expect(again.data).toMatchObject({ month: '2030-03', frozen: false, runId: first.data.runId });
    firstRun = first.data.runId;
    const ranking = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-03', by: 'score' });
    expect(ranking.data.rows.map((r: Loose) => [r.rank, r.unitId, r.total])).toEqual([
      [1, 'centre-property', 100],
      [2, 'contractor-clean', 93],
      [3, 'contractor-other', 92],
    ]);
    const result = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2030-03' });
    const clean = result.data.scores.find((s: Loose) => s.unitId === 'contractor-clean');
    expect(clean.lines.map((l: Loose) => [l.kind, l.points])).toEqual([
      ['problem', -1],
      ['problem', -1],
      ['overdue', -5],
    ]);
    expect(clean.lines[2].ticketIds).toEqual([ticketB]);
  });

  it('keeps a frozen month unchanged after its tickets change, until an admin recomputes with who and why', async () => {
    // Prepare: B is cancelled after the freeze, and a new rule version doubles minor deductions from March
    await call(cloud, PEOPLE.manager.openid, 'cancel', { ticketId: ticketB, reason: 'invalid', note: '误报' });
    const v2 = { ...DEFAULT_SCORING_RULES, version: 'v2', effectiveFrom: '2030-03', deduction: { minor: 2, major: 3, critical: 5 } };
    expect((await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'publishRules', { rules: v2 })).code).toBe(0);
    const frozen = await invoke(cloud, 'scoring', PEOPLE.leader.openid, 'result', { period: '2030-03', lines: false });

    // Act
    const forbidden = await invoke(cloud, 'scoring', PEOPLE.manager.openid, 'recompute', { period: '2030-03', reason: '规则调整' });
    const recomputed = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'recompute', { period: '2030-03', reason: '工单B误报已撤销' });

    // Assess
    expect(recomputed).toMatchObject({ code: 0 });
    expect(frozen.data.scores.find((s: Loose) => s.unitId === 'contractor-clean').total).toBe(93);
    expect(forbidden.code).toBe('AUTH.FORBIDDEN');
    expect(recomputed.data).toMatchObject({ previousRunId: firstRun, ruleVersion: 'v2' });
    const now = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2030-03', lines: false });
    const earlier = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2030-03', runId: firstRun, lines: false });
    expect(now.data.scores.find((s: Loose) => s.unitId === 'contractor-clean').total).toBe(98);
    expect(earlier.data).toMatchObject({ current: false });
    expect(earlier.data.scores.find((s: Loose) => s.unitId === 'contractor-clean').total).toBe(93);
    expect(now.data.runs.map((r: Loose) => [r.by, r.reason, r.ruleVersion])).toEqual([
      ['system', 'monthly freeze', 'v1'],
      [PEOPLE.admin._id, '工单B误报已撤销', 'v2'],
    ]);
  });

  it('shows a unit’s staff ranking to that unit’s manager only', async () => {
    const mine = await invoke(cloud, 'stats', PEOPLE.manager.openid, 'staffRanking', { period: '2030-03', unitId: 'contractor-clean' });
    const other = await invoke(cloud, 'stats', PEOPLE.manager.openid, 'staffRanking', { period: '2030-03', unitId: 'contractor-other' });
    const leader = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'staffRanking', { period: '2030-03', unitId: 'contractor-clean' });

    expect(mine.data.rows).toEqual([
      {
        rank: 1,
        personId: 'p-staff',
        name: '张保洁',
        total: 98,
        points: -2,
        tickets: 1,
        previous: { rank: null, value: null, delta: null },
      },
    ]);
    expect(other.code).toBe('STATS.OUT_OF_SCOPE');
    expect(leader.code).toBe('AUTH.FORBIDDEN');
  });

  it('ranks units by satisfaction with the adjusted mean and refuses staff and reporters', async () => {
    const ranking = await invoke(cloud, 'stats', PEOPLE.manager.openid, 'unitRanking', { period: '2030-03', centreId: 'centre-property' });
    const staff = await invoke(cloud, 'stats', PEOPLE.staff.openid, 'unitRanking', { period: '2030-03' });
    const reporter = await invoke(cloud, 'stats', REPORTER, 'zoneRanking', { period: '2030-03' });

    // (10 × 3 + 5) / 11 = 3.1818 for the one verification rating; the others sit at the prior 3
    expect(ranking.data.rows.map((r: Loose) => [r.rank, r.unitId, r.n, r.adjusted])).toEqual([
      [1, 'contractor-clean', 1, 3.1818],
      [2, 'centre-property', 0, 3],
      [3, 'contractor-other', 0, 3],
    ]);
    expect(staff.code).toBe('AUTH.FORBIDDEN');
    expect(reporter.code).toBe('AUTH.FORBIDDEN');
  });

  it('exports the assessment workbook of a month', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const reply = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'assessmentExport', { period: '2030-03' });
    expect(reply.code).toBe(0);
    const { wxCloud } = await import('../helpers/local-cloud');
    const file = (await wxCloud().downloadFile({ fileID: reply.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);

    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '单位考核',
      '责任人',
      '扣加分明细',
      '合同考核',
      '巡查与资产',
      '问责事项',
      '督办事项',
      '干部业绩评价',
    ]);
    expect(wb.getWorksheet('单位考核')?.getRow(2).values).toEqual([
      undefined,
      1,
      '物业服务中心',
      100,
      100,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      undefined,
      0,
      undefined,
    ]);
  });
});
