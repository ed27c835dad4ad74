import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, REPORTER, type Reply, shiftClock, startWithFixtures, zone } from './fixtures';

const DAY = 86_400_000;
/** 2032-03-10 12:00 in Shanghai: every test runs at this instant unless it moves the clock. */
const NOW = Date.UTC(2032, 2, 10, 4);
const TODAY = '2032-03-10';
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));

const sv = (cloud: Cloud, openid: string, action: string, payload?: unknown): Promise<Reply> =>
  cloud.host.invoke('surveys', payload === undefined ? { action } : { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const stats = (cloud: Cloud, openid: string, action: string, payload: unknown): Promise<Reply> =>
  cloud.host.invoke('stats', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const ADMIN = PEOPLE.admin.openid;

/** A valid draft: a canteen floor of the cleaning contractor, running a week from today. */
const fields = (over: Record<string, unknown> = {}) => ({
  title: '三月保洁满意度调查',
  intro: '占用您一分钟，帮助我们改进服务。',
  unitId: 'contractor-clean',
  zoneId: 'zone-b1-f2',
  from: TODAY,
  to: '2032-03-16',
  questions: [
    { kind: 'rating', title: '总体满意度' },
    { kind: 'choice', title: '您多久来一次？', options: ['每天', '每周', '很少'] },
    { kind: 'text', title: '其他建议' },
    { kind: 'rating', title: '卫生间清洁' },
  ],
  ...over,
});

const count = async (collection: string, where: Record<string, unknown>): Promise<number> =>
  ((await wxCloud().database().collection(collection).where(where).count()) as { total: number }).total;
const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await wxCloud().database().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

/** Creates and opens a survey as the admin; returns it as `open` answered. */
async function openSurvey(cloud: Cloud, over: Record<string, unknown> = {}): Promise<Loose> {
  const created = await sv(cloud, ADMIN, 'create', fields(over));
  expect(created.code).toBe(0);
  const opened = await sv(cloud, ADMIN, 'open', { surveyId: created.data._id });
  expect(opened.code).toBe(0);
  return opened.data;
}

const answer = (cloud: Cloud, openid: string, surveyId: string, answers: Record<string, unknown>, requestId = randomUUID()) =>
  sv(cloud, openid, 'respond', { surveyId, requestId, answers });

describe('surveys function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('zone-g1', 'g1', {
        name: '东区草坪',
        unitId: 'contractor-other',
        campusId: 'campus-east',
        path: ['campus-east'],
        parentId: 'campus-east',
      }),
    ]);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => {
    clearCaches();
    setClock(NOW);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('role checks', () => {
    const ADMIN_ACTIONS: Array<[string, unknown]> = [
      ['create', fields()],
      ['update', { surveyId: 'survey-x', ...fields() }],
      ['open', { surveyId: 'survey-x' }],
      ['close', { surveyId: 'survey-x' }],
      ['list', {}],
      ['results', { surveyId: 'survey-x' }],
      ['texts', { surveyId: 'survey-x' }],
      ['qrCode', { surveyId: 'survey-x' }],
      ['units', {}],
    ];
    const NOT_ADMINS: Array<[string, string]> = [
      ['a student', REPORTER],
      ['staff', PEOPLE.staff.openid],
      ['a unit manager', PEOPLE.manager.openid],
      ['an office inspector', PEOPLE.officeInspector.openid],
      ['a leader', PEOPLE.leader.openid],
    ];
    const matrix = ADMIN_ACTIONS.flatMap(([a, p]) => NOT_ADMINS.map(([who, openid]) => [a, who, openid, p] as const));

    it.each(matrix)('refuses %s to %s', async (actionName, _who, openid, payload) => {
      const reply = await sv(cloud, openid, actionName, payload);

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it('creates nothing when a non-admin tries', async () => {
      const before = await count('surveys', {});
      await sv(cloud, PEOPLE.manager.openid, 'create', fields());
      expect(await count('surveys', {})).toBe(before);
    });
  });

  describe('lifecycle', () => {
    it('takes a survey from draft to open to closed, editable only as a draft', async () => {
      // Prepare
      const created = await sv(cloud, ADMIN, 'create', fields());
      const id = created.data._id;

      // Act
      const edited = await sv(cloud, ADMIN, 'update', { surveyId: id, ...fields({ title: '三月保洁满意度（修订）' }) });
      const opened = await sv(cloud, ADMIN, 'open', { surveyId: id });
      const editOpen = await sv(cloud, ADMIN, 'update', { surveyId: id, ...fields() });
      const reopen = await sv(cloud, ADMIN, 'open', { surveyId: id });
      const closed = await sv(cloud, ADMIN, 'close', { surveyId: id });
      const closeAgain = await sv(cloud, ADMIN, 'close', { surveyId: id });
      const openClosed = await sv(cloud, ADMIN, 'open', { surveyId: id });

      // Assess
      expect(created.code).toBe(0);
      expect(created.data).toMatchObject({
        status: 'draft',
        sceneId: null,
        unitName: '保洁公司',
        zoneName: '区域b1f2',
        campusId: 'campus-main',
        questions: [
          { id: 'q1', kind: 'rating', title: '总体满意度', satisfaction: true },
          { id: 'q2', kind: 'choice', options: ['每天', '每周', '很少'] },
          { id: 'q3', kind: 'text' },
          { id: 'q4', kind: 'rating', satisfaction: false },
        ],
      });
      expect(created.data).not.toHaveProperty('createdBy');
      expect(edited).toMatchObject({ code: 0, data: { title: '三月保洁满意度（修订）', status: 'draft' } });
      expect(opened).toMatchObject({ code: 0, data: { status: 'open', sceneId: `sv${id}` } });
      expect(opened.data.sceneId).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      expect(editOpen.code).toBe('SURVEY.INVALID_TRANSITION');
      expect(reopen.code).toBe('SURVEY.INVALID_TRANSITION');
      expect(closed).toMatchObject({ code: 0, data: { status: 'closed' } });
      expect(closeAgain.code).toBe('SURVEY.INVALID_TRANSITION');
      expect(openClosed.code).toBe('SURVEY.INVALID_TRANSITION');
      expect(await docOf('surveyAggregates', id)).toMatchObject({ n: 0, q: { q1: { n: 0, sum: 0, r: { 5: 0 } }, q2: { o: { 2: 0 } } } });
    });

    it('makes the rating question marked as the satisfaction question the one that feeds the rollups', async () => {
      const created = await sv(
        cloud,
        ADMIN,
        'create',
        fields({
          questions: [
            { kind: 'rating', title: '饭菜口味' },
            { kind: 'rating', title: '总体满意度', satisfaction: true },
          ],
        }),
      );

      expect(created.data.questions.map((q: Loose) => q.satisfaction)).toEqual([false, true]);
    });

    it('refuses to open a survey whose last day has passed', async () => {
      const created = await sv(cloud, ADMIN, 'create', fields({ from: '2032-03-01', to: '2032-03-09' }));

      const reply = await sv(cloud, ADMIN, 'open', { surveyId: created.data._id });

      expect(reply.code).toBe('SURVEY.PERIOD_OVER');
      expect((await docOf('surveys', created.data._id)).status).toBe('draft');
    });

    it.each(['update', 'open', 'close', 'results', 'qrCode'])('answers %s of an unknown survey with SURVEY.NOT_FOUND', async (a) => {
      const payload = a === 'update' ? { surveyId: 'survey-nope', ...fields() } : { surveyId: 'survey-nope' };
      expect((await sv(cloud, ADMIN, a, payload)).code).toBe('SURVEY.NOT_FOUND');
    });
  });

  describe('bad input', () => {
    const rating = { kind: 'rating', title: '总体满意度' };
    it.each([
      ['no rating question', { questions: [{ kind: 'text', title: '建议' }] }],
      ['no question', { questions: [] }],
      ['eleven questions', { questions: Array.from({ length: 11 }, () => rating) }],
      ['a choice with one option', { questions: [rating, { kind: 'choice', title: '选', options: ['唯一'] }] }],
      ['a choice with nine options', { questions: [rating, { kind: 'choice', title: '选', options: 'ABCDEFGHI'.split('') }] }],
      ['a choice with the same option twice', { questions: [rating, { kind: 'choice', title: '选', options: ['是', '是'] }] }],
      [
        'two satisfaction questions',
        {
          questions: [
            { ...rating, satisfaction: true },
            { ...rating, satisfaction: true },
          ],
        },
      ],
      ['an unknown question kind', { questions: [{ kind: 'slider', title: '滑块' }] }],
      ['a period ending before it starts', { from: '2032-03-10', to: '2032-03-09' }],
      ['a period over a year', { from: '2032-01-01', to: '2033-01-05' }],
      ['a date that is no date', { from: '2032-13-01' }],
      ['an empty title', { title: '   ' }],
      ['a forged creator', { createdBy: 'p-staff' }],
      ['an operator as unit id', { unitId: { $ne: '' } }],
    ])('refuses %s with REQUEST.INVALID', async (_label, over) => {
      const reply = await sv(cloud, ADMIN, 'create', fields(over));

      expect(reply.code).toBe('REQUEST.INVALID');
      expect(reply.details?.issues?.length).toBeGreaterThan(0);
    });

    it.each([
      ['an unknown unit', { unitId: 'unit-nope', zoneId: null }, 'SURVEY.UNIT_NOT_FOUND'],
      ['an unknown zone', { zoneId: 'zone-nope' }, 'SURVEY.ZONE_NOT_FOUND'],
      ['a zone of another unit', { zoneId: 'zone-g1' }, 'SURVEY.ZONE_OUTSIDE_UNIT'],
    ])('refuses %s with a coded error', async (_label, over, code) => {
      expect((await sv(cloud, ADMIN, 'create', fields(over))).code).toBe(code);
    });

    it('refuses a page cursor it did not issue', async () => {
      expect((await sv(cloud, ADMIN, 'list', { cursor: 'bm90LWEtY3Vyc29y' })).code).toBe('REQUEST.INVALID_CURSOR');
    });
  });

  describe('answering', () => {
    it('shows an open survey by its scene or id, to anyone, without who made it', async () => {
      const s = await openSurvey(cloud);

      const byScene = await sv(cloud, REPORTER, 'get', { sceneId: s.sceneId });
      const byId = await sv(cloud, 'o-someone', 'get', { surveyId: s._id });

      expect(byScene).toMatchObject({
        code: 0,
        data: { _id: s._id, title: '三月保洁满意度调查', unitName: '保洁公司', zoneName: '区域b1f2', answered: false },
      });
      expect(byScene.data.questions).toHaveLength(4);
      expect(byScene.data).not.toHaveProperty('createdBy');
      expect(byScene.data).not.toHaveProperty('status');
      expect(byId.data._id).toBe(s._id);
    });

    it.each([
      ['an unknown scene', () => ({ sceneId: 'sv-nope' }), 'SURVEY.NOT_FOUND'],
      ['an unknown id', () => ({ surveyId: 'survey-nope' }), 'SURVEY.NOT_FOUND'],
      ['both a scene and an id', () => ({ sceneId: 'a', surveyId: 'b' }), 'REQUEST.INVALID'],
      ['neither', () => ({}), 'REQUEST.INVALID'],
    ])('answers get with %s with %s', async (_label, payload, code) => {
      expect((await sv(cloud, REPORTER, 'get', payload())).code).toBe(code);
    });

    it('says a draft or a survey before its first day is not open yet, and a closed or ended one is closed', async () => {
      // Prepare
      const draft = (await sv(cloud, ADMIN, 'create', fields())).data;
      const future = await openSurvey(cloud, { from: '2032-03-12', to: '2032-03-20' });
      const closed = await openSurvey(cloud);
      await sv(cloud, ADMIN, 'close', { surveyId: closed._id });
      const ending = await openSurvey(cloud, { to: TODAY });

      // Act
      const replies = {
        draft: await sv(cloud, REPORTER, 'get', { surveyId: draft._id }),
        future: await sv(cloud, REPORTER, 'get', { sceneId: future.sceneId }),
        futureRespond: await answer(cloud, REPORTER, future._id, { q1: 5, q2: 0, q4: 5 }),
        closed: await sv(cloud, REPORTER, 'get', { sceneId: closed.sceneId }),
        closedRespond: await answer(cloud, REPORTER, closed._id, { q1: 5, q2: 0, q4: 5 }),
        lastDay: await sv(cloud, REPORTER, 'get', { sceneId: ending.sceneId }),
      };
      setClock(NOW + DAY); // the next day in Shanghai
      const afterEnd = await sv(cloud, REPORTER, 'get', { sceneId: ending.sceneId });

      // Assess
      expect(replies.draft.code).toBe('SURVEY.NOT_OPEN');
      expect(replies.future.code).toBe('SURVEY.NOT_OPEN');
      expect(replies.futureRespond.code).toBe('SURVEY.NOT_OPEN');
      expect(replies.closed.code).toBe('SURVEY.CLOSED');
      expect(replies.closedRespond.code).toBe('SURVEY.CLOSED');
      expect(replies.lastDay.code).toBe(0);
      expect(afterEnd.code).toBe('SURVEY.CLOSED');
      expect(await count('surveyResponses', { surveyId: future._id })).toBe(0);
    });

    it.each([
      ['a missing rating', { q2: 0, q4: 3 }, 'q1'],
      ['a rating of 6', { q1: 6, q2: 0, q4: 3 }, 'q1'],
      ['a rating of 2.5', { q1: 2.5, q2: 0, q4: 3 }, 'q1'],
      ['a missing choice', { q1: 4, q4: 3 }, 'q2'],
      ['a choice beyond the options', { q1: 4, q2: 3, q4: 3 }, 'q2'],
      ['text for a rating', { q1: '好', q2: 0, q4: 3 }, 'q1'],
      ['a number for the text', { q1: 4, q2: 0, q3: 7, q4: 3 }, 'q3'],
      ['a text over 500 characters', { q1: 4, q2: 0, q3: '长'.repeat(501), q4: 3 }, 'q3'],
      ['an answer to a question the survey lacks', { q1: 4, q2: 0, q4: 3, q9: 1 }, 'q9'],
    ])('refuses %s with SURVEY.INVALID_ANSWERS naming the question', async (_label, answers, questionId) => {
      const s = await openSurvey(cloud);

      const reply = await answer(cloud, REPORTER, s._id, answers);

      expect(reply.code).toBe('SURVEY.INVALID_ANSWERS');
      expect(reply.details?.issues).toEqual([expect.objectContaining({ questionId })]);
      expect(await count('surveyResponses', { surveyId: s._id })).toBe(0);
    });

    it.each([
      ['a forged openid', { openid: 'o-other' }],
      ['a bad request id', { requestId: 'not-a-uuid' }],
      ['an answer key that is no question id', { answers: { $where: 1 } }],
    ])('refuses a respond request with %s as REQUEST.INVALID', async (_label, over) => {
      const s = await openSurvey(cloud);
      const reply = await sv(cloud, REPORTER, 'respond', {
        surveyId: s._id,
        requestId: randomUUID(),
        answers: { q1: 5, q2: 0, q4: 5 },
        ...over,
      });
      expect(reply.code).toBe('REQUEST.INVALID');
    });

    it('refuses a risky text answer and stores nothing; keeps a doubtful one flagged for the admin', async () => {
      const s = await openSurvey(cloud);

      const risky = await answer(cloud, 'o-risky', s._id, { q1: 1, q2: 0, q3: '这里有赌博', q4: 1 });
      const doubtful = await answer(cloud, 'o-doubt', s._id, { q1: 2, q2: 1, q3: '欢迎来看广告', q4: 2 });

      expect(risky.code).toBe('SURVEY.CONTENT_RISKY');
      expect(doubtful.code).toBe(0);
      expect(await count('surveyResponses', { surveyId: s._id })).toBe(1);
      expect(await count('feedback', { surveyId: s._id })).toBe(1);
      const results = await sv(cloud, ADMIN, 'results', { surveyId: s._id });
      expect(results.data.responses).toBe(1);
      expect(results.data.texts.items[0].texts).toEqual([{ questionId: 'q3', title: '其他建议', text: '欢迎来看广告', flagged: true }]);
    });

    it('takes one response per WeChat user, and a resent request changes nothing', async () => {
      // Prepare
      const s = await openSurvey(cloud);
      const requestId = randomUUID();

      // Act
      const first = await answer(cloud, REPORTER, s._id, { q1: 4, q2: 1, q4: 5 }, requestId);
      const resent = await answer(cloud, REPORTER, s._id, { q1: 4, q2: 1, q4: 5 }, requestId);
      const second = await answer(cloud, REPORTER, s._id, { q1: 1, q2: 2, q4: 1 });
      const get = await sv(cloud, REPORTER, 'get', { surveyId: s._id });

      // Assess
      expect(first).toEqual({ code: 0, data: { responseId: expect.any(String), replay: false } });
      expect(resent).toEqual({ code: 0, data: { responseId: first.data.responseId, replay: true } });
      expect(second.code).toBe('SURVEY.ALREADY_RESPONDED');
      expect(get.data.answered).toBe(true);
      expect(await count('surveyResponses', { surveyId: s._id })).toBe(1);
      expect(await count('feedback', { surveyId: s._id })).toBe(1);
      expect(await docOf('surveyAggregates', s._id)).toMatchObject({ n: 1, q: { q1: { n: 1, sum: 4 } } });
    });

    it('still answers a resent request after the survey closed', async () => {
      const s = await openSurvey(cloud);
      const requestId = randomUUID();
      const first = await answer(cloud, REPORTER, s._id, { q1: 4, q2: 1, q4: 5 }, requestId);
      await sv(cloud, ADMIN, 'close', { surveyId: s._id });

      const resent = await answer(cloud, REPORTER, s._id, { q1: 4, q2: 1, q4: 5 }, requestId);

      expect(resent).toEqual({ code: 0, data: { responseId: first.data.responseId, replay: true } });
    });
  });

  describe('results', () => {
    it('aggregates the responses per question', async () => {
      // Prepare: four respondents, answers chosen so every figure is easy to check by hand
      const s = await openSurvey(cloud);
      const sets = [
        { q1: 5, q2: 0, q3: '保洁阿姨很认真', q4: 4 },
        { q1: 4, q2: 0, q4: 4 },
        { q1: 4, q2: 2, q3: '  ', q4: 2 },
        { q1: 2, q2: 1, q3: '垃圾桶满了没人倒', q4: 5 },
      ];
      for (const [i, a] of sets.entries()) {
        setClock(NOW + i * 60_000);
        expect((await answer(cloud, `o-r${i}`, s._id, a)).code).toBe(0);
      }

      // Act
      const reply = await sv(cloud, ADMIN, 'results', { surveyId: s._id });

      // Assess: q1 = 5+4+4+2 = 15 over 4 = 3.75; q4 = 4+4+2+5 = 15 → 3.75; choice 2/1/1; two non-blank texts
      expect(reply.code).toBe(0);
      expect(reply.data.responses).toBe(4);
      const [q1, q2, q3, q4] = reply.data.questions;
      expect(q1).toEqual({
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
      });
      expect(q2).toEqual({
        id: 'q2',
        kind: 'choice',
        title: '您多久来一次？',
        n: 4,
        options: [
          { label: '每天', count: 2, share: 0.5 },
          { label: '每周', count: 1, share: 0.25 },
          { label: '很少', count: 1, share: 0.25 },
        ],
      });
      expect(q3).toEqual({ id: 'q3', kind: 'text', title: '其他建议', n: 2 });
      expect(q4).toMatchObject({ n: 4, mean: 3.75, satisfaction: false });
      expect(reply.data.texts.items.map((t: Loose) => t.texts[0].text)).toEqual(['垃圾桶满了没人倒', '保洁阿姨很认真']);
      expect(reply.data.texts.nextCursor).toBeNull();
      expect(JSON.stringify(reply.data)).not.toMatch(/o-r\d|requestId|openid/);
    });

    it('keeps exact aggregates under simultaneous responses, pages the texts, and leaves no rollup drift', async () => {
      // Prepare
      const s = await openSurvey(cloud);
      const N = 24;
      const stars = Array.from({ length: N }, (_v, i) => 1 + (i % 5)); // 1..5 repeating: sum = 4×15 + 1+2+3+4 = 70
      const retryId = randomUUID();

      // Act: 24 people at once, plus the first one's request resent twice at the same moment
      const replies = await Promise.all([
        ...stars.map((r, i) =>
          answer(cloud, `o-c${i}`, s._id, { q1: r, q2: i % 3, q3: `第${i}条建议`, q4: 3 }, i === 0 ? retryId : undefined),
        ),
        answer(cloud, 'o-c0', s._id, { q1: 1, q2: 0, q3: '第0条建议', q4: 3 }, retryId),
        answer(cloud, 'o-c0', s._id, { q1: 1, q2: 0, q3: '第0条建议', q4: 3 }, retryId),
      ]);

      // Assess
      expect(replies.map((r) => r.code)).toEqual(Array(N + 2).fill(0));
      expect(replies.filter((r) => !r.data.replay)).toHaveLength(N);
      const results = await sv(cloud, ADMIN, 'results', { surveyId: s._id });
      expect(results.data.responses).toBe(N);
      expect(results.data.questions[0]).toMatchObject({
        n: N,
        mean: Math.round((70 / N) * 100) / 100,
        distribution: [5, 4, 3, 2, 1].map((value) => ({ value, count: value <= 4 ? 5 : 4 })),
      });
      expect(results.data.questions[1].options.map((o: Loose) => o.count)).toEqual([8, 8, 8]);
      expect(results.data.questions[2].n).toBe(N);
      expect(await count('surveyResponses', { surveyId: s._id })).toBe(N);
      expect(await count('feedback', { surveyId: s._id, source: 'survey' })).toBe(N);
      expect(results.data.texts.items).toHaveLength(20);
      const page2 = await sv(cloud, ADMIN, 'texts', { surveyId: s._id, cursor: results.data.texts.nextCursor });
      expect(page2.data.items).toHaveLength(N - 20);
      expect(page2.data.nextCursor).toBeNull();
      const allTexts = [...results.data.texts.items, ...page2.data.items].map((t: Loose) => t.texts[0].text);
      expect(new Set(allTexts).size).toBe(N);

      const check = await stats(cloud, ADMIN, 'checkRollups', { day: TODAY, repair: false });
      expect(check.code).toBe(0);
      expect(check.data.drifted).toEqual([]);
      expect(check.data.records).toBe(await count('feedback', { source: 'survey' }));
      const rollup = await docOf('satRollups', 'sat-contractor-clean-2032-03');
      expect(rollup.s.survey.n).toBe(check.data.records);
      expect(rollup.z['zone-b1-f2'].n).toBe(check.data.records);
    });

    it('counts a survey’s satisfaction answers in the unit ranking, and a unit-wide survey in no zone', async () => {
      // Prepare: a month with no other ratings of the green-space contractor
      setClock(Date.UTC(2032, 5, 10, 4));
      const s = await openSurvey(cloud, {
        unitId: 'contractor-other',
        zoneId: null,
        from: '2032-06-01',
        to: '2032-06-30',
        questions: [
          { kind: 'choice', title: '您是？', options: ['学生', '教职工'] },
          { kind: 'rating', title: '草坪养护' },
          { kind: 'rating', title: '总体满意度', satisfaction: true },
        ],
      });
      for (const [i, r] of [5, 5, 4, 2].entries()) {
        expect((await answer(cloud, `o-g${i}`, s._id, { q1: 0, q2: 1, q3: r })).code).toBe(0);
      }

      // Act
      const ranking = await stats(cloud, PEOPLE.leader.openid, 'unitRanking', { period: '2032-06' });
      const check = await stats(cloud, ADMIN, 'checkRollups', { day: '2032-06-10', repair: false });

      // Assess: the satisfaction question (q3) counts, not q2: 5+5+4+2 = 16 over 4 = 4; adjusted (30+16)/14
      const row = ranking.data.rows.find((r: Loose) => r.unitId === 'contractor-other');
      expect(row).toMatchObject({ n: 4, mean: 4, adjusted: Math.round((46 / 14) * 10_000) / 10_000 });
      const rollup = await docOf('satRollups', 'sat-contractor-other-2032-06');
      expect(rollup.s.survey).toEqual({ n: 4, sum: 16 });
      expect(rollup.z).toEqual({});
      expect(check.data.drifted).toEqual([]);
      const zones = await stats(cloud, PEOPLE.leader.openid, 'zoneRanking', { period: '2032-06' });
      expect(zones.code).toBe(0);
      expect(zones.data.rows.filter((r: Loose) => r.unitId === 'contractor-other')).toEqual([]);
    });
  });

  describe('QR code', () => {
    it('makes the mini-program code of an open survey once, stored in cloud storage', async () => {
      // Prepare
      const draft = (await sv(cloud, ADMIN, 'create', fields())).data;
      const s = await openSurvey(cloud);

      // Act
      const none = await sv(cloud, ADMIN, 'qrCode', { surveyId: draft._id });
      const first = await sv(cloud, ADMIN, 'qrCode', { surveyId: s._id });
      const again = await sv(cloud, ADMIN, 'qrCode', { surveyId: s._id });

      // Assess
      expect(none.code).toBe('SURVEY.NOT_OPEN');
      expect(first).toMatchObject({ code: 0, data: { sceneId: s.sceneId, page: 'pages/survey/index' } });
      expect(first.data.fileID).toMatch(new RegExp(`^cloud://.*surveys/${s._id}-\\d+\\.png$`));
      const png = Buffer.from(await (await fetch(first.data.url)).arrayBuffer());
      expect(png.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
      expect(again.data.fileID).toBe(first.data.fileID);
      expect(again.data.url).toEqual(expect.any(String));
    });
  });

  describe('list', () => {
    it('lists surveys newest first, 20 a page, with their response counts and a status filter', async () => {
      // Prepare: 21 more drafts a minute apart, and one open survey with two responses
      const answered = await openSurvey(cloud, { title: '有回复的调查' });
      await answer(cloud, 'o-l1', answered._id, { q1: 5, q2: 0, q4: 5 });
      await answer(cloud, 'o-l2', answered._id, { q1: 3, q2: 1, q4: 3 });
      for (let i = 0; i < 21; i++) {
        setClock(NOW + (i + 1) * 60_000);
        await sv(cloud, ADMIN, 'create', fields({ title: `草稿${i}` }));
      }

      // Act
      const pages: Loose[][] = [];
      let cursor: string | null | undefined;
      do {
        const reply = await sv(cloud, ADMIN, 'list', cursor ? { cursor } : {});
        expect(reply.code).toBe(0);
        pages.push(reply.data.items);
        cursor = reply.data.nextCursor;
      } while (cursor);
      const open = await sv(cloud, ADMIN, 'list', { status: 'open' });

      // Assess
      const all = pages.flat();
      expect(pages[0]).toHaveLength(20);
      const drafts = all.filter((s) => /^草稿\d+$/.test(s.title)).map((s) => s.title);
      expect(drafts).toEqual(Array.from({ length: 21 }, (_v, i) => `草稿${20 - i}`));
      expect(all).toHaveLength(await count('surveys', {}));
      expect(new Set(all.map((s) => s._id)).size).toBe(all.length);
      const times = all.map((s) => new Date(s.createdAt).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(all.find((s) => s._id === answered._id)).toMatchObject({ responses: 2, questionCount: 4, status: 'open' });
      expect(all.find((s) => s.title === '草稿0')).toMatchObject({ responses: 0, status: 'draft' });
      expect(all[0]).not.toHaveProperty('questions');
      expect(open.data.items.every((s: Loose) => s.status === 'open')).toBe(true);
      expect(open.data.items.some((s: Loose) => s._id === answered._id)).toBe(true);
    });

    it('gives the admin the units a survey can rate, centres first, without the office', async () => {
      const reply = await sv(cloud, ADMIN, 'units', {});

      expect(reply.data.items.map((u: Loose) => u._id)).toEqual(['centre-property', 'contractor-clean', 'contractor-other']);
    });
  });
});
