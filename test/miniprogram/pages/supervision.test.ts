/**
 * The supervision pages (督办事项, 问责事项, 决策议题), rendered by miniprogram-simulate and calling the real
 * `supervision` function on a local cloud (the seeded demo campus, in a child process).
 */
import { randomUUID } from 'node:crypto';
import { type LocalProcess, startLocalProcess } from '../helpers/local-cloud-process';
import { settleUntil } from '../helpers/real-page';
import { flush, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
const future = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('supervision pages on the local cloud', () => {
  let cloud: LocalProcess;
  let itemId: string;
  const as = (openid: string) => setup({ mode: 'cloud', backend: (name, action, payload) => cloud.call(name, action, payload, openid) });
  const tap = async (p: El, selector: string) => {
    p.querySelector(selector).dispatchEvent('tap');
    await flush();
  };

  beforeAll(async () => {
    cloud = await startLocalProcess();
    const issued = await cloud.call(
      'supervision',
      'issueItem',
      {
        title: '学生公寓热水供应整改',
        detail: '排查热水器故障，建立报修台账',
        basis: { kind: 'instruction', ref: '分管校领导批示' },
        leadUnitId: 'unit-property-co',
        deadline: future(30),
        cadence: 'weekly',
      },
      'demo-leader',
    );
    expect(issued.code).toBe(0);
    itemId = (issued.data as { itemId: string }).itemId;
    // Four findings of the same problem in one dormitory: three repeats (屡查屡犯), then the nightly sweep.
    const zones = (await cloud.call('admin', 'zones', {}, 'demo-admin')) as {
      data: { items: Array<{ _id: string; unitId: string; kind: string }> };
    };
    const dorm = zones.data.items.find((z) => z.unitId === 'unit-property-co' && z.kind === 'dormitory');
    for (let i = 0; i < 4; i++) {
      const f = await cloud.call(
        'tickets',
        'createFinding',
        { zoneId: dorm?._id, categoryCode: 'hygiene', severity: 'minor', description: `走廊垃圾未清理${randomUUID().slice(0, 4)}` },
        'demo-inspector-office-1',
      );
      expect(f.code).toBe(0);
    }
    expect((await cloud.call('supervision', 'sweep', {}, 'demo-admin')).code).toBe(0);
  }, 120_000);
  afterAll(() => cloud?.stop());

  it('lists open items with their RAG mark for the office', async () => {
    const sim = as('demo-leader');
    const p = sim.render('packages/supervision/items/index');
    p.instance.onLoad();
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(p.instance.data.items).toEqual([
      expect.objectContaining({
        title: '学生公寓热水供应整改',
        lead: '华安物业管理有限公司',
        state: '待签收',
        rag: '正常',
        deadline: future(30),
      }),
    ]);
    expect(text(p, '.items__no')).toMatch(/^DB-\d{4}-0001$/);
  });

  it('lets the lead unit sign and report progress on the page, a report needing its note', async () => {
    const sim = as('demo-manager-property-co');
    const p = sim.render('packages/supervision/item/index');
    p.instance.onLoad({ id: itemId });
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(p.instance.data.buttons.map((b: { event: string }) => b.event)).toEqual(['sign']);
    await tap(p, '.item__button--sign');
    await settleUntil(() => p.instance.data.state === '已签收');
    expect(text(p, '.item__state')).toBe('已签收 · 已签收 1/1 个单位');
    // Act: a report without a note is stopped on the page; with one it reaches the function.
    await tap(p, '.item__button--report');
    await tap(p, '.item__submit-note');
    expect(text(p, '.item__note-error')).toBe('请填写办理进展');
    p.instance.onNote({ detail: { value: '已排查12台热水器，更换3台' } });
    await tap(p, '.item__submit-note');
    await settleUntil(() => p.instance.data.state === '办理中');
    expect(p.instance.data.history.map((h: { text: string }) => h.text.slice(11))).toEqual([
      '立项：分管校领导批示',
      '签收',
      '报告进展：已排查12台热水器，更换3台',
    ]);
  });

  it('shows a leader the proposed cases and confirms one with a reason, once', async () => {
    const sim = as('demo-leader');
    const p = sim.render('packages/supervision/cases/index');
    p.instance.onLoad();
    await settleUntil(() => p.instance.data.status !== 'loading');
    await settleUntil(() => p.instance.data.counters.length > 0);
    expect(p.instance.data.counters[0]).toEqual(expect.objectContaining({ name: '华安物业管理有限公司', notRectified: 0, repeatFound: 3 }));
    expect(text(p, '.cases__counter-note')).toBe('近30天，任一项达到3次自动提出问责');
    const titles = p.instance.data.items.map((c: { title: string }) => c.title).sort();
    expect(titles).toEqual(expect.arrayContaining(['屡查屡犯 · 单位：华安物业管理有限公司']));
    const i = p.instance.data.items.findIndex((c: { title: string }) => c.title.includes('单位：'));
    // Act
    p.querySelectorAll('.cases__head')[i].dispatchEvent('tap');
    await flush();
    await tap(p, '.cases__confirm');
    expect(text(p, '.cases__text-error')).toBe('请填写理由');
    p.instance.onText({ detail: { value: '一周内同一宿舍楼多次被查出' } });
    await tap(p, '.cases__confirm');
    await settleUntil(() => p.instance.data.items[i]?.state === 'confirmed');
    // Assess
    expect(p.instance.data.items[i]).toMatchObject({ stateText: '已确认待处理', outcome: '一周内同一宿舍楼多次被查出' });
    await p.instance.send('decideCase', { caseId: p.instance.data.items[i].id, decision: 'confirm', reason: '再次确认' }, '');
    expect(sim.wx.showToast).toHaveBeenLastCalledWith({ title: '该问责事项已处理，不能重复操作，请刷新', icon: 'none' });
  });

  it('shows the empty agenda and checks a decision form before sending it', async () => {
    const sim = as('demo-leader');
    const p = sim.render('packages/supervision/agenda/index');
    p.instance.onLoad();
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(text(p, '.agenda__empty')).toBe('暂无议题');
    expect(p.instance.data.unitNames).toContain('物业服务中心');
    // A decision that is to become a supervision item names its lead unit and deadline first.
    p.instance.setData({
      items: [{ id: 'a1', ticketNo: 'XC-1', reason: '需协调', since: '', decision: '' }],
      open: 0,
      decision: '由物业中心牵头',
      supervise: true,
      title: '维修',
    });
    await p.instance.onSubmit();
    expect(p.instance.data.formError).toBe('请选择主办单位');
    expect(sim.calls.filter((c) => c.action === 'decideAgenda')).toHaveLength(0);
  });

  it('lets a leader issue a numbered item from a briefing on the page, with lead and assisting units', async () => {
    // Prepare
    const sim = as('demo-leader');
    const p = sim.render('packages/supervision/issue/index');
    p.instance.onLoad();
    await settleUntil(() => p.instance.data.status !== 'loading');
    const lead = p.instance.data.unitNames.indexOf('华安物业管理有限公司');
    const assist = p.instance.data.unitNames.indexOf('物业服务中心');
    expect([lead, assist].every((i: number) => i >= 0)).toBe(true);
    // Act: a form without its basis is stopped on the page.
    p.instance.onInput({ currentTarget: { dataset: { key: 'title' } }, detail: { value: '公寓楼道照明维修' } });
    p.instance.onInput({ currentTarget: { dataset: { key: 'detail' } }, detail: { value: '两周内修复全部楼道灯，建立巡检台账' } });
    await tap(p, '.issue__submit');
    expect(text(p, '.issue__form-error')).toBe('请填写立项依据');
    p.instance.onInput({ currentTarget: { dataset: { key: 'ref' } }, detail: { value: '2026年第12期巡查简报' } });
    p.instance.onLead({ detail: { value: String(lead) } });
    await flush();
    p.querySelectorAll('.issue__unit')[assist > lead ? assist - 1 : assist].dispatchEvent('tap');
    await flush();
    p.instance.onDeadline({ detail: { value: future(14) } });
    await tap(p, '.issue__submit');
    await settleUntil(() => (sim.wx.redirectTo as jest.Mock).mock.calls.length > 0);
    // Assess: numbered by the server, with the basis and both units; the item page is opened.
    const sent = sim.calls.filter((c) => c.action === 'issueItem');
    expect(sent.map((c) => c.payload)).toEqual([
      {
        title: '公寓楼道照明维修',
        detail: '两周内修复全部楼道灯，建立巡检台账',
        basis: { kind: 'briefing', ref: '2026年第12期巡查简报' },
        leadUnitId: 'unit-property-co',
        assistUnitIds: ['unit-property'],
        deadline: future(14),
        cadence: 'weekly',
      },
    ]);
    expect(sim.wx.showToast).toHaveBeenLastCalledWith({ title: expect.stringMatching(/^已立项 DB-\d{4}-0002$/), icon: 'success' });
    expect((sim.wx.redirectTo as jest.Mock).mock.calls[0][0].url).toMatch(/^\/packages\/supervision\/item\/index\?id=\w+$/);
  });

  it('lets an admin change the accountability threshold and window on the cases page (not a leader)', async () => {
    // Prepare
    const leader = as('demo-leader');
    const l = leader.render('packages/supervision/cases/index');
    l.instance.onLoad();
    await settleUntil(() => l.instance.data.status !== 'loading' && leader.calls.some((c) => c.action === 'settings'));
    await flush(5);
    expect(l.querySelector('.cases__settings-open')).toBeFalsy();
    const sim = as('demo-admin');
    const p = sim.render('packages/supervision/cases/index');
    p.instance.onLoad();
    await settleUntil(() => p.instance.data.settings !== null);
    await tap(p, '.cases__settings-open');
    // Act: a threshold of 1 is stopped on the page; 4 in 60 days is saved.
    p.instance.onSetting({ currentTarget: { dataset: { key: 'threshold' } }, detail: { value: '1' } });
    await tap(p, '.cases__settings-save');
    expect(text(p, '.cases__settings-error')).toBe('问责阈值为 2–50 次');
    expect(sim.calls.filter((c) => c.action === 'saveSettings')).toHaveLength(0);
    p.instance.onSetting({ currentTarget: { dataset: { key: 'threshold' } }, detail: { value: '4' } });
    p.instance.onSetting({ currentTarget: { dataset: { key: 'windowDays' } }, detail: { value: '60' } });
    await tap(p, '.cases__settings-save');
    await settleUntil(() => p.instance.data.counterNote === '近60天，任一项达到4次自动提出问责');
    // Assess
    expect(sim.calls.filter((c) => c.action === 'saveSettings').map((c) => c.payload)).toEqual([
      { threshold: 4, windowDays: 60, agendaAfterDays: 7, amberAt: 0.7 },
    ]);
    expect(text(p, '.cases__counter-note')).toBe('近60天，任一项达到4次自动提出问责');
    const forLeader = await cloud.call(
      'supervision',
      'saveSettings',
      { threshold: 2, windowDays: 7, agendaAfterDays: 7, amberAt: 0.7 },
      'demo-leader',
    );
    expect(forLeader.code).toBe('AUTH.FORBIDDEN');
  });
});
