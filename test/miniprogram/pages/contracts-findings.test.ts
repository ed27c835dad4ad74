/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Contract clauses and rectification notices, as people do them on the real pages against the real functions on
 * the local cloud (in-process, so the clock can move): the office inspector logs a finding on the patrol page
 * citing a clause of the cleaning contract covering the zone; the ticket page shows the clause; the month's
 * assessment cites that ticket on the clause's line.
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup, text } from '../helpers/sim';

describe('contract clauses and notices on the pages', () => {
  let sim: Sim;
  let lb: LocalBackend;
  let contractId: string;
  let fixtures: typeof import('../../cloudfunctions/contracts.fixtures');
  const setClock = (at: number) => lb.fixtures.shiftClock(at - (performance.timeOrigin + performance.now()));
  const call = (openid: string, name: string, action: string, payload: Record<string, unknown>) => {
    lb.as.openid = openid;
    return lb.backend(name, action, payload) as Promise<{ code: 0 | string; data?: Loose }>;
  };
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 300 && !done(); i++) await flush(2);
    expect(done()).toBe(true);
  };
  /** The text of a Word file in cloud storage. */
  const wordText = async (fileID: string): Promise<string> => {
    const file = (await (require('wx-server-sdk') as Loose).downloadFile({ fileID })) as { fileContent: Buffer };
    const JSZip = require('jszip');
    const xml: string = await (await JSZip.loadAsync(file.fileContent)).file('word/document.xml').async('string');
    return xml.replace(/<[^>]+>/g, '');
  };
  const db = () => (require('wx-server-sdk') as typeof import('wx-server-sdk')).database();

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    lb = await startLocalBackend();
    impl = lb.backend;
    fixtures = require('../../cloudfunctions/contracts.fixtures');
    await fixtures.addCentreManager();
    setClock(Date.UTC(2030, 2, 5, 2)); // 10:00 on 5 March 2030 in Shanghai
    const saved = await call(lb.fixtures.PEOPLE.admin.openid, 'contracts', 'save', {
      fields: fixtures.CLEANING_CONTRACT,
      paymentRule: fixtures.THRESHOLD_RULE,
    });
    expect(saved.code).toBe(0);
    contractId = saved.data.contractId;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });

  describe('a finding citing a clause', () => {
    let ticketId: string;

    it('offers the clauses of the contract covering the zone and sends the chosen one with the finding', async () => {
      // Prepare: the office inspector on the patrol page, at floor B1-2.
      lb.as.openid = lb.fixtures.PEOPLE.officeInspector.openid;
      const p = render('packages/inspector/patrol/index');
      p.instance.onLoad({});
      p.instance.setZone({ _id: 'zone-b1-f2', name: '一号楼二层' });
      await until(() => p.instance.data.clauses.length > 0);
      p.querySelectorAll('.patrol__cat')[0].dispatchEvent('tap'); // 环境卫生
      await flush();
      p.querySelectorAll('.patrol__problem')[0].dispatchEvent('tap');
      await flush();
      // Assess: the sheet offers "none" and the contract's two clauses.
      expect(p.querySelectorAll('.patrol__clause').map((c: Loose) => c.dom.textContent.trim())).toEqual([
        '不涉及合同条款',
        'BJ-01 地面保洁',
        'BJ-02 垃圾清运',
      ]);
      // Act: cite BJ-01 and submit.
      p.querySelectorAll('.patrol__clause')[1].dispatchEvent('tap');
      await flush();
      expect(p.querySelector('.patrol__clause--on').dom.textContent.trim()).toBe('BJ-01 地面保洁');
      p.querySelector('.patrol__submit').dispatchEvent('tap');
      await until(() => p.instance.data.form === null);
      // Assess: the request carried the clause, and the stored ticket cites it on the contract.
      const sent = sim.calls.filter((c) => c.action === 'createFinding').at(-1);
      expect(sent?.payload).toMatchObject({ zoneId: 'zone-b1-f2', clauseCode: 'BJ-01', kind: 'problem' });
      const docs = ((await db().collection('tickets').where({ zoneId: 'zone-b1-f2' }).limit(10).get()) as { data: Loose[] }).data;
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ clauseCode: 'BJ-01', contractId, source: 'finding' });
      ticketId = docs[0]._id;
      expect(sim.wx.showToast).toHaveBeenCalledWith({ title: `已记录 ${docs[0].no}`, icon: 'success' });
    });

    it('shows the cited clause on the ticket page', async () => {
      lb.as.openid = lb.fixtures.PEOPLE.officeInspector.openid;
      const p = render('pages/ticket/index');
      p.instance.onLoad({ id: ticketId });
      await until(() => p.instance.data.status !== 'loading');
      expect(text(p, '.ticket__clause')).toBe('合同考核条款 BJ-01');
    });

    it('lets the supervising unit issue a 整改通知单 on the finding, refusing an empty requirement first', async () => {
      // Prepare: the property centre's manager (the supervising unit) opens the notice page from the ticket.
      lb.as.openid = fixtures.CENTRE_MANAGER.openid;
      const p = render('packages/contracts/notice/index');
      p.instance.onLoad({ ticketId });
      await until(() => p.instance.data.status !== 'loading');
      expect(p.instance.data.status).toBe('issue');
      expect(text(p, '.notice__clause')).toBe('合同考核条款 BJ-01');
      // Act: issue without a requirement, then with one, due 10:00 on 8 March.
      p.querySelector('.notice__issue').dispatchEvent('tap');
      await flush();
      expect(text(p, '.notice__form-error')).toBe('请填写整改要求');
      p.instance.onNote({ detail: { value: '清理二层走廊积存垃圾，每日两次巡扫' } });
      // A deadline already past is refused by the function, in zh-CN, and nothing is written.
      p.instance.onDueDate({ detail: { value: '2030-03-04' } });
      await p.instance.onIssue();
      expect(p.instance.data.formError).toBe('整改期限须晚于现在，请重新选择');
      expect(((await db().collection('contractNotices').count()) as { total: number }).total).toBe(0);
      p.instance.onDueDate({ detail: { value: '2030-03-08' } });
      p.instance.onDueTime({ detail: { value: '10:00' } });
      p.querySelector('.notice__issue').dispatchEvent('tap');
      await until(() => p.instance.data.status === 'view');
      // Assess
      expect(sim.calls.filter((c) => c.action === 'issueNotice').map((c) => c.payload)).toEqual([
        { ticketId, dueAt: expect.stringMatching(/^2030-03-0[34]T/), note: '清理二层走廊积存垃圾，每日两次巡扫' },
        { ticketId, dueAt: '2030-03-08T02:00:00.000Z', note: '清理二层走廊积存垃圾，每日两次巡扫' },
      ]);
      expect(text(p, '.notice__no')).toBe('ZG-2030-0001');
      expect(text(p, '.notice__state')).toBe('整改中');
      expect(text(p, '.notice__due-text')).toBe('2030-03-08 10:00 前');
      expect(text(p, '.notice__cost')).toBe('逾期整改按合同另行扣2分、扣款1000元');
      // A second notice on the same finding is refused in zh-CN.
      const again = render('packages/contracts/notice/index');
      again.instance.setData({ ticketId, status: 'issue', note: '再次通知', dueDate: '2030-03-09', dueTime: '10:00' });
      await again.instance.onIssue();
      expect(again.instance.data.formError).toBe('该问题已下发过整改通知单');
    });

    it('shows the contractor the notice, and prints it as a Word document', async () => {
      // Act: the cleaning contractor's manager opens the contract's notices.
      lb.as.openid = lb.fixtures.PEOPLE.manager.openid;
      const list = render('packages/contracts/notices/index');
      list.instance.onLoad({ contractId });
      await until(() => list.instance.data.status !== 'loading');
      expect(list.instance.data.items).toEqual([
        expect.objectContaining({
          no: 'ZG-2030-0001',
          state: '整改中',
          due: '期限 2030-03-08 10:00',
          note: '清理二层走廊积存垃圾，每日两次巡扫',
        }),
      ]);
      list.querySelector('.notices__item').dispatchEvent('tap');
      await flush();
      const url = (sim.wx.navigateTo as jest.Mock).mock.calls.at(-1)[0].url as string;
      const p = render('packages/contracts/notice/index');
      p.instance.onLoad({ noticeId: url.split('noticeId=')[1] });
      await until(() => p.instance.data.status !== 'loading');
      expect(text(p, '.notice__text')).toBe('清理二层走廊积存垃圾，每日两次巡扫');
      p.querySelector('.notice__word').dispatchEvent('tap');
      await until(() => !p.instance.data.busy);
      // Assess: the Word file names the notice, the contractor, the requirement and the deadline.
      const made = await call(lb.fixtures.PEOPLE.manager.openid, 'contracts', 'noticeDocx', { noticeId: p.instance.data.noticeId });
      expect(made.data.fileName).toBe('整改通知单ZG-2030-0001.docx');
      const words = await wordText(made.data.fileID);
      for (const s of [
        '整改通知单',
        'ZG-2030-0001',
        '保洁公司：',
        '清理二层走廊积存垃圾，每日两次巡扫',
        '2030年3月8日 10:00前',
        '扣2分、扣款1000元',
      ]) {
        expect(words).toContain(s);
      }
      expect(sim.calls.filter((c) => c.action === 'noticeDocx')).toHaveLength(1);
      // The cleaner holding the ticket opens it from the ticket page's link; another cleaner may not.
      lb.as.openid = lb.fixtures.PEOPLE.staff.openid;
      const own = render('packages/contracts/notice/index');
      own.instance.onLoad({ ticketId });
      await until(() => own.instance.data.status !== 'loading');
      expect(text(own, '.notice__text')).toBe('清理二层走廊积存垃圾，每日两次巡扫');
      expect(text(own, '.notice__due-text')).toBe('2030-03-08 10:00 前');
      lb.as.openid = lb.fixtures.PEOPLE.backup.openid;
      const other = render('packages/contracts/notice/index');
      other.instance.onLoad({ ticketId });
      await until(() => other.instance.data.status !== 'loading');
      expect(text(other, '.notice__error')).toBe('没有权限进行此操作');
    });

    it('is cited on the clause line of the month’s assessment, with the late fix after the notice', async () => {
      // Prepare: fixed on 10 March, two days after the notice's deadline, and verified.
      setClock(Date.UTC(2030, 2, 10, 2));
      const t = (a: string, p: Record<string, unknown>, who = lb.fixtures.PEOPLE.staff.openid) =>
        call(who, 'tickets', a, { ticketId, ...p });
      expect((await t('accept', {})).code).toBe(0);
      expect((await t('rectify', { afterPhotos: [lb.fixtures.PHOTO], note: '已清理', cause: '巡扫不及时' })).code).toBe(0);
      expect((await t('verify', { approve: true }, lb.fixtures.PEOPLE.officeInspector.openid)).code).toBe(0);
      // Act: the month ends; the admin freezes it.
      setClock(Date.UTC(2030, 3, 1, 2));
      expect((await call(lb.fixtures.PEOPLE.admin.openid, 'contracts', 'assess', { month: '2030-03' })).code).toBe(0);
      // Assess: on the assessment page, the BJ-01 line with one finding, 2 points off, its ticket number.
      lb.as.openid = lb.fixtures.PEOPLE.admin.openid;
      const p = render('packages/contracts/assessment/index');
      p.instance.onLoad({ month: '2030-03', contractId });
      await until(() => p.instance.data.status !== 'loading');
      const res = await call(lb.fixtures.PEOPLE.admin.openid, 'contracts', 'assessment', { month: '2030-03', contractId });
      const line = res.data.assessment.lines.find((l: Loose) => l.kind === 'clause');
      expect(line).toMatchObject({ clauseCode: 'BJ-01', count: 1, points: -2, ticketIds: [ticketId] });
      const shown = p.instance.data.lines.find((l: Loose) => l.label.startsWith('BJ-01'));
      expect(shown).toMatchObject({ points: '-2分' });
      expect(shown.tickets).toContain(line.ticketNos[0]);
      const late = res.data.assessment.lines.find((l: Loose) => l.kind === 'lateFix');
      expect(late).toMatchObject({ label: '整改通知单ZG-2030-0001逾期整改', points: -2, fen: -100000, ticketIds: [ticketId] });
      expect(p.instance.data.lines.map((l: Loose) => l.label)).toContain('整改通知单ZG-2030-0001逾期整改');
      // The sheet prints as a Word document from the page, with both lines.
      p.querySelector('.assessment__word').dispatchEvent('tap');
      await until(() => sim.calls.some((c) => c.action === 'sheetDocx') && !p.instance.data.busy);
      const made = await call(lb.fixtures.PEOPLE.admin.openid, 'contracts', 'sheetDocx', { month: '2030-03', contractId });
      expect(made.data.fileName).toBe('一号楼保洁服务2030-03月度考核表.docx');
      const words = await wordText(made.data.fileID);
      for (const w of ['外包服务合同月度考核表', 'BJ-01 地面保洁', '整改通知单ZG-2030-0001逾期整改', '本月应付'])
        expect(words).toContain(w);
      // The notice now reads as fixed late.
      const n = await call(lb.fixtures.PEOPLE.manager.openid, 'contracts', 'notice', { ticketId });
      expect(n.data.state).toBe('late');
    });
  });
});
