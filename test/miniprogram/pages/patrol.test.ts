import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const ZONES = ok({ items: [{ _id: 'zone-c1-canteen-1', name: '第一食堂', sceneId: 'c1-ct1' }] });
// org.categories before it is deployed: the page keeps the built-in categories and checklists.
const NO_CATEGORIES = { code: 'FUNCTIONS_FUNCTION_NOT_FOUND', message: 'function org not found' };
// org.categories once an admin has added `noise` and cleared the attitude checklist.
const CONFIGURED = ok({
  items: [
    { code: 'hygiene', name: '环境卫生', icon: '🧹', defaultSeverity: 'minor', checklist: ['地面干净'] },
    { code: 'attitude', name: '服务态度', icon: '🙂', defaultSeverity: 'minor', checklist: [] },
    { code: 'noise', name: '噪音扰民', icon: '🔊', defaultSeverity: 'major', checklist: ['夜间施工已报备', '设备噪音在限值内'] },
  ],
});

// The zone's contract clauses: none here (a zone no contract covers); contracts-findings.test.ts walks them.
const NO_CLAUSES = ok({ items: [] });

async function open(backend: Backend) {
  const sim = setup({ backend: (name, action, payload) => (name === 'contracts' ? NO_CLAUSES : backend(name, action, payload)) });
  const p = sim.render('packages/inspector/patrol/index');
  p.instance.onLoad({});
  await flush();
  return { sim, p };
}

describe('inspector patrol', () => {
  it('finds a zone, walks a checklist and logs a finding with photos', async () => {
    // Prepare
    const { sim, p } = await open((name, action) =>
      action === 'categories'
        ? NO_CATEGORIES
        : name === 'org'
          ? ZONES
          : action === 'createFinding'
            ? ok({ ticketId: 't-9', no: 'XC-20250304-0009' })
            : ok({}),
    );
    p.instance.onQuery({ detail: { value: '第一食堂' } });
    p.querySelector('.patrol__go').dispatchEvent('tap');
    await flush();
    p.querySelector('.patrol__result').dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.patrol__cat')[2].dispatchEvent('tap'); // 食品安全
    await flush();
    p.querySelectorAll('.patrol__problem')[1].dispatchEvent('tap'); // 生熟分开存放
    await flush();
    p.querySelector('.patrol__photos').querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    // Act
    p.querySelector('.patrol__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.slice(0, 2)).toEqual([
      { name: 'org', action: 'categories', payload: {} },
      { name: 'org', action: 'searchZones', payload: { q: '第一食堂' } },
    ]);
    expect(sim.calls.find((c) => c.action === 'createFinding')?.payload).toEqual({
      zoneId: 'zone-c1-canteen-1',
      categoryCode: 'food_safety',
      severity: 'critical',
      description: '不符合：生熟分开存放',
      photos: [expect.stringMatching(/^cloud:\/\/test-env\.bucket\/uploads\/finding\/o-sim-user\//), expect.any(String)],
      checklistItem: '生熟分开存放',
      kind: 'problem',
    });
    expect(text(p, '.patrol__logged')).toBe('已记问题');
    expect(text(p, '.patrol__zone-side')).toContain('本次已记录 1 条');
  });

  it('logs a positive example', async () => {
    const { sim, p } = await open((name, action) =>
      action === 'categories'
        ? NO_CATEGORIES
        : name === 'org'
          ? ZONES
          : action === 'createFinding'
            ? ok({ ticketId: 't', no: 'n' })
            : ok({}),
    );
    p.instance.setZone({ _id: 'zone-c1-canteen-1', name: '第一食堂', sceneId: '' });
    p.querySelectorAll('.patrol__cat')[0].dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.patrol__positive')[0].dispatchEvent('tap');
    await flush();
    p.querySelector('.patrol__submit').dispatchEvent('tap');
    await flush();
    const sent = sim.calls.find((c) => c.action === 'createFinding')?.payload;
    expect(sent).toMatchObject({ kind: 'positive', categoryCode: 'hygiene', description: '做得好：地面、桌面干净无油污', photos: [] });
  });

  it('offers every configured category and logs under a new one with its default severity', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'categories' ? CONFIGURED : action === 'createFinding' ? ok({ ticketId: 't', no: 'XC-1' }) : ok({}),
    );
    p.instance.setZone({ _id: 'zone-1', name: '第一食堂', sceneId: '' });
    await flush();
    const names = p.querySelectorAll('.patrol__cat').map((c: { dom: { textContent: string } }) => c.dom.textContent.trim());
    // Act
    p.querySelectorAll('.patrol__cat')[2].dispatchEvent('tap'); // 噪音扰民
    await flush();
    const items = p.querySelectorAll('.patrol__item-text').map((c: { dom: { textContent: string } }) => c.dom.textContent.trim());
    p.querySelectorAll('.patrol__problem')[1].dispatchEvent('tap');
    await flush();
    const severity = text(p, '.patrol__sev--on');
    p.querySelector('.patrol__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls[0]).toEqual({ name: 'org', action: 'categories', payload: {} });
    expect(names).toEqual(['环境卫生', '服务态度', '噪音扰民']);
    expect(items).toEqual(['夜间施工已报备', '设备噪音在限值内']);
    expect(severity).toBe('较重');
    expect(sim.calls.find((c) => c.action === 'createFinding')?.payload).toMatchObject({
      categoryCode: 'noise',
      severity: 'major',
      checklistItem: '设备噪音在限值内',
      description: '不符合：设备噪音在限值内',
    });
  });

  it('logs a category without a checklist as one free item the inspector describes, with a working severity picker', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) => (action === 'createFinding' ? ok({ ticketId: 't', no: 'XC-2' }) : ok({})));
    p.instance.setZone({ _id: 'zone-1', name: '第一食堂', sceneId: '' });
    await flush();
    const names = p.querySelectorAll('.patrol__cat').map((c: { dom: { textContent: string } }) => c.dom.textContent.trim());
    // Act
    p.querySelectorAll('.patrol__cat')[names.indexOf('劳动纪律')].dispatchEvent('tap');
    await flush();
    p.querySelector('.patrol__problem').dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.patrol__sev')[2].dispatchEvent('tap');
    await flush();
    p.querySelector('.patrol__mask').dispatchEvent('tap'); // a stray tap outside keeps the form
    p.instance.onDescription({ detail: { value: '两名员工上班时间玩手机' } });
    p.querySelector('.patrol__submit').dispatchEvent('tap');
    await flush();
    // Assess
    const sent = sim.calls.find((c) => c.action === 'createFinding')?.payload;
    expect(sent).toEqual({
      zoneId: 'zone-1',
      categoryCode: 'discipline',
      severity: 'critical',
      description: '两名员工上班时间玩手机',
      photos: [],
      kind: 'problem',
    });
    expect(sim.wx.requestSubscribeMessage).toHaveBeenCalled();
  });

  it('walks the built-in checklists when the categories cannot be loaded', async () => {
    const { p } = await open((_n, action) => (action === 'categories' ? { code: 'CLIENT.NETWORK', message: 'offline' } : ok({})));
    p.instance.setZone({ _id: 'zone-1', name: '第一食堂', sceneId: '' });
    await flush();
    const names = p.querySelectorAll('.patrol__cat').map((c: { dom: { textContent: string } }) => c.dom.textContent.trim());
    p.querySelectorAll('.patrol__cat')[0].dispatchEvent('tap');
    await flush();

    expect(names).toEqual([
      '环境卫生',
      '服务态度',
      '食品安全',
      '设施损坏',
      '安全隐患',
      '在岗在位',
      '劳动纪律',
      '服务规范',
      '工作作风',
      '合同履行',
      '其他',
    ]);
    expect(p.querySelectorAll('.patrol__item-text')).toHaveLength(4);
  });

  it('shows a search failure', async () => {
    const { p } = await open(() => ({ code: 'FUNCTIONS_FUNCTION_NOT_FOUND', message: 'function org not found' }));
    p.instance.onQuery({ detail: { value: '食堂' } });
    p.querySelector('.patrol__go').dispatchEvent('tap');
    await flush();
    expect(text(p, '.patrol__search-error')).toBe('该功能的云函数尚未部署');
  });

  it('keeps the form open with the reason when the finding is refused', async () => {
    const { p } = await open((_n, action) => (action === 'createFinding' ? { code: 'AUTH.FORBIDDEN', message: 'x' } : ok({})));
    p.instance.setZone({ _id: 'zone-1', name: '第一食堂', sceneId: '' });
    p.querySelectorAll('.patrol__cat')[0].dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.patrol__problem')[0].dispatchEvent('tap');
    await flush();
    p.querySelector('.patrol__submit').dispatchEvent('tap');
    await flush();
    expect(text(p, '.patrol__form-error')).toBe('没有权限进行此操作');
  });
});
