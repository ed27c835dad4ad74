import ExcelJS from 'exceljs';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { TEMPLATES } from '../../shared/contract/templates';
import { wxCloud } from '../helpers/local-cloud';
import { addCentreManager, CENTRE_MANAGER, count, finding, invoke, type Loose, setClock } from './contracts.fixtures';
import { type Cloud, PEOPLE, PHOTO, startWithFixtures } from './fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2030, 5, 2, 2); // 10:00 on 2 June 2030, Shanghai

describe('accountability, supervision (督办) and the decision agenda', () => {
  let cloud: Cloud;
  const sup = (openid: string, action: string, payload: unknown = {}) => invoke(cloud, 'supervision', openid, action, payload);
  const nightly = async () => ((await cloud.host.fireTimer('supervision', 'nightly')) as Loose).data;
  beforeAll(async () => {
    cloud = await startWithFixtures();
    await addCentreManager();
    clearCaches();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  describe('accountability', () => {
    let unitCase: string;
    let zoneCase: string;
    beforeAll(async () => {
      // Prepare: the same problem found four times in a week (three repeats: 屡查屡犯), the first one verified
      // fixed before the second (屡改屡犯), and one rectification rejected (查而不改).
      setClock(T0);
      const first = (await finding(cloud)).data.ticketId;
      const t = (who: string, a: string, p: Record<string, unknown>) => invoke(cloud, 'tickets', who, a, { ticketId: first, ...p });
      await t(PEOPLE.staff.openid, 'accept', {});
      await t(PEOPLE.staff.openid, 'rectify', { afterPhotos: [PHOTO], note: '已清理', cause: '漏扫' });
      await t(PEOPLE.officeInspector.openid, 'verify', { approve: false, note: '仍有垃圾' });
      await t(PEOPLE.staff.openid, 'rectify', { afterPhotos: [PHOTO], note: '再次清理', cause: '漏扫' });
      await t(PEOPLE.officeInspector.openid, 'verify', { approve: true });
      for (let i = 1; i <= 3; i++) {
        setClock(T0 + i * DAY);
        expect((await finding(cloud)).data.repeat).toMatchObject({ count: i });
      }
    });

    it('derives the three counters per unit, zone and person from ticket history, once however often it runs', async () => {
      // Act
      setClock(T0 + 4 * DAY);
      // Two timer runs at once (CloudBase may run them in parallel), then a third.
      const [first, second] = await Promise.all([nightly(), nightly()]);
      const again = await nightly();
      // Assess: 1 查而不改 + 3 屡查屡犯 + 1 屡改屡犯 (the second finding, after the first was verified fixed),
      // each counted once however the runs interleaved; three cases (unit, zone, person), each proposed once.
      expect(first.strikes + second.strikes).toBe(5);
      expect(first.cases + second.cases).toBe(3);
      expect(again).toMatchObject({ strikes: 0, cases: 0 });
      expect(await count('strikes')).toBe(5);
      for (const [subjectType, name] of [
        ['unit', '保洁公司'],
        ['zone', '区域b1f2'],
        ['person', '张保洁'],
      ]) {
        const res = await sup(PEOPLE.leader.openid, 'counters', { subjectType });
        expect(res.data.items).toEqual([
          { subjectId: expect.any(String), name, notRectified: 1, repeatFound: 3, repeatAfterFix: 1, total: 5 },
        ]);
      }
    });

    it('proposed one case per subject at the threshold of 3 屡查屡犯 in 30 days, never twice', async () => {
      const res = await sup(PEOPLE.leader.openid, 'cases', { state: 'proposed' });
      expect(res.data.items.map((c: Loose) => [c.kind, c.subjectType, c.subjectName, c.ticketIds.length]).sort()).toEqual([
        ['repeatFound', 'person', '张保洁', 3],
        ['repeatFound', 'unit', '保洁公司', 3],
        ['repeatFound', 'zone', '区域b1f2', 3],
      ]);
      expect(await count('accountabilityCases')).toBe(3);
      unitCase = res.data.items.find((c: Loose) => c.subjectType === 'unit')._id;
      zoneCase = res.data.items.find((c: Loose) => c.subjectType === 'zone')._id;
    });

    it('lets a leader confirm a case once (two at the same moment: one wins), record the action and close it', async () => {
      // Act
      const [a, b] = await Promise.all([
        sup(PEOPLE.leader.openid, 'decideCase', { caseId: unitCase, decision: 'confirm', reason: '同一区域一周内三次被查出' }),
        sup(PEOPLE.admin.openid, 'decideCase', { caseId: unitCase, decision: 'confirm', reason: '同意问责' }),
      ]);
      const again = await sup(PEOPLE.leader.openid, 'decideCase', { caseId: unitCase, decision: 'confirm', reason: '再次确认' });
      const byManager = await sup(PEOPLE.manager.openid, 'decideCase', { caseId: zoneCase, decision: 'dismiss', reason: '不同意' });
      const noPoints = await sup(PEOPLE.leader.openid, 'closeCase', { caseId: unitCase, action: { kind: 'points', note: '扣分' } });
      const closed = await sup(PEOPLE.leader.openid, 'closeCase', { caseId: unitCase, action: { kind: 'talk', note: '已约谈项目经理' } });
      const dismissed = await sup(PEOPLE.leader.openid, 'decideCase', { caseId: zoneCase, decision: 'dismiss', reason: '与单位问责重复' });
      // Assess
      expect([a.code, b.code].sort()).toEqual([0, 'ACCOUNTABILITY.INVALID_TRANSITION'].sort());
      expect(again.code).toBe('ACCOUNTABILITY.INVALID_TRANSITION');
      expect(byManager.code).toBe('AUTH.FORBIDDEN');
      expect(noPoints.code).toBe('ACCOUNTABILITY.ACTION_INVALID');
      expect(closed.data).toEqual({ caseId: unitCase, state: 'closed' });
      expect(dismissed.data.state).toBe('dismissed');
      const c = (await sup(PEOPLE.leader.openid, 'case', { caseId: unitCase })).data;
      expect(c.history.map((h: Loose) => h.event)).toEqual(['propose', 'confirm', 'close']);
      expect(c.action).toEqual({ kind: 'talk', note: '已约谈项目经理' });
    });
  });

  describe('supervision items', () => {
    let itemId: string;
    const ITEM = {
      title: '一号楼垃圾清运整改',
      detail: '落实日产日清，建立台账',
      basis: { kind: 'briefing', ref: '巡查简报2030年第5期' },
      leadUnitId: 'contractor-clean',
      assistUnitIds: ['centre-property'],
      deadline: '2030-06-30',
      cadence: 'weekly',
    };
    it('numbers items from an atomic counter and refuses bad units and past deadlines', async () => {
      setClock(T0 + 5 * DAY);
      const [a, b] = await Promise.all([sup(PEOPLE.leader.openid, 'issueItem', ITEM), sup(PEOPLE.admin.openid, 'issueItem', ITEM)]);
      expect([a.data.no, b.data.no].sort()).toEqual(['DB-2030-0001', 'DB-2030-0002']);
      itemId = a.data.itemId;
      const lead = await sup(PEOPLE.leader.openid, 'issueItem', { ...ITEM, assistUnitIds: ['contractor-clean'] });
      const past = await sup(PEOPLE.leader.openid, 'issueItem', { ...ITEM, deadline: '2030-06-01' });
      expect([lead.code, past.code]).toEqual(['SUPERVISION.UNIT_INVALID', 'SUPERVISION.DEADLINE_INVALID']);
    });

    it('is signed by each unit, reported on, asked to close by the lead unit and closed (销号) by the office', async () => {
      const act = (openid: string, event: string, note = '') => sup(openid, 'actOnItem', { itemId, event, note });
      expect((await act(PEOPLE.manager.openid, 'sign')).data.state).toBe('issued');
      expect((await act(PEOPLE.manager.openid, 'sign')).code).toBe('SUPERVISION.ALREADY_SIGNED');
      expect((await act(PEOPLE.staff.openid, 'sign')).code).toBe('AUTH.FORBIDDEN');
      expect((await act(CENTRE_MANAGER.openid, 'sign')).data.state).toBe('signed');
      expect((await act(CENTRE_MANAGER.openid, 'report', '已建立清运台账')).data.state).toBe('inProgress');
      expect((await act(CENTRE_MANAGER.openid, 'requestClose')).code).toBe('SUPERVISION.NOT_PARTY');
      expect((await act(PEOPLE.manager.openid, 'requestClose', '已完成')).data.state).toBe('awaitingClose');
      const detail = await sup(PEOPLE.leader.openid, 'item', { itemId });
      expect(detail.data.can).toEqual(['close', 'sendBack']);
      expect(detail.data.item.rag).toBe('green');
      expect((await act(PEOPLE.leader.openid, 'close', '核实已办结')).data.state).toBe('closed');
      expect((await act(PEOPLE.manager.openid, 'report', '补充')).code).toBe('SUPERVISION.INVALID_TRANSITION');
      const mine = await sup(PEOPLE.manager.openid, 'items', { scope: 'mine' });
      expect(mine.data.items.map((i: Loose) => i.state).sort()).toEqual(['closed', 'issued']);
    });

    it('turns amber with time used, and red and escalated once by the timer after the deadline', async () => {
      const other = (await sup(PEOPLE.leader.openid, 'items', { scope: 'open' })).data.items[0];
      setClock(T0 + 23 * DAY); // 25 June: 20 of 23 days used
      expect((await sup(PEOPLE.leader.openid, 'item', { itemId: other._id })).data.item.rag).toBe('amber');
      setClock(Date.UTC(2030, 6, 1, 2));
      for (const p of [...Object.values(PEOPLE), CENTRE_MANAGER]) cloud.host.subscribe(p.openid, TEMPLATES.escalation, 5);
      const first = await nightly();
      const again = await nightly();
      expect([first.escalated, again.escalated]).toEqual([1, 0]);
      // The lead unit's managers and the office's were told once, in zh-CN, with a link to the item.
      const told = cloud.host.outbox.filter((m) => m.page === `packages/supervision/item/index?id=${other._id}`);
      expect(told.length).toBeGreaterThan(0);
      expect(new Set(told.map((m) => m.touser)).size).toBe(told.length);
      expect(told.map((m) => m.errcode)).toEqual(told.map(() => 0));
      expect((told[0].data as Record<string, { value: string }>).thing5.value).toBe('督办事项已超期，请尽快办结');
      expect((told[0].data as Record<string, { value: string }>).character_string1.value).toBe(other.no);
      const now = (await sup(PEOPLE.leader.openid, 'item', { itemId: other._id })).data.item;
      expect(now).toMatchObject({ rag: 'red', overdue: true });
      expect(now.history.filter((h: Loose) => h.event === 'escalate')).toHaveLength(1);
    });
  });

  describe('the decision agenda', () => {
    let ticketId: string;
    it('puts a coordination request unresolved for 7 days on the agenda, once', async () => {
      setClock(Date.UTC(2030, 6, 2, 2));
      ticketId = (await finding(cloud, { categoryCode: 'facility', description: '屋顶漏水需学校维修' })).data.ticketId;
      await invoke(cloud, 'tickets', PEOPLE.staff.openid, 'accept', { ticketId });
      expect(
        (await invoke(cloud, 'tickets', PEOPLE.staff.openid, 'requestCoordination', { ticketId, reason: '需基建处维修屋顶' })).code,
      ).toBe(0);
      setClock(Date.UTC(2030, 6, 8, 2));
      expect((await nightly()).agenda).toBe(0);
      setClock(Date.UTC(2030, 6, 9, 3));
      expect((await nightly()).agenda).toBe(1);
      expect((await nightly()).agenda).toBe(0);
    });

    it('records the decision and turns it into a supervision item in one step, once', async () => {
      const agenda = (await sup(PEOPLE.leader.openid, 'agenda', {})).data.items;
      expect(agenda).toEqual([expect.objectContaining({ ticketId, reason: '需基建处维修屋顶', state: 'pending' })]);
      const supervise = {
        title: '一号楼屋顶漏水维修',
        detail: '由物业中心牵头协调维修',
        basis: { kind: 'meeting', ref: '总务部办公会' },
        leadUnitId: 'centre-property',
        assistUnitIds: [],
        deadline: '2030-07-31',
        cadence: 'biweekly',
      };
      const decided = await sup(PEOPLE.leader.openid, 'decideAgenda', {
        agendaId: agenda[0]._id,
        decision: '由物业中心牵头维修',
        supervise,
      });
      const twice = await sup(PEOPLE.leader.openid, 'decideAgenda', { agendaId: agenda[0]._id, decision: '再议', supervise });
      expect(decided.data).toMatchObject({ itemNo: 'DB-2030-0003' });
      expect(twice.code).toBe('SUPERVISION.AGENDA_DECIDED');
      expect(await count('supervisionItems')).toBe(3);
      const item = (await sup(PEOPLE.leader.openid, 'item', { itemId: decided.data.itemId })).data.item;
      expect(item).toMatchObject({ agendaId: agenda[0]._id, basis: { kind: 'meeting' } });
    });
  });

  it('adds cases, supervision items and the cadre evaluation to the 目标管理考核 export of the month', async () => {
    // Prepare: June is frozen by the scoring timer in July.
    expect(((await cloud.host.fireTimer('scoring', 'monthly')) as Loose).data).toMatchObject({ month: '2030-06' });
    // Act
    const reply = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'assessmentExport', { period: '2030-06' });
    // Assess
    expect(reply.code).toBe(0);
    const file = (await wxCloud().downloadFile({ fileID: reply.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);
    const rows = (name: string) => (wb.getWorksheet(name)?.getSheetValues() ?? []).slice(2).map((r) => (r as unknown[]).slice(1));
    expect(
      rows('问责事项')
        .map((r) => r.slice(0, 4))
        .sort(),
    ).toEqual([
      ['屡查屡犯', '区域：区域b1f2', '不予问责', ''],
      ['屡查屡犯', '单位：保洁公司', '已办结', '约谈'],
      ['屡查屡犯', '责任人：张保洁', '待确认', ''],
    ]);
    expect(
      rows('督办事项')
        .map((r) => [r[0], r[4], r[5]])
        .sort(),
    ).toEqual([
      ['DB-2030-0001', '已销号', '正常'],
      ['DB-2030-0002', '待签收', '临近时限'],
    ]);
    expect(rows('干部业绩评价').find((r) => r[1] === '张保洁')).toEqual(['保洁公司', '张保洁', expect.any(Number), 1, 3, 1, 0]);
  });

  it('counts 屡改屡犯 when a problem fixed months ago comes back past the repeat window (no repeat link)', async () => {
    // Prepare: a work-style problem found on 1 August and verified fixed the same day.
    setClock(Date.UTC(2030, 7, 1, 2));
    const first = (await finding(cloud, { categoryCode: 'work_style', description: '工作时间玩手机' })).data.ticketId;
    const t = (who: string, a: string, p: Record<string, unknown>) => invoke(cloud, 'tickets', who, a, { ticketId: first, ...p });
    await t(PEOPLE.staff.openid, 'accept', {});
    await t(PEOPLE.staff.openid, 'rectify', { afterPhotos: [PHOTO], note: '已批评教育', cause: '纪律松懈' });
    expect((await t(PEOPLE.officeInspector.openid, 'verify', { approve: true })).code).toBe(0);
    // Act: the same problem at the same place on 1 October, 61 days later: past the 30-day repeat window.
    setClock(Date.UTC(2030, 9, 1, 2));
    const again = await finding(cloud, { categoryCode: 'work_style', description: '又在玩手机' });
    expect(again.data.repeat).toBeFalsy();
    await nightly();
    // Assess: one 屡改屡犯 strike on the October ticket, none on the August one; a second run adds nothing.
    const strikes = async () =>
      ((await wxCloud().database().collection('strikes').where({ kind: 'repeatAfterFix' }).limit(100).get()) as { data: Loose[] }).data;
    const mine = (await strikes()).filter((s) => s.ticketId === again.data.ticketId || s.ticketId === first);
    expect(mine.map((s) => [s.ticketId, s._id])).toEqual([[again.data.ticketId, `rx-${again.data.ticketId}`]]);
    expect((await nightly()).strikes).toBe(0);
  });
});
