import { MAX_TEXT_ANSWER, type Question } from './survey.schema';

/** A checked answer set: ratings and choices as numbers, non-empty trimmed texts as strings. */
export type Answers = Record<string, number | string>;

export interface AnswerIssue {
  questionId: string;
  message: string;
}

export type CheckedAnswers =
  | { ok: true; answers: Answers; texts: Array<{ questionId: string; text: string }> }
  | { ok: false; issues: AnswerIssue[] };

/**
 * Checks answers against the questions: every rating answered with 1–5, every choice with an option index,
 * texts optional (trimmed, empty dropped, at most 500 characters), no answer to a question that does not
 * exist. `checkAnswers(qs, { q1: 4, q2: 1, q3: ' 很好 ' })` → `{ ok: true, answers: { q1: 4, q2: 1, q3: '很好' } }`.
 */
export function checkAnswers(questions: readonly Question[], raw: Record<string, unknown>): CheckedAnswers {
  const issues: AnswerIssue[] = [];
  const answers: Answers = {};
  const texts: Array<{ questionId: string; text: string }> = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) if (!known.has(id)) issues.push({ questionId: id, message: 'no such question' });
  for (const q of questions) {
    const v = raw[q.id];
    if (q.kind === 'rating') {
      if (v === undefined) issues.push({ questionId: q.id, message: 'a rating is required' });
      else if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5)
        issues.push({ questionId: q.id, message: 'a rating is a whole number 1–5' });
      else answers[q.id] = v;
    } else if (q.kind === 'choice') {
      if (v === undefined) issues.push({ questionId: q.id, message: 'a choice is required' });
      else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= q.options.length)
        issues.push({ questionId: q.id, message: `a choice is an option index 0–${q.options.length - 1}` });
      else answers[q.id] = v;
    } else if (v !== undefined) {
      if (typeof v !== 'string') issues.push({ questionId: q.id, message: 'a text answer is text' });
      else {
        const text = v.trim();
        if (text.length > MAX_TEXT_ANSWER) issues.push({ questionId: q.id, message: `at most ${MAX_TEXT_ANSWER} characters` });
        else if (text) {
          answers[q.id] = text;
          texts.push({ questionId: q.id, text });
        }
      }
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers, texts };
}
