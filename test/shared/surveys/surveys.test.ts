import { SceneId } from '../../../shared/common';
import {
  addToAggregate,
  aggregateIncrements,
  assertAvailable,
  availabilityOf,
  checkAnswers,
  emptyAggregate,
  nextStatus,
  type Question,
  RespondRequest,
  SurveyFields,
  type SurveyStatus,
  satisfactionQuestion,
  sceneIdFor,
  summarize,
  UpdateSurveyRequest,
  withIds,
} from '../../../shared/surveys';
import { sh } from '../fixtures';

const QUESTIONS: Question[] = withIds([
  { kind: 'rating', title: '总体满意度' },
  { kind: 'choice', title: '身份', options: ['学生', '教职工', '其他'] },
  { kind: 'text', title: '建议' },
]);

const valid = {
  title: '食堂满意度',
  unitId: 'u1',
  from: '2026-05-01',
  to: '2026-05-31',
  questions: [{ kind: 'rating', title: '总体满意度' }],
};

describe('survey fields', () => {
  it('accepts a minimal survey and fills the optional fields', () => {
    expect(SurveyFields.parse(valid)).toEqual({ ...valid, intro: '', zoneId: null });
  });

  it.each([
    ['no rating question', { questions: [{ kind: 'text', title: '建议' }] }, 'rating question'],
    ['11 questions', { questions: Array.from({ length: 11 }, () => ({ kind: 'rating', title: 'x' })) }, ''],
    [
      'a choice with 1 option',
      {
        questions: [
          { kind: 'rating', title: 'x' },
          { kind: 'choice', title: 'c', options: ['a'] },
        ],
      },
      '',
    ],
    [
      'a choice with 9 options',
      {
        questions: [
          { kind: 'rating', title: 'x' },
          { kind: 'choice', title: 'c', options: 'abcdefghi'.split('') },
        ],
      },
      '',
    ],
    [
      'repeated options',
      {
        questions: [
          { kind: 'rating', title: 'x' },
          { kind: 'choice', title: 'c', options: ['a', 'a'] },
        ],
      },
      'differ',
    ],
    [
      'two satisfaction questions',
      {
        questions: [
          { kind: 'rating', title: 'x', satisfaction: true },
          { kind: 'rating', title: 'y', satisfaction: true },
        ],
      },
      'only one',
    ],
    ['to before from', { from: '2026-05-02', to: '2026-05-01' }, 'ends before'],
    ['367 days', { from: '2026-01-01', to: '2027-01-02' }, 'at most 366'],
    ['an unknown field', { status: 'open' }, ''],
  ])('refuses %s', (_label, over, message) => {
    const r = SurveyFields.safeParse({ ...valid, ...over });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });

  it('accepts exactly 366 days, one satisfaction flag and 8 options', () => {
    const r = SurveyFields.safeParse({
      ...valid,
      from: '2028-01-01',
      to: '2028-12-31', // a leap year: 366 days
      questions: [
        { kind: 'rating', title: 'x' },
        { kind: 'rating', title: 'y', satisfaction: true },
        { kind: 'choice', title: 'c', options: 'abcdefgh'.split('') },
      ],
    });
    expect(r.success).toBe(true);
  });

  it('takes an edit as the same fields plus the survey id, refined the same way', () => {
    expect(UpdateSurveyRequest.safeParse({ ...valid, surveyId: 's1' }).success).toBe(true);
    expect(UpdateSurveyRequest.safeParse({ ...valid, surveyId: 's1', from: '2026-06-01' }).success).toBe(false);
  });
});

describe('questions', () => {
  it('numbers the questions and makes the first rating the satisfaction question when none is marked', () => {
    const qs = withIds([
      { kind: 'text', title: 't' },
      { kind: 'rating', title: 'a' },
      { kind: 'rating', title: 'b' },
    ]);
    expect(qs.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(satisfactionQuestion(qs)?.id).toBe('q2');
  });

  it('keeps the marked rating question as the satisfaction question', () => {
    const qs = withIds([
      { kind: 'rating', title: 'a' },
      { kind: 'rating', title: 'b', satisfaction: true },
    ]);
    expect(qs.map((q) => q.kind === 'rating' && q.satisfaction)).toEqual([false, true]);
  });

  it('derives a valid QR scene from a survey id', () => {
    expect(SceneId.safeParse(sceneIdFor('018f2a3b4c5d0123456789abcdef')).success).toBe(true);
  });
});

describe('survey lifecycle', () => {
  it.each([
    ['draft', 'open', 'open'],
    ['open', 'close', 'closed'],
  ] as const)('moves %s on %s to %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each([
    ['draft', 'close'],
    ['open', 'open'],
    ['closed', 'open'],
    ['closed', 'close'],
  ] as const)('refuses %s on %s', (from, event) => {
    expect(() => nextStatus(from, event)).toThrow(expect.objectContaining({ code: 'SURVEY.INVALID_TRANSITION' }));
  });

  const s = (status: SurveyStatus) => ({ status, from: '2026-05-01', to: '2026-05-31' });
  it.each([
    ['a draft', s('draft'), sh('2026-05-10 12:00'), 'notOpen'],
    ['an open survey the minute before its first day (Shanghai)', s('open'), sh('2026-04-30 23:59'), 'notOpen'],
    ['an open survey at midnight of its first day', s('open'), sh('2026-05-01 00:00'), 'open'],
    ['an open survey in the last minute of its last day', s('open'), sh('2026-05-31 23:59'), 'open'],
    ['an open survey the day after', s('open'), sh('2026-06-01 00:00'), 'closed'],
    ['a closed survey within its period', s('closed'), sh('2026-05-10 12:00'), 'closed'],
  ])('says %s is %s', (_label, survey, now, expected) => {
    expect(availabilityOf(survey, now)).toBe(expected);
  });

  it('throws the matching code when a survey does not take responses', () => {
    expect(() => assertAvailable(s('draft'), sh('2026-05-10 12:00'))).toThrow(expect.objectContaining({ code: 'SURVEY.NOT_OPEN' }));
    expect(() => assertAvailable(s('closed'), sh('2026-05-10 12:00'))).toThrow(expect.objectContaining({ code: 'SURVEY.CLOSED' }));
    expect(() => assertAvailable(s('open'), sh('2026-05-10 12:00'))).not.toThrow();
  });
});

describe('answers', () => {
  it('keeps ratings and choices, trims texts and drops blank ones', () => {
    expect(checkAnswers(QUESTIONS, { q1: 4, q2: 2, q3: '  窗口排队太久 ' })).toEqual({
      ok: true,
      answers: { q1: 4, q2: 2, q3: '窗口排队太久' },
      texts: [{ questionId: 'q3', text: '窗口排队太久' }],
    });
    expect(checkAnswers(QUESTIONS, { q1: 1, q2: 0, q3: '   ' })).toEqual({ ok: true, answers: { q1: 1, q2: 0 }, texts: [] });
  });

  it.each([
    [{ q2: 0 }, 'q1'],
    [{ q1: 0, q2: 0 }, 'q1'],
    [{ q1: 3.5, q2: 0 }, 'q1'],
    [{ q1: '5', q2: 0 }, 'q1'],
    [{ q1: 5 }, 'q2'],
    [{ q1: 5, q2: -1 }, 'q2'],
    [{ q1: 5, q2: 3 }, 'q2'],
    [{ q1: 5, q2: 0, q3: 'x'.repeat(501) }, 'q3'],
    [{ q1: 5, q2: 0, q3: 1 }, 'q3'],
    [{ q1: 5, q2: 0, q4: 1 }, 'q4'],
  ])('refuses %j, naming %s', (answers, questionId) => {
    const r = checkAnswers(QUESTIONS, answers);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.questionId)).toEqual([questionId]);
  });

  it('accepts a text of exactly 500 characters', () => {
    expect(checkAnswers(QUESTIONS, { q1: 5, q2: 0, q3: 'x'.repeat(500) }).ok).toBe(true);
  });

  it('parses the request shape: question ids as keys, a UUID request id', () => {
    const base = { surveyId: 's1', requestId: '3b241101-e2bb-4255-8caf-4136c566a962' };
    expect(RespondRequest.safeParse({ ...base, answers: { q1: 5, q10: 'x' } }).success).toBe(true);
    expect(RespondRequest.safeParse({ ...base, answers: { q11: 5 } }).success).toBe(false);
    expect(RespondRequest.safeParse({ ...base, answers: { q1: { $gt: 0 } } }).success).toBe(false);
  });
});

describe('aggregation', () => {
  it('lists the paths one response increments', () => {
    expect(aggregateIncrements(QUESTIONS, { q1: 4, q2: 1, q3: '好' })).toEqual({
      n: 1,
      'q.q1.n': 1,
      'q.q1.sum': 4,
      'q.q1.r.4': 1,
      'q.q2.n': 1,
      'q.q2.o.1': 1,
      'q.q3.n': 1,
    });
  });

  it('summarises responses: means, star distributions, choice counts and text counts', () => {
    // Prepare: ratings 5, 4, 4, 1 (sum 14, mean 3.5); choices 学生 ×3, 其他 ×1; two texts
    const agg = emptyAggregate('s1', QUESTIONS);
    const responses: Array<Record<string, number | string>> = [
      { q1: 5, q2: 0, q3: '好' },
      { q1: 4, q2: 0 },
      { q1: 4, q2: 2, q3: '排队久' },
      { q1: 1, q2: 0 },
    ];
    for (const a of responses) addToAggregate(agg, QUESTIONS, a);

    // Act
    const [rating, choice, text] = summarize(QUESTIONS, agg);

    // Assess
    expect(agg.n).toBe(4);
    expect(rating).toMatchObject({ n: 4, mean: 3.5, satisfaction: true });
    expect(rating.kind === 'rating' && rating.distribution).toEqual([
      { value: 5, count: 1, share: 0.25 },
      { value: 4, count: 2, share: 0.5 },
      { value: 3, count: 0, share: 0 },
      { value: 2, count: 0, share: 0 },
      { value: 1, count: 1, share: 0.25 },
    ]);
    expect(choice.kind === 'choice' && choice.options).toEqual([
      { label: '学生', count: 3, share: 0.75 },
      { label: '教职工', count: 0, share: 0 },
      { label: '其他', count: 1, share: 0.25 },
    ]);
    expect(text).toEqual({ id: 'q3', kind: 'text', title: '建议', n: 2 });
  });

  it('rounds a mean to two decimals and shares to four', () => {
    const agg = emptyAggregate('s1', QUESTIONS);
    for (const q1 of [5, 4, 4]) addToAggregate(agg, QUESTIONS, { q1, q2: 1 });
    const [rating] = summarize(QUESTIONS, agg);
    expect(rating).toMatchObject({ mean: 4.33 });
    expect(rating.kind === 'rating' && rating.distribution[1].share).toBe(0.6667);
  });

  it('shows a survey without an aggregate or answers as zeros, with no mean', () => {
    const [rating, choice] = summarize(QUESTIONS, null);
    expect(rating).toMatchObject({ n: 0, mean: null });
    expect(choice.kind === 'choice' && choice.options.map((o) => o.count)).toEqual([0, 0, 0]);
  });
});
