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

    it('is cited on the clause line of the month’s assessment', async () => {
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
    });
  });
});
