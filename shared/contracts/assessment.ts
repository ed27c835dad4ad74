import type { Clause, Contract, Grade, GradeBand } from './contract.schema';
import { type Payment, payable, toFen } from './payment.rules';

/** A finding that cites a clause of the contract, as the assessment reads it. */
export interface AssessedFinding {
  _id: string;
  no: string;
  zoneId: string;
  clauseCode: string;
  createdAt: Date;
}

/** A rectification notice (整改通知单) whose deadline fell in the month, with when the ticket was rectified. */
export interface AssessedNotice {
  _id: string;
  no: string;
  ticketId: string;
  ticketNo: string;
  dueAt: Date;
  /** The rectification that was later verified; null when none by the end of the month. */
  rectifiedAt: Date | null;
}

/** A special event recorded for the month: points off (negative) or on, and yuan off. */
export interface AssessedEvent {
  _id: string;
  what: string;
  points: number;
  yuan: number;
  ticketIds: string[];
}

/** One traced line of the sheet: what it is, its points and yuan, and the tickets behind it. */
export interface AssessmentLine {
  kind: 'clause' | 'lateFix' | 'event' | 'recipient' | 'weighting';
  clauseCode: string | null;
  label: string;
  count: number;
  points: number;
  fen: number;
  ticketIds: string[];
  ticketNos: string[];
  note: string;
}

/**
 * The recipients' counted ratings of the month on the contract's zones (one per person, zone and day, whatever
 * the source: README "One counted rating per person, zone and day"): all of them, and the part that came from
 * survey answers (including unit-wide surveys of the contractor).
 */
export interface Satisfaction {
  n: number;
  sum: number;
  survey?: { n: number; sum: number };
}

const stars = (t: { n: number; sum: number }) => t.sum / t.n;

/**
 * The recipient score (0–100) and how it was reached: mean stars / 5 × 100, pooled, or with the contract's
 * `recipientMix` the two sources' means weighted (a source without answers gives its share to the other).
 * `recipientScore({ n: 3, sum: 11, survey: { n: 1, sum: 5 } }, { ratings: 30, surveys: 70 })` → 3★ × 30 % + 5★ × 70 % = 4.4★ = 88.
 */
export function recipientScore(
  s: Satisfaction,
  mix: { ratings: number; surveys: number } | undefined,
): { score: number | null; note: string } {
  if (s.n <= 0) return { score: null, note: '本月无评价，按管理方得分全额计' };
  const survey = s.survey ?? { n: 0, sum: 0 };
  const ratings = { n: s.n - survey.n, sum: s.sum - survey.sum };
  const parts = [
    `扫码评价${ratings.n}条${ratings.n > 0 ? `（平均${round1(stars(ratings))}星）` : ''}`,
    `问卷${survey.n}份${survey.n > 0 ? `（平均${round1(stars(survey))}星）` : ''}`,
  ];
  let mean = stars(s);
  let how = `合计${s.n}条，平均${round1(mean)}星`;
  if (mix && ratings.n > 0 && survey.n > 0) {
    mean = (stars(ratings) * mix.ratings + stars(survey) * mix.surveys) / 100;
    how = `按扫码${mix.ratings}%、问卷${mix.surveys}%加权，平均${round1(mean)}星`;
  } else if (mix) {
    how = `仅有${ratings.n > 0 ? '扫码评价' : '问卷'}，按其全额计，平均${round1(mean)}星`;
  }
  const score = round1((mean / 5) * 100);
  return { score, note: `${parts.join('，')}；${how}，折合${score}分` };
}

export interface AssessmentInput {
  contract: Pick<
    Contract,
    | '_id'
    | 'no'
    | 'name'
    | 'clauses'
    | 'weights'
    | 'recipientMix'
    | 'gradeBands'
    | 'passScore'
    | 'zeroAfter'
    | 'lateFix'
    | 'paymentRule'
    | 'monthlyFee'
  >;
  month: string;
  findings: readonly AssessedFinding[];
  notices: readonly AssessedNotice[];
  events: readonly AssessedEvent[];
  satisfaction: Satisfaction;
  /** Whether the previous month's assessment was below the pass mark (null: not assessed). */
  previousBelowPass: boolean | null;
}

export interface AssessmentResult {
  month: string;
  contractId: string;
  supervisorScore: number;
  recipientScore: number | null;
  weights: { supervisor: number; recipient: number };
  score: number;
  grade: Grade;
  belowPass: boolean;
  /** Below the pass mark this month and the month before (flagged to the office). */
  belowPassTwice: boolean;
  payment: Payment;
  lines: AssessmentLine[];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The grade of a score by the contract's bands (highest band whose minimum the score reaches). */
export function gradeOf(score: number, bands: readonly GradeBand[]): Grade {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => score >= b.min) ?? sorted[sorted.length - 1]).grade;
}

function clauseLine(clause: Clause, found: readonly AssessedFinding[], zeroAfter: number): AssessmentLine {
  const n = found.length;
  const zeroed = n >= zeroAfter;
  const points = zeroed ? -clause.points : -Math.min(clause.points, n * clause.deductPoints);
  const parts = [`${n}次`];
  if (zeroed) parts.push(`同一项一个月内${zeroAfter}次及以上，该项${clause.points}分全扣`);
  else if (clause.deductPoints > 0)
    parts.push(`每次扣${clause.deductPoints}分${n * clause.deductPoints > clause.points ? `，以该项${clause.points}分为限` : ''}`);
  if (clause.deductYuan > 0) parts.push(`每次扣款${clause.deductYuan}元`);
  return {
    kind: 'clause',
    clauseCode: clause.code,
    label: `${clause.code} ${clause.what}`,
    count: n,
    points: points === 0 ? 0 : points,
    fen: clause.deductYuan > 0 ? -n * toFen(clause.deductYuan) : 0,
    ticketIds: found.map((f) => f._id),
    ticketNos: found.map((f) => f.no),
    note: parts.join('；'),
  };
}

/**
 * The monthly 100-point assessment of one contract, every line traced to its tickets: clause deductions from
 * the findings citing each clause (the same clause `zeroAfter` times scores the item 0), late fixes after a
 * rectification notice, special events; the supervisor score weighted with the recipients' satisfaction
 * (mean stars / 5 × 100; with no ratings the supervisor score counts in full); the grade and the payable fee.
 */
export function assessContract(input: AssessmentInput): AssessmentResult {
  const { contract } = input;
  const lines: AssessmentLine[] = [];
  for (const clause of contract.clauses) {
    const found = input.findings.filter((f) => f.clauseCode === clause.code).sort((a, b) => +a.createdAt - +b.createdAt);
    if (found.length > 0) lines.push(clauseLine(clause, found, contract.zeroAfter));
  }
  for (const n of [...input.notices].sort((a, b) => +a.dueAt - +b.dueAt)) {
    if (n.rectifiedAt && n.rectifiedAt <= n.dueAt) continue;
    lines.push({
      kind: 'lateFix',
      clauseCode: null,
      label: `整改通知单${n.no}逾期整改`,
      count: 1,
      points: -contract.lateFix.points,
      fen: contract.lateFix.yuan > 0 ? -toFen(contract.lateFix.yuan) : 0,
      ticketIds: [n.ticketId],
      ticketNos: [n.ticketNo],
      note: n.rectifiedAt ? '在通知单期限后才整改' : '通知单期限已过仍未整改',
    });
  }
  for (const e of input.events) {
    lines.push({
      kind: 'event',
      clauseCode: null,
      label: e.what,
      count: 1,
      points: e.points,
      fen: e.yuan > 0 ? -toFen(e.yuan) : 0,
      ticketIds: e.ticketIds,
      ticketNos: [],
      note: '特殊事件',
    });
  }
  const supervisorScore = round1(Math.min(100, Math.max(0, 100 + lines.reduce((s, l) => s + l.points, 0))));

  const rated = input.satisfaction.n > 0;
  const recipient = recipientScore(input.satisfaction, contract.recipientMix);
  const weights = rated || contract.weights.recipient === 0 ? contract.weights : { supervisor: 100, recipient: 0 };
  if (contract.weights.recipient > 0) {
    lines.push({
      kind: 'recipient',
      clauseCode: null,
      label: '服务对象满意度',
      count: input.satisfaction.n,
      points: 0,
      fen: 0,
      ticketIds: [],
      ticketNos: [],
      note: recipient.note,
    });
  }
  const score = round1((supervisorScore * weights.supervisor + (recipient.score ?? 0) * weights.recipient) / 100);
  lines.push({
    kind: 'weighting',
    clauseCode: null,
    label: '加权得分',
    count: 0,
    points: 0,
    fen: 0,
    ticketIds: [],
    ticketNos: [],
    note: `管理方${supervisorScore}分×${weights.supervisor}%${weights.recipient > 0 ? ` + 服务对象${recipient.score}分×${weights.recipient}%` : ''} = ${score}分`,
  });
  const belowPass = score < contract.passScore;
  const yuanFen = -lines.reduce((s, l) => s + l.fen, 0);
  return {
    month: input.month,
    contractId: contract._id,
    supervisorScore,
    recipientScore: recipient.score,
    weights,
    score,
    grade: gradeOf(score, contract.gradeBands),
    belowPass,
    belowPassTwice: belowPass && input.previousBelowPass === true,
    payment: payable(contract.paymentRule, toFen(contract.monthlyFee), score, yuanFen),
    lines,
  };
}
