import ExcelJS from 'exceljs';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import {
  addCentreManager,
  CENTRE_MANAGER,
  CLEANING_CONTRACT,
  count,
  finding,
  invoke,
  type Loose,
  rate,
  setClock,
  THRESHOLD_RULE,
} from './contracts.fixtures';
import { type Cloud, PEOPLE, PHOTO, startWithFixtures, zone } from './fixtures';

describe('contracts and the monthly contract assessment', () => {
  let cloud: Cloud;
  let contractId: string;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'cant', { unitId: 'contractor-other', responsible: { primary: 'p-other' } })]);
    await addCentreManager();
    clearCaches();
    setClock(Date.UTC(2030, 1, 20, 2));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('refuses a payment rule with a missing parameter, naming it, and writes nothing', async () => {
    // Act
    const res = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'save', {
      fields: CLEANING_CONTRACT,
      paymentRule: { formula: 'linear', fullAt: 90 },
    });
    // Assess
    expect(res).toMatchObject({
      code: 'CONTRACT.PAYMENT_RULE_INVALID',
      details: { formula: 'linear', missing: ['percentPerPoint', 'floorPercent'] },
    });
    expect(await count('contracts')).toBe(0);
  });

  it.each([
    ['weights that do not add up to 100', { weights: { supervisor: 80, recipient: 10 } }, 'CONTRACT.SHEET_INVALID'],
    ['a contractor that is not a contractor unit', { contractorUnitId: 'centre-property' }, 'CONTRACT.BAD_REFERENCE'],
    ['an unknown zone', { zoneIds: ['zone-nowhere'] }, 'CONTRACT.BAD_REFERENCE'],
  ])('refuses %s with a coded error', async (_name, over, code) => {
    const res = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'save', {
      fields: { ...CLEANING_CONTRACT, ...over },
      paymentRule: THRESHOLD_RULE,
    });
    expect(res.code).toBe(code);
    expect(await count('contracts')).toBe(0);
  });

  it('lets only an admin save a contract, and refuses a second contract with the same number', async () => {
    // Act
    const byManager = await invoke(cloud, 'contracts', PEOPLE.manager.openid, 'save', {
      fields: CLEANING_CONTRACT,
      paymentRule: THRESHOLD_RULE,
    });
    const saved = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'save', { fields: CLEANING_CONTRACT, paymentRule: THRESHOLD_RULE });
    const again = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'save', { fields: CLEANING_CONTRACT, paymentRule: THRESHOLD_RULE });
    // Assess
    expect(byManager.code).toBe('AUTH.FORBIDDEN');
    expect(saved).toMatchObject({ code: 0, data: { version: 0 } });
    expect(again.code).toBe('CONTRACT.NO_TAKEN');
    contractId = saved.data.contractId;
    const list = await invoke(cloud, 'contracts', PEOPLE.officeInspector.openid, 'list');
    expect(list.data.items).toEqual([expect.objectContaining({ no: 'HT-2030-001', contractor: '保洁公司', clauses: 2, inForce: true })]);
  });

  it('refuses a clause cited on a zone outside the contract and opens no ticket', async () => {
    const before = await count('tickets');
    const res = await finding(cloud, { zoneId: 'zone-canteen', clauseCode: 'BJ-01' });
    expect(res.code).toBe('CONTRACT.CLAUSE_NOT_IN_ZONE');
    expect(await count('tickets')).toBe(before);
    const clauses = await invoke(cloud, 'contracts', PEOPLE.officeInspector.openid, 'clauses', { zoneId: 'zone-b1-f2' });
    expect(clauses.data.items.map((c: Loose) => c.code)).toEqual(['BJ-01', 'BJ-02']);
  });

  describe('March 2030, the worked example', () => {
    let late: string;
    beforeAll(async () => {
      // Prepare: three BJ-01 findings, one BJ-02 finding with a notice due on 15 March and fixed on the 20th,
      // two ratings (4 and 5 stars) by two people.
      setClock(Date.UTC(2030, 2, 5, 2));
      for (let i = 0; i < 3; i++) expect((await finding(cloud, { clauseCode: 'BJ-01' })).code).toBe(0);
      late = (await finding(cloud, { clauseCode: 'BJ-02', description: '垃圾桶满溢' })).data.ticketId;
      await rate(cloud, 4);
      await rate(cloud, 5, 'o-second-student');
      const notice = await invoke(cloud, 'contracts', PEOPLE.officeInspector.openid, 'issueNotice', {
        ticketId: late,
        dueAt: new Date(Date.UTC(2030, 2, 15, 2)).toISOString(),
        note: '限期清运',
      });
      expect(notice).toMatchObject({ code: 0, data: { no: 'ZG-2030-0001' } });
      const twice = await invoke(cloud, 'contracts', PEOPLE.officeInspector.openid, 'issueNotice', { ticketId: late, note: '再次通知' });
      expect(twice.code).toBe('CONTRACT.NOTICE_EXISTS');
      setClock(Date.UTC(2030, 2, 20, 2));
      const t = (a: string, p: Record<string, unknown>, who = PEOPLE.staff.openid) =>
        invoke(cloud, 'tickets', who, a, { ticketId: late, ...p });
      expect((await t('accept', {})).code).toBe(0);
      expect((await t('rectify', { afterPhotos: [PHOTO], note: '已清运', cause: '清运不及时' })).code).toBe(0);
      expect((await t('verify', { approve: true }, PEOPLE.officeInspector.openid)).code).toBe(0);
    });

    it('refuses to assess a month that has not ended, writing nothing', async () => {
      setClock(Date.UTC(2030, 2, 31, 15)); // 23:00 on 31 March in Shanghai
      const res = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'assess', { month: '2030-03' });
      expect(res.code).toBe('CONTRACT.MONTH_NOT_ENDED');
      expect([await count('contractPeriods'), await count('contractAssessments'), await count('contractSignoffs')]).toEqual([0, 0, 0]);
    });

    it('freezes the month on the timer with every line traced, the grade and the payable amount', async () => {
      // Act: 04:00 on 1 April in Shanghai
      setClock(Date.UTC(2030, 2, 31, 20));
      const first = (await cloud.host.fireTimer('contracts', 'monthly')) as Loose;
      const again = (await cloud.host.fireTimer('contracts', 'monthly')) as Loose;
      const byAdmin = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'assess', { month: '2030-03' });
      // Assess: 100 − 20 (BJ-01 three times: item zeroed) − 2 (BJ-02) − 2 (late fix) = 76; ratings 4.5★ = 90;
      // 76 × 80 % + 90 × 20 % = 78.8 → 合格, below this contract's pass mark of 80; pay (15 + 78.8) % of
      // ¥100,000 = ¥93,800, less ¥500 (BJ-02) and ¥1,000 (late fix) = ¥92,300.
      expect(first.data).toMatchObject({ month: '2030-03', frozen: true });
      expect(again.data).toMatchObject({ frozen: false, runId: first.data.runId });
      expect(byAdmin.code).toBe('CONTRACT.ALREADY_ASSESSED');
      const res = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'assessment', { month: '2030-03', contractId });
      const a = res.data.assessment;
      expect(a.lines.map((l: Loose) => [l.kind, l.clauseCode, l.count, l.points, l.fen])).toEqual([
        ['clause', 'BJ-01', 3, -20, 0],
        ['clause', 'BJ-02', 1, -2, -50000],
        ['lateFix', null, 1, -2, -100000],
        ['recipient', null, 2, 0, 0],
        ['weighting', null, 0, 0, 0],
      ]);
      expect(a.lines[2].ticketIds).toEqual([late]);
      expect(a).toMatchObject({
        supervisorScore: 76,
        recipientScore: 90,
        score: 78.8,
        grade: 'pass',
        belowPass: true,
        belowPassTwice: false,
      });
      expect(a.payment).toMatchObject({ percent: 93.8, payableFen: 9_230_000 });
      expect(res.data.signoff).toEqual({ state: 'pending', history: [] });
      expect(res.data.can).toEqual([]);
    });

    it('is signed by the supervising unit, then approved by the office, each step once', async () => {
      const sign = (openid: string, event: string, note?: string) =>
        invoke(cloud, 'contracts', openid, 'signoff', { month: '2030-03', contractId, event, ...(note ? { note } : {}) });
      // Act
      const officeFirst = await sign(PEOPLE.admin.openid, 'approve');
      const contractor = await sign(PEOPLE.manager.openid, 'sign');
      const centre = await sign(CENTRE_MANAGER.openid, 'sign');
      const centreAgain = await sign(CENTRE_MANAGER.openid, 'sign');
      const office = await sign(PEOPLE.officeManager.openid, 'approve');
      // Assess
      expect(officeFirst.code).toBe('CONTRACT.INVALID_SIGNOFF');
      expect(contractor.code).toBe('CONTRACT.NOT_SIGNER');
      expect(centre).toEqual({ code: 0, data: { state: 'supervisorSigned' } });
      expect(centreAgain.code).toBe('CONTRACT.INVALID_SIGNOFF');
      expect(office).toEqual({ code: 0, data: { state: 'approved' } });
      const res = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'assessment', { month: '2030-03', contractId });
      expect(res.data.signoff.history.map((h: Loose) => [h.event, h.byName])).toEqual([
        ['sign', '冯主任'],
        ['approve', '周部长'],
      ]);
      const sheet = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'sheet', { month: '2030-03', contractId });
      expect(sheet.data.html).toContain('¥92,300.00');
      expect(sheet.data.html).toContain('已审定');
    });

    it('flags a contract below the pass mark two months running', async () => {
      // Prepare: April: a special event costs 25 points and ¥2,000 (recorded before the month is assessed).
      setClock(Date.UTC(2030, 3, 10, 2));
      const ev = await invoke(cloud, 'contracts', CENTRE_MANAGER.openid, 'recordEvent', {
        contractId,
        month: '2030-04',
        what: '媒体曝光卫生问题',
        points: -25,
        yuan: 2000,
      });
      expect(ev.code).toBe(0);
      const closed = await invoke(cloud, 'contracts', CENTRE_MANAGER.openid, 'recordEvent', {
        contractId,
        month: '2030-03',
        what: '补记',
        points: -1,
        yuan: 0,
      });
      expect(closed.code).toBe('CONTRACT.EVENT_MONTH_INVALID');
      // Act
      setClock(Date.UTC(2030, 4, 1, 2));
      expect((await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'assess', { month: '2030-04' })).code).toBe(0);
      // Assess: 100 − 25 = 75 with no ratings (the supervisor score counts in full), below 80 again after March's
      // 78.8; pay (15 + 75) % = ¥90,000 less ¥2,000.
      const list = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'results', { month: '2030-04' });
      expect(list.data.items).toEqual([
        expect.objectContaining({ contractNo: 'HT-2030-001', score: 75, belowPass: true, belowPassTwice: true, payableFen: 8_800_000 }),
      ]);
      const forManager = await invoke(cloud, 'contracts', PEOPLE.manager.openid, 'results', { month: '2030-04' });
      expect(forManager.data.items).toHaveLength(1);
      const forOther = await invoke(cloud, 'contracts', PEOPLE.otherStaff.openid, 'results', { month: '2030-04' });
      expect(forOther.code).toBe('AUTH.FORBIDDEN');
    });

    it('keeps a frozen month until an admin recomputes it with a reason, which starts a new sign-off', async () => {
      // Prepare: the April assessment is returned by the supervising unit, and a ticket behind it is cancelled.
      const returned = await invoke(cloud, 'contracts', CENTRE_MANAGER.openid, 'signoff', {
        month: '2030-04',
        contractId,
        event: 'return',
        note: '事件扣分需复核',
      });
      const noReason = await invoke(cloud, 'contracts', CENTRE_MANAGER.openid, 'signoff', {
        month: '2030-04',
        contractId,
        event: 'return',
      });
      expect(returned).toEqual({ code: 0, data: { state: 'returned' } });
      expect(noReason.code).toBe('REQUEST.INVALID');
      // Act
      const short = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'recompute', { month: '2030-04', reason: '复核' });
      const redo = await invoke(cloud, 'contracts', PEOPLE.admin.openid, 'recompute', {
        month: '2030-04',
        reason: '监管单位退回，复核后重算',
      });
      // Assess: a new current run with who and why; its sign-off starts again; the old run stays readable.
      expect(short.code).toBe('REQUEST.INVALID');
      expect(redo.code).toBe(0);
      const now = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'assessment', { month: '2030-04', contractId });
      expect(now.data.current).toBe(true);
      expect(now.data.signoff.state).toBe('pending');
      expect(now.data.runs.map((r: Loose) => [r.by, r.reason])).toEqual([
        [PEOPLE.admin._id, 'assessed by admin'],
        [PEOPLE.admin._id, '监管单位退回，复核后重算'],
      ]);
      const old = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'assessment', {
        month: '2030-04',
        contractId,
        runId: redo.data.previousRunId,
      });
      expect(old.data).toMatchObject({ current: false, signoff: { state: 'returned' } });
      expect(old.data.assessment.score).toBe(75);
    });

    it('puts the contract grade into the 目标管理考核 export and its own Excel workbook', async () => {
      // Prepare: the unit scores of April are frozen by the scoring timer on 1 May.
      await cloud.host.fireTimer('scoring', 'monthly');
      // Act
      const target = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'assessmentExport', { period: '2030-04' });
      const own = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'exportMonth', { month: '2030-03' });
      // Assess
      const sheet = async (fileID: string, name: string) => {
        const file = (await wxCloud().downloadFile({ fileID })) as { fileContent: Buffer };
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file.fileContent as never);
        return (wb.getWorksheet(name)?.getSheetValues() ?? []).slice(2).map((r) => (r as unknown[]).slice(1));
      };
      expect((await sheet(target.data.fileID, '合同考核'))[0]).toEqual([
        'HT-2030-001',
        '一号楼保洁服务',
        '保洁公司',
        75,
        '合格',
        88000,
        '是',
      ]);
      const summary = await sheet(own.data.fileID, '合同考核汇总');
      expect(summary[0]).toEqual(['HT-2030-001', '一号楼保洁服务', '保洁公司', 76, 90, 78.8, '合格', 100000, 92300, '是', '', '已审定']);
      const lines = await sheet(own.data.fileID, '考核明细');
      expect(lines.map((l) => [l[1], l[3], l[4]])).toEqual([
        ['BJ-01 地面保洁', -20, 0],
        ['BJ-02 垃圾清运', -2, 500],
        ['整改通知单ZG-2030-0001逾期整改', -2, 1000],
        ['服务对象满意度', 0, 0],
        ['加权得分', 0, 0],
      ]);
    });
  });
});
