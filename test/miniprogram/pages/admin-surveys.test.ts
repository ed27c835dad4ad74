import { flush, ok, type Sim, setup, text } from '../helpers/sim';

type Comp = ReturnType<Sim['render']>;

const row = (i: number, over: Record<string, unknown> = {}) => ({
  _id: `s-${i}`,
  title: `调查${i}`,
  intro: '',
  unitId: 'unit-canteen',
  unitName: '饮食服务中心',
  zoneId: null,
  zoneName: null,
  campusId: null,
  from: '2032-03-10',
  to: '2032-03-16',
  status: 'draft',
  sceneId: null,
  createdAt: '2032-03-10T04:00:00.000Z',
  updatedAt: '2032-03-10T04:00:00.000Z',
  openedAt: null,
  closedAt: null,
  questionCount: 3,
  responses: 0,
  ...over,
});

const UNITS = [
  { _id: 'unit-canteen', name: '饮食服务中心', kind: 'centre' },
  { _id: 'unit-clean', name: '保洁公司', kind: 'contractor' },
];

/** Types into an input (or textarea) of a rendered page, as the user would. */
const type = (el: { dispatchEvent: (name: string, init: unknown) => void }, value: string) =>
  el.dispatchEvent('input', { detail: { value } });

describe('admin surveys list', () => {
  function backend(overrides: Record<string, unknown> = {}) {
    return (name: string, action: string) => {
      const key = `${name}.${action}`;
      if (key in overrides) return overrides[key];
      if (key === 'surveys.list')
        return ok({
          items: [row(1, { status: 'open', responses: 128, zoneName: '第一食堂' }), row(2, { status: 'closed', responses: 40 }), row(3)],
          nextCursor: null,
        });
      if (key === 'surveys.units') return ok({ items: UNITS });
      if (key === 'surveys.create') return ok(row(9));
      if (key === 'surveys.update') return ok(row(5));
      if (key === 'org.searchZones') return ok({ items: [{ _id: 'zone-ct1', name: '第一食堂', sceneId: 'ct1', pathNames: ['主校区'] }] });
      return { code: 'REQUEST.UNKNOWN_ACTION', message: key };
    };
  }

  async function open(sim: Sim, options: Record<string, string> = {}): Promise<Comp> {
    const page = sim.render('packages/admin/surveys/index');
    page.instance.onLoad(options);
    await flush();
    return page;
  }

  it('lists surveys with their state, place, period, question count and response count', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    // Act
    const page = await open(sim);
    // Assess
    expect(sim.calls[0]).toEqual({ name: 'surveys', action: 'list', payload: {} });
    const all = (selector: string) => page.querySelectorAll(selector).map((n: Comp) => n.dom.textContent.trim());
    expect(page.querySelectorAll('.surveys__item').length).toBe(3);
    expect(all('.surveys__item-title')).toEqual(['调查1', '调查2', '调查3']);
    expect(all('.surveys__status')).toEqual(['征集中', '已结束', '草稿']);
    expect(all('.surveys__item-place')[0]).toBe('饮食服务中心 · 第一食堂');
    expect(all('.surveys__item-foot .hint')[0]).toBe('2032年3月10日 – 3月16日 · 3 题');
    expect(all('.surveys__count')).toEqual(['128份回复', '40份回复', '0份回复']);
    expect(text(page.querySelector('.list__state'), '.list-state__end')).toBe('— 没有更多了 —');
  });

  it('pages on reaching the bottom, appending by path', async () => {
    // Prepare
    let listCalls = 0;
    const sim = setup({
      backend: (name, action, payload) => {
        if (action !== 'list') return backend()(name, action);
        listCalls++;
        return payload.cursor
          ? ok({ items: [row(21)], nextCursor: null })
          : ok({ items: Array.from({ length: 20 }, (_v, i) => row(i + 1)), nextCursor: 'c1' });
      },
    });
    const page = await open(sim);
    // Act
    page.instance.onReachBottom();
    await flush();
    // Assess
    expect(listCalls).toBe(2);
    expect(sim.calls[1].payload).toEqual({ cursor: 'c1' });
    expect(page.querySelectorAll('.surveys__item').length).toBe(21);
    expect(Math.max(...sim.setDataSizes.slice(-2))).toBeLessThan(2000);
  });

  it('filters by state', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelectorAll('.surveys__tab')[2].dispatchEvent('tap');
    await flush();
    expect(sim.calls[sim.calls.length - 1]).toEqual({ name: 'surveys', action: 'list', payload: { status: 'open' } });
  });

  it('shows an empty list and a failed one with a retry', async () => {
    let reply: unknown = ok({ items: [], nextCursor: null });
    const sim = setup({ backend: (name, action) => (action === 'list' ? reply : backend()(name, action)) });
    const page = await open(sim);
    expect(text(page.querySelector('.list__state'), '.list-state__empty')).toContain('还没有意见征集');

    reply = { code: 'AUTH.FORBIDDEN', message: 'x' };
    page.instance.onPullDownRefresh();
    await flush();
    expect(text(page.querySelector('.list__state'), '.list-state__error')).toContain('没有权限进行此操作');
    reply = ok({ items: [row(1)], nextCursor: null });
    page.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();
    expect(page.querySelectorAll('.surveys__item').length).toBe(1);
  });

  it('opens a survey’s page on tap', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelectorAll('.surveys__item')[1].dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/survey/index?id=s-2' });
  });

  it('creates a draft from the form with the exact payload, then opens its page', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelector('.surveys__create').dispatchEvent('tap');
    await flush();
    type(page.querySelector('.surveys__title-input'), ' 第一食堂满意度 ');
    type(page.querySelector('.surveys__intro-input'), '一分钟就好');
    page.instance.onUnit({ detail: { value: 1 } });
    type(page.querySelector('.surveys__zone-input'), '第一');
    page.querySelector('.surveys__zone-go').dispatchEvent('tap');
    await flush();
    page.querySelector('.surveys__zone-result').dispatchEvent('tap');
    page.instance.onDate({ currentTarget: { dataset: { field: 'from' } }, detail: { value: '2032-03-11' } });
    page.instance.onDate({ currentTarget: { dataset: { field: 'to' } }, detail: { value: '2032-03-31' } });
    page.querySelector('.surveys__add-choice').dispatchEvent('tap');
    page.querySelector('.surveys__add-rating').dispatchEvent('tap');
    page.querySelector('.surveys__add-text').dispatchEvent('tap');
    await flush();
    const titles = page.querySelectorAll('.surveys__q-title');
    type(titles[1], '您多久来一次？');
    type(page.querySelector('.surveys__q-options'), '每天， 每周,很少、');
    type(titles[2], '饭菜口味');
    type(titles[3], '其他建议');
    page.querySelectorAll('.surveys__sat')[1].dispatchEvent('tap'); // the taste question becomes the satisfaction question
    await flush();
    // Act
    page.querySelector('.surveys__save').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.find((c) => c.action === 'searchZones')).toEqual({ name: 'org', action: 'searchZones', payload: { q: '第一' } });
    expect(sim.calls.find((c) => c.action === 'create')?.payload).toEqual({
      title: '第一食堂满意度',
      intro: '一分钟就好',
      unitId: 'unit-clean',
      zoneId: 'zone-ct1',
      from: '2032-03-11',
      to: '2032-03-31',
      questions: [
        { kind: 'rating', title: '总体满意度' },
        { kind: 'choice', title: '您多久来一次？', options: ['每天', '每周', '很少'] },
        { kind: 'rating', title: '饭菜口味', satisfaction: true },
        { kind: 'text', title: '其他建议' },
      ],
    });
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/survey/index?id=s-9' });
    expect(page.querySelector('.surveys__sheet')).toBeFalsy();
  });

  it.each([
    ['no title', (_p: Comp) => undefined, '请填写标题'],
    ['no unit', (p: Comp) => type(p.querySelector('.surveys__title-input'), '调查'), '请选择被评价的单位'],
    [
      'a choice with one option',
      (p: Comp) => {
        type(p.querySelector('.surveys__title-input'), '调查');
        p.instance.onUnit({ detail: { value: 0 } });
        p.querySelector('.surveys__add-choice').dispatchEvent('tap');
      },
      '第 2 题还没有题目',
    ],
    [
      'no rating question left',
      (p: Comp) => {
        type(p.querySelector('.surveys__title-input'), '调查');
        p.instance.onUnit({ detail: { value: 0 } });
        p.querySelector('.surveys__q-remove').dispatchEvent('tap');
      },
      '请至少添加一道题',
    ],
  ])('says what is missing (%s) and sends nothing', async (_label, fill, hint) => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelector('.surveys__create').dispatchEvent('tap');
    await flush();
    fill(page);
    await flush();
    page.querySelector('.surveys__save').dispatchEvent('tap');
    await flush();
    expect(text(page, '.surveys__form-error')).toBe(hint);
    expect(sim.calls.filter((c) => c.action === 'create')).toEqual([]);
  });

  it('refuses a choice question with a single option', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelector('.surveys__create').dispatchEvent('tap');
    await flush();
    type(page.querySelector('.surveys__title-input'), '调查');
    page.instance.onUnit({ detail: { value: 0 } });
    page.querySelector('.surveys__add-choice').dispatchEvent('tap');
    await flush();
    type(page.querySelectorAll('.surveys__q-title')[1], '身份');
    type(page.querySelector('.surveys__q-options'), '学生');
    page.querySelector('.surveys__save').dispatchEvent('tap');
    await flush();
    expect(text(page, '.surveys__form-error')).toBe('第 2 题需要 2–8 个选项，用逗号分隔');
  });

  it('shows the server’s refusal in the form', async () => {
    const sim = setup({ backend: backend({ 'surveys.create': { code: 'SURVEY.ZONE_OUTSIDE_UNIT', message: 'x' } }) });
    const page = await open(sim);
    page.querySelector('.surveys__create').dispatchEvent('tap');
    await flush();
    type(page.querySelector('.surveys__title-input'), '调查');
    page.instance.onUnit({ detail: { value: 0 } });
    page.querySelector('.surveys__save').dispatchEvent('tap');
    await flush();
    expect(text(page, '.surveys__form-error')).toBe('所选区域不属于该单位');
    expect(page.querySelector('.surveys__sheet')).toBeTruthy();
  });

  it('edits a draft opened with ?edit=, sending its id with the fields, then goes back', async () => {
    // Prepare
    const draft = {
      ...row(5),
      title: '旧标题',
      questions: [
        { id: 'q1', kind: 'rating', title: '总体满意度', satisfaction: true },
        { id: 'q2', kind: 'choice', title: '身份', options: ['学生', '教职工'] },
      ],
    };
    const sim = setup({
      backend: backend({ 'surveys.results': ok({ survey: draft, responses: 0, questions: [], texts: { items: [], nextCursor: null } }) }),
    });
    sim.wx.navigateBack = jest.fn();
    const page = await open(sim, { edit: 's-5' });
    // Act
    type(page.querySelector('.surveys__title-input'), '新标题');
    page.querySelector('.surveys__save').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.find((c) => c.action === 'results')?.payload).toEqual({ surveyId: 's-5' });
    expect(sim.calls.find((c) => c.action === 'update')?.payload).toEqual({
      surveyId: 's-5',
      title: '新标题',
      intro: '',
      unitId: 'unit-canteen',
      zoneId: null,
      from: '2032-03-10',
      to: '2032-03-16',
      questions: [
        { kind: 'rating', title: '总体满意度', satisfaction: true },
        { kind: 'choice', title: '身份', options: ['学生', '教职工'] },
      ],
    });
    expect(sim.wx.navigateBack).toHaveBeenCalled();
  });
});

describe('admin survey results', () => {
  const SURVEY = {
    _id: 's-1',
    title: '第一食堂满意度调查',
    intro: '',
    unitId: 'unit-canteen',
    unitName: '饮食服务中心',
    zoneId: 'zone-ct1',
    zoneName: '第一食堂',
    from: '2032-03-10',
    to: '2032-03-16',
    status: 'open',
    questions: [],
  };
  const RESULTS = {
    survey: SURVEY,
    responses: 4,
    questions: [
      {
        id: 'q1',
        kind: 'rating',
        title: '总体满意度',
        satisfaction: true,
        n: 4,
        mean: 3.75,
        distribution: [
          { value: 5, count: 1, share: 0.25 },
          { value: 4, count: 2, share: 0.5 },
          { value: 3, count: 0, share: 0 },
          { value: 2, count: 1, share: 0.25 },
          { value: 1, count: 0, share: 0 },
        ],
      },
      {
        id: 'q2',
        kind: 'choice',
        title: '您多久来一次？',
        n: 4,
        options: [
          { label: '每天', count: 3, share: 0.75 },
          { label: '很少', count: 1, share: 0.25 },
        ],
      },
      { id: 'q3', kind: 'text', title: '其他建议', n: 2 },
    ],
    texts: {
      items: [
        { _id: 'r2', at: '2032-03-10T05:30:00.000Z', texts: [{ questionId: 'q3', title: '其他建议', text: '垃圾桶满了', flagged: false }] },
        {
          _id: 'r1',
          at: '2032-03-10T04:05:00.000Z',
          texts: [{ questionId: 'q3', title: '其他建议', text: '欢迎来看广告', flagged: true }],
        },
      ],
      nextCursor: 'tc1',
    },
  };

  function backend(overrides: Record<string, unknown> = {}) {
    return (name: string, action: string) => {
      const key = `${name}.${action}`;
      if (key in overrides) return overrides[key];
      if (key === 'surveys.results') return ok(RESULTS);
      if (key === 'surveys.qrCode') return ok({ fileID: 'cloud://env/surveys/s-1.png', url: 'https://tmp.example/s-1.png' });
      if (key === 'surveys.texts')
        return ok({
          items: [
            { _id: 'r0', at: '2032-03-10T04:00:00.000Z', texts: [{ questionId: 'q3', title: '其他建议', text: '很好', flagged: false }] },
          ],
          nextCursor: null,
        });
      if (key === 'surveys.open' || key === 'surveys.close') return ok(SURVEY);
      return { code: 'REQUEST.UNKNOWN_ACTION', message: key };
    };
  }

  async function open(sim: Sim): Promise<Comp> {
    const page = sim.render('packages/admin/survey/index');
    page.instance.onLoad({ id: 's-1' });
    await flush();
    return page;
  }

  const confirmModal = (sim: Sim, confirm: boolean) =>
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success?: (r: { confirm: boolean }) => void }) => o.success?.({ confirm }));

  it('shows each question’s figures: mean and star bars, choice counts, text answers newest first', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    // Act
    const page = await open(sim);
    // Assess
    expect(sim.calls[0]).toEqual({ name: 'surveys', action: 'results', payload: { surveyId: 's-1' } });
    expect(text(page, '.survey-admin__title')).toBe('第一食堂满意度调查');
    expect(text(page, '.survey-admin__status')).toBe('征集中');
    expect(text(page, '.survey-admin__total')).toBe('4份回复');
    const all = (selector: string) => page.querySelectorAll(selector).map((n: Comp) => n.dom.textContent.trim());
    expect(all('.survey-admin__q').length).toBe(3);
    expect(all('.survey-admin__mean-n')).toEqual(['3.75']);
    expect(all('.survey-admin__sat')).toEqual(['满意度']);
    expect(all('.survey-admin__bar-label')).toEqual(['5 星', '4 星', '3 星', '2 星', '1 星', '每天', '很少']);
    expect(all('.survey-admin__bar-count')).toEqual(['1', '2', '0', '1', '0', '3', '1']);
    expect(page.querySelectorAll('.survey-admin__bar-fill').map((b: Comp) => b.dom.getAttribute('style'))).toEqual([
      'width: 25%',
      'width: 50%',
      'width: 0%',
      'width: 25%',
      'width: 0%',
      'width: 75%',
      'width: 25%',
    ]);
    expect(all('.survey-admin__n')).toEqual(['4 人作答', '2 人填写了文字']);
    expect(all('.survey-admin__line-text')).toEqual(['垃圾桶满了', '欢迎来看广告']);
    expect(all('.survey-admin__time')).toEqual(['3月10日 13:30', '3月10日 12:05']);
    expect(all('.survey-admin__flag')).toEqual(['待审核']);
  });

  it('shows the QR code of an open survey', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    expect(sim.calls.find((c) => c.action === 'qrCode')?.payload).toEqual({ surveyId: 's-1' });
    expect(page.instance.data.qr).toMatchObject({ status: 'ready', url: 'https://tmp.example/s-1.png' });
    expect(page.querySelector('.survey-admin__qr-img')).toBeTruthy();
  });

  it('shares an open survey as a card that opens its page, for class groups', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);

    expect(page.querySelector('.survey-admin__share')).toBeTruthy();
    expect(page.instance.onShareAppMessage()).toEqual({ title: '请参与：第一食堂满意度调查', path: '/pages/survey/index?id=s-1' });
  });

  it('shows a QR failure with a retry', async () => {
    let fail = true;
    const sim = setup({
      backend: (name, action) => (action === 'qrCode' && fail ? { code: 'SYSTEM.INTERNAL', message: 'x' } : backend()(name, action)),
    });
    const page = await open(sim);
    expect(text(page, '.survey-admin__qr-error')).toContain('服务开小差了');
    fail = false;
    page.querySelector('.survey-admin__qr-retry').dispatchEvent('tap');
    await flush();
    expect(page.querySelector('.survey-admin__qr-img')).toBeTruthy();
  });

  it('loads more text answers at the bottom', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.instance.onReachBottom();
    await flush();
    expect(sim.calls.find((c) => c.action === 'texts')?.payload).toEqual({ surveyId: 's-1', cursor: 'tc1' });
    expect(page.querySelectorAll('.survey-admin__text').length).toBe(3);
    expect(text(page.querySelector('.survey-admin__texts-state'), '.list-state__end')).toBe('— 没有更多了 —');
  });

  it('opens a draft after confirming, without asking for a QR code before', async () => {
    // Prepare
    let status = 'draft';
    const sim = setup({
      backend: (name, action) => {
        if (action === 'results') return ok({ ...RESULTS, survey: { ...SURVEY, status } });
        if (action === 'open') status = 'open';
        return backend()(name, action);
      },
    });
    confirmModal(sim, true);
    const page = await open(sim);
    const qrBefore = sim.calls.filter((c) => c.action === 'qrCode').length;
    // Act
    page.querySelector('.survey-admin__open').dispatchEvent('tap');
    await flush(8);
    // Assess
    expect(qrBefore).toBe(0);
    expect(sim.calls.find((c) => c.action === 'open')?.payload).toEqual({ surveyId: 's-1' });
    expect(text(page, '.survey-admin__status')).toBe('征集中');
    expect(sim.calls.filter((c) => c.action === 'qrCode')).toHaveLength(1);
  });

  it('edits a draft on its form page', async () => {
    const sim = setup({ backend: backend({ 'surveys.results': ok({ ...RESULTS, survey: { ...SURVEY, status: 'draft' } }) }) });
    const page = await open(sim);
    page.querySelector('.survey-admin__edit').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/surveys/index?edit=s-1' });
  });

  it('closes an open survey only when confirmed', async () => {
    const sim = setup({ backend: backend() });
    confirmModal(sim, false);
    const page = await open(sim);
    page.querySelector('.survey-admin__close').dispatchEvent('tap');
    await flush();
    expect(sim.calls.filter((c) => c.action === 'close')).toEqual([]);

    confirmModal(sim, true);
    page.querySelector('.survey-admin__close').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'close')?.payload).toEqual({ surveyId: 's-1' });
  });

  it('shows a refused action as a toast', async () => {
    const sim = setup({ backend: backend({ 'surveys.close': { code: 'SURVEY.INVALID_TRANSITION', message: 'x' } }) });
    confirmModal(sim, true);
    const page = await open(sim);
    page.querySelector('.survey-admin__close').dispatchEvent('tap');
    await flush();
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '当前状态不能进行此操作，请刷新', icon: 'none' });
  });

  it('shows a load failure with a retry', async () => {
    let fail = true;
    const sim = setup({ backend: (name, action) => (fail ? { code: 'SURVEY.NOT_FOUND', message: 'x' } : backend()(name, action)) });
    const page = await open(sim);
    expect(text(page.querySelector('.list__state'), '.list-state__error')).toContain('没有找到这个意见征集');
    fail = false;
    page.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();
    expect(text(page, '.survey-admin__title')).toBe('第一食堂满意度调查');
  });
});
