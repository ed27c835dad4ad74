/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup } from '../helpers/sim';

/** The unit score page on the real scoring function: a frozen month with missed patrols and unverified assets. */
describe('unit score page on the local cloud', () => {
  let sim: Sim;
  let lb: LocalBackend;
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };
  const texts = (p: Loose, selector: string): string[] => p.querySelectorAll(selector).map((e: Loose) => (e.dom.textContent ?? '').trim());

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    lb = await startLocalBackend();
    impl = lb.backend;
    const month = require('../../cloudfunctions/scoring.extras.fixtures') as typeof import('../../cloudfunctions/scoring.extras.fixtures');
    await month.arrangeScoredMonth(lb.cloud);
    month.setClock(month.AT('04:00', '2032-04-01'));
    const frozen = (await lb.cloud.host.fireTimer('scoring', 'monthly')) as Loose;
    expect(frozen.data).toMatchObject({ month: '2032-03', frozen: true });
  }, 120_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });

  it('shows the leader each missed self-check, unverified asset and charged damage in zh-CN with what and where', async () => {
    // Prepare
    lb.as.openid = lb.fixtures.PEOPLE.leader.openid;
    const p = render('packages/leader/unit/index');

    // Act
    p.instance.onLoad({ unitId: 'contractor-clean', period: '2032-03' });
    await flush(20);

    // Assess
    expect(p.instance.data.status).toBe('ready');
    const titles = texts(p, '.unit__group-title').map((t) => t.replace(/\s+/g, ''));
    expect(titles).toEqual(expect.arrayContaining(['未按时自查扣分3次', '资产未核对在位扣分2件', '资产损坏责任扣分1件']));
    expect(texts(p, '.unit__rule')).toEqual(
      expect.arrayContaining([
        '责任区每日自查未完成每次扣 0.5 分（与漏查合计每月最多扣 10 分，已说明原因的不扣）',
        '月度核对中未找到或未核对的资产每件扣 0.5 分，每月最多扣 5 分',
        '资产损坏且责任人明确的每件扣 1 分（计入责任人），每月最多扣 5 分',
      ]),
    );
    const rows = (kind: string) => {
      const g = p.querySelector(`.unit__group--${kind}`).dom as HTMLElement;
      // "<what> | <where · who · why>": the number line and the facts line of each row
      return [...g.querySelectorAll('[class*="unit__ticket-main"]')].map((e) =>
        [...e.children].map((c) => (c.textContent ?? '').trim()).join(' | '),
      );
    };
    expect(rows('missedSelfCheck')[0]).toBe('3月10日 00:00 每日自查 | 区域b1f2 · 责任人 张保洁 · 未完成自查');
    const nv = rows('assetNotVerified');
    expect(nv).toHaveLength(2);
    for (const r of nv) expect(r).toMatch(/^ZC-T\d{4} 办公桌\d+ \| 存放地点 区域b1f2 · 核对时未找到（盘亏）$/);
    expect(rows('assetDamage')).toEqual([
      expect.stringMatching(/^ZC-T\d{4} 办公桌\d+ \| 存放地点 区域b1f2 · 责任人 李保洁 · 3月10日损坏$/),
    ]);
    // Nothing English or coded on screen.
    expect(p.dom.textContent).not.toMatch(/missed|asset|undefined|null/i);

    // A patrol or asset line opens no ticket.
    const ticketRows = p.querySelectorAll('.unit__ticket');
    ticketRows[ticketRows.length - 1].dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).not.toHaveBeenCalled();
  });

  it('shows the property centre the patrol its inspectors missed, with the place and time', async () => {
    lb.as.openid = lb.fixtures.PEOPLE.leader.openid;
    const p = render('packages/leader/unit/index');

    p.instance.onLoad({ unitId: 'centre-property', period: '2032-03' });
    await flush(20);

    const g = (p.querySelector('.unit__group--missedPatrol').dom as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
    expect(g).toContain('计划巡查漏查扣分1 次−1');
    expect(g).toContain('本单位负责的计划巡查漏查每次扣 1 分');
    expect(g).toContain('3月10日 11:30 楼宇午间巡查');
    expect(g).toContain('区域b1f2 · 漏查');
  });
});
