import { flush, setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((n: Comp) => (n.dom.textContent ?? '').trim());

describe('admin home', () => {
  it('lists every area of the back office', () => {
    const sim = setup();
    const p = sim.render('packages/admin/index/index');
    p.instance.onLoad();

    expect(texts(p, '.admin-home__title')).toEqual([
      '场所与二维码',
      '人员与邀请码',
      '类别与期限',
      '考核规则',
      '海报打印',
      '考核导出与重算',
      '意见征集',
      '巡查简报',
      '固定资产',
      '资产台账导入',
      '资产调拨',
      '期限规则版本',
      '操作记录',
    ]);
    expect(sim.calls).toEqual([]);
  });

  it.each([
    ['zones', '/packages/admin/zones/index'],
    ['people', '/packages/admin/people/index'],
    ['categories', '/packages/admin/categories/index'],
    ['exports', '/packages/admin/exports/index'],
    ['posters', '/packages/admin/posters/index'],
    ['scoring', '/packages/admin/scoring/index'],
    ['surveys', '/packages/admin/surveys/index'],
    ['briefings', '/packages/admin/briefings/index'],
    ['assets', '/packages/assets/unit/index'],
    ['asset-import', '/packages/assets/import/index'],
    ['asset-transfers', '/packages/assets/transfers/index'],
    ['deadlineRules', '/packages/admin/deadline-rules/index'],
    ['audit', '/packages/admin/audit/index'],
  ])('opens %s', async (key, url) => {
    const sim = setup();
    const p = sim.render('packages/admin/index/index');

    p.querySelector(`.admin-home__entry--${key}`).dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url });
  });
});
