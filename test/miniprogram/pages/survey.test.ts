import { flush, ok, type Sim, setup, text } from '../helpers/sim';

const SURVEY = {
  _id: 'survey-1',
  title: '第一食堂满意度调查',
  intro: '占用您一分钟，帮助我们改进服务。',
  unitName: '饮食服务中心',
  zoneName: '第一食堂',
  from: '2032-03-10',
  to: '2032-03-16',
  questions: [
    { id: 'q1', kind: 'rating', title: '总体满意度', satisfaction: true },
    { id: 'q2', kind: 'choice', title: '您多久来一次？', options: ['每天', '每周', '很少'] },
    { id: 'q3', kind: 'text', title: '其他建议' },
  ],
  answered: false,
};

function backend(overrides: Record<string, unknown> = {}) {
  return (name: string, action: string) => {
    const key = `${name}.${action}`;
    if (key in overrides) return overrides[key];
    if (key === 'surveys.get') return ok(SURVEY);
    if (key === 'surveys.respond') return ok({ responseId: 'r-1', replay: false });
    return { code: 'REQUEST.UNKNOWN_ACTION', message: key };
  };
}

async function open(sim: Sim, options: Record<string, string> = { scene: encodeURIComponent('sv0123') }) {
  const page = sim.render('pages/survey/index');
  page.instance.onLoad(options);
  await flush();
  return page;
}

/** Answers q1 with `stars` and q2 with option `choice`. */
async function answerAll(page: ReturnType<Sim['render']>, stars = 4, choice = 1) {
  page.querySelector('.survey__stars').querySelectorAll('.star-rating__star')[stars - 1].dispatchEvent('tap');
  page.querySelectorAll('.survey__chip')[choice].dispatchEvent('tap');
  await flush();
}

describe('survey page (QR landing)', () => {
  it('shows the survey behind the scanned scene: title, place, period, intro and each kind of question', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    // Act
    const page = await open(sim);
    // Assess
    expect(sim.calls[0]).toEqual({ name: 'surveys', action: 'get', payload: { sceneId: 'sv0123' } });
    expect(text(page, '.survey__title')).toBe('第一食堂满意度调查');
    expect(text(page, '.survey__place')).toBe('📍 饮食服务中心 · 第一食堂');
    expect(text(page, '.survey__period')).toBe('征集时间 2032年3月10日 – 3月16日');
    expect(text(page, '.survey__intro')).toBe('占用您一分钟，帮助我们改进服务。');
    expect(page.querySelectorAll('.survey__q').length).toBe(3);
    expect(page.querySelector('.survey__stars').querySelectorAll('.star-rating__star').length).toBe(5);
    expect(page.querySelectorAll('.survey__chip').map((c: { dom: { textContent: string } }) => c.dom.textContent)).toEqual([
      '每天',
      '每周',
      '很少',
    ]);
    expect(page.querySelector('.survey__text')).toBeTruthy();
    expect(text(page, '.survey__privacy')).toContain('工作人员看不到');
  });

  it('opens by id from a link inside the app', async () => {
    const sim = setup({ backend: backend() });
    await open(sim, { id: 'survey-1' });
    expect(sim.calls[0].payload).toEqual({ surveyId: 'survey-1' });
  });

  it('marks unanswered questions and sends nothing', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);

    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();

    expect(text(page, '.survey__form-error')).toBe('还有 2 道题没有回答');
    expect(page.querySelectorAll('.survey__q--missing').length).toBe(2);
    expect(sim.calls.filter((c) => c.action === 'respond')).toEqual([]);
  });

  it('sends the answers with a request id, the text trimmed, then thanks', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    await answerAll(page, 4, 2);
    page.instance.onText({ currentTarget: { dataset: { index: 2 } }, detail: { value: '  希望延长营业时间 ' } });
    // Act
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    // Assess
    const sent = sim.calls.find((c) => c.action === 'respond');
    expect(sent).toEqual({
      name: 'surveys',
      action: 'respond',
      payload: {
        surveyId: 'survey-1',
        requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        answers: { q1: 4, q2: 2, q3: '希望延长营业时间' },
      },
    });
    expect(text(page, '.survey__state-title')).toBe('感谢你的参与');
  });

  it('leaves an empty text answer out', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    await answerAll(page, 5, 0);
    page.instance.onText({ currentTarget: { dataset: { index: 2 } }, detail: { value: '   ' } });
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'respond')?.payload.answers).toEqual({ q1: 5, q2: 0 });
  });

  it('keeps the request id when a failed submit is retried, so the answers count once', async () => {
    // Prepare
    let fail = true;
    const sim = setup({
      backend: (name, action) => (action === 'respond' && fail ? { code: 'CLIENT.NETWORK', message: 'x' } : backend()(name, action)),
    });
    const page = await open(sim);
    await answerAll(page);
    // Act
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    const error = text(page, '.survey__form-error');
    fail = false;
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(error).toBe('网络不太好，请稍后重试');
    const ids = sim.calls.filter((c) => c.action === 'respond').map((c) => c.payload.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(text(page, '.survey__state-title')).toBe('感谢你的参与');
  });

  it('says why a risky text was refused and lets the user change it', async () => {
    const sim = setup({ backend: backend({ 'surveys.respond': { code: 'SURVEY.CONTENT_RISKY', message: 'x' } }) });
    const page = await open(sim);
    await answerAll(page);
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    expect(text(page, '.survey__form-error')).toBe('内容未通过安全检查，请修改后再提交');
    expect(page.querySelector('.survey__submit')).toBeTruthy();
  });

  it.each([
    ['already answered', ok({ ...SURVEY, answered: true }), '你已经提交过这份问卷'],
    ['closed', { code: 'SURVEY.CLOSED', message: 'x' }, '意见征集已经结束'],
    ['not open yet', { code: 'SURVEY.NOT_OPEN', message: 'x' }, '意见征集尚未开始'],
    ['unknown', { code: 'SURVEY.NOT_FOUND', message: 'x' }, '没有找到这个意见征集'],
  ])('shows a survey that is %s as its own state, without questions', async (_label, reply, title) => {
    const sim = setup({ backend: backend({ 'surveys.get': reply }) });
    const page = await open(sim);
    expect(text(page, '.survey__state-title')).toBe(title);
    expect(page.querySelectorAll('.survey__q').length).toBe(0);
  });

  it('shows the already-answered state when the server says so on submit', async () => {
    const sim = setup({ backend: backend({ 'surveys.respond': { code: 'SURVEY.ALREADY_RESPONDED', message: 'x' } }) });
    const page = await open(sim);
    await answerAll(page);
    page.querySelector('.survey__submit').dispatchEvent('tap');
    await flush();
    expect(text(page, '.survey__state-title')).toBe('你已经提交过这份问卷');
  });

  it('shows a load failure with a retry that loads again', async () => {
    // Prepare
    let fail = true;
    const sim = setup({ backend: (name, action) => (fail ? { code: 'SYSTEM.INTERNAL', message: 'x' } : backend()(name, action)) });
    const page = await open(sim);
    const error = text(page, '.survey__error-text');
    // Act
    fail = false;
    page.querySelector('.survey__retry').dispatchEvent('tap');
    await flush();
    // Assess
    expect(error).toBe('服务开小差了，请稍后重试');
    expect(text(page, '.survey__title')).toBe('第一食堂满意度调查');
  });

  it('asks nothing of the backend when opened without a scene or id', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim, {});
    expect(sim.calls).toEqual([]);
    expect(text(page, '.survey__state-title')).toBe('没有找到这个意见征集');
  });
});
