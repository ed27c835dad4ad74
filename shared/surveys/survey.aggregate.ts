import type { Answers } from './survey.answers';
import type { Question } from './survey.schema';

/** Counters of one question: `n` answers; ratings add `sum` and `r` (count per star), choices `o` (count per option index). */
export interface QuestionTally {
  n: number;
  sum?: number;
  r?: Record<string, number>;
  o?: Record<string, number>;
}

/**
 * The maintained per-survey aggregate (collection `surveyAggregates`, `_id` = the survey's id): `n` responses
 * and each question's counters. Every response adds to it with one `$inc` in the same transaction that stores
 * the response, so results are read from this one document, never by scanning responses.
 */
export interface SurveyAggregate {
  _id: string;
  n: number;
  q: Record<string, QuestionTally>;
}

/** The aggregate of a survey nobody has answered yet: every counter present at zero. */
export function emptyAggregate(surveyId: string, questions: readonly Question[]): SurveyAggregate {
  const q: Record<string, QuestionTally> = {};
  for (const x of questions) {
    if (x.kind === 'rating') q[x.id] = { n: 0, sum: 0, r: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
    else if (x.kind === 'choice') q[x.id] = { n: 0, o: Object.fromEntries(x.options.map((_o, i) => [String(i), 0])) };
    else q[x.id] = { n: 0 };
  }
  return { _id: surveyId, n: 0, q };
}

/**
 * The dotted paths one (checked) response adds to, with the amounts: what the write sends as `_.inc`.
 * `aggregateIncrements(qs, { q1: 4, q2: 1 })` → `{ n: 1, 'q.q1.n': 1, 'q.q1.sum': 4, 'q.q1.r.4': 1, 'q.q2.n': 1, 'q.q2.o.1': 1 }`.
 */
export function aggregateIncrements(questions: readonly Question[], answers: Answers): Record<string, number> {
  const inc: Record<string, number> = { n: 1 };
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined) continue;
    inc[`q.${q.id}.n`] = 1;
    if (q.kind === 'rating') {
      inc[`q.${q.id}.sum`] = v as number;
      inc[`q.${q.id}.r.${v}`] = 1;
    } else if (q.kind === 'choice') inc[`q.${q.id}.o.${v}`] = 1;
  }
  return inc;
}

/** Adds a response to an aggregate in place (the in-memory twin of the `$inc` write). */
export function addToAggregate(agg: SurveyAggregate, questions: readonly Question[], answers: Answers): SurveyAggregate {
  for (const [path, v] of Object.entries(aggregateIncrements(questions, answers))) {
    const parts = path.split('.');
    let o = agg as unknown as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) {
      o[p] ??= {};
      o = o[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    o[last] = ((o[last] as number | undefined) ?? 0) + v;
  }
  return agg;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const share = (count: number, n: number) => (n > 0 ? round(count / n, 4) : 0);

export type QuestionResult =
  | {
      id: string;
      kind: 'rating';
      title: string;
      satisfaction: boolean;
      n: number;
      /** Mean stars to two decimals; null with no answers. */
      mean: number | null;
      /** Stars 5 down to 1, each with its count and share of the answers (0–1). */
      distribution: Array<{ value: number; count: number; share: number }>;
    }
  | { id: string; kind: 'choice'; title: string; n: number; options: Array<{ label: string; count: number; share: number }> }
  | { id: string; kind: 'text'; title: string; n: number };

/** Per-question results from the aggregate (a missing counter counts as zero). */
export function summarize(questions: readonly Question[], agg: Pick<SurveyAggregate, 'q'> | null): QuestionResult[] {
  return questions.map((q): QuestionResult => {
    const t = agg?.q?.[q.id] ?? { n: 0 };
    const n = t.n ?? 0;
    if (q.kind === 'rating') {
      const sum = t.sum ?? 0;
      return {
        id: q.id,
        kind: 'rating',
        title: q.title,
        satisfaction: q.satisfaction,
        n,
        mean: n > 0 ? round(sum / n, 2) : null,
        distribution: [5, 4, 3, 2, 1].map((value) => {
          const count = t.r?.[String(value)] ?? 0;
          return { value, count, share: share(count, n) };
        }),
      };
    }
    if (q.kind === 'choice') {
      return {
        id: q.id,
        kind: 'choice',
        title: q.title,
        n,
        options: q.options.map((label, i) => {
          const count = t.o?.[String(i)] ?? 0;
          return { label, count, share: share(count, n) };
        }),
      };
    }
    return { id: q.id, kind: 'text', title: q.title, n };
  });
}
