import { z } from 'zod';
import { AppError } from '../errors';
import { CONTRACT_ERRORS } from './contract.errors';

export { PAYMENT_FORMULA_LABELS, yuanText } from './contract.labels';

/**
 * The payment rule is chosen from this fixed set of formulas, each with typed parameters: an admin picks a
 * formula and fills in numbers, never writes an expression. Amounts are computed in fen (integers).
 */
export const PAYMENT_FORMULAS = ['fullAboveThreshold', 'withheldShare', 'linear'] as const;
export type PaymentFormula = (typeof PAYMENT_FORMULAS)[number];

const Percent = z.number().min(0).max(100);

/** Full fee at or above `threshold`; below it, fee × (`basePercent` + score) % (e.g. 85 and 15). */
const FullAboveThreshold = z.strictObject({ formula: z.literal('fullAboveThreshold'), threshold: Percent, basePercent: Percent });
/** `withheldPercent` of the fee is withheld each month; per-event yuan deductions come out of that share only. */
const WithheldShare = z.strictObject({ formula: z.literal('withheldShare'), withheldPercent: z.number().min(0).max(50) });
/** Full fee at or above `fullAt`; each point below costs `percentPerPoint` % of the fee, never below `floorPercent` %. */
const Linear = z.strictObject({
  formula: z.literal('linear'),
  fullAt: Percent,
  percentPerPoint: z.number().min(0).max(20),
  floorPercent: Percent,
});

export const PaymentRule = z.discriminatedUnion('formula', [FullAboveThreshold, WithheldShare, Linear]);
export type PaymentRule = z.infer<typeof PaymentRule>;

/** Each formula's parameters, in the order the editor shows them. */
export const PAYMENT_PARAMETERS: { readonly [F in PaymentFormula]: readonly string[] } = {
  fullAboveThreshold: ['threshold', 'basePercent'],
  withheldShare: ['withheldPercent'],
  linear: ['fullAt', 'percentPerPoint', 'floorPercent'],
};

/**
 * Checks a payment rule as an admin sent it, with one coded error naming the missing or invalid parameters:
 * `parsePaymentRule({ formula: 'linear', fullAt: 90 })` throws CONTRACT.PAYMENT_RULE_INVALID with
 * `details.missing = ['percentPerPoint', 'floorPercent']`.
 */
export function parsePaymentRule(raw: unknown): PaymentRule {
  const parsed = PaymentRule.safeParse(raw);
  if (parsed.success) return parsed.data;
  const formula = (raw as { formula?: unknown } | null)?.formula;
  const known = typeof formula === 'string' && (PAYMENT_FORMULAS as readonly string[]).includes(formula);
  const params = known ? PAYMENT_PARAMETERS[formula as PaymentFormula] : [];
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const missing = params.filter((p) => given[p] === undefined || given[p] === null);
  throw new AppError(CONTRACT_ERRORS.PAYMENT_RULE_INVALID, known ? 'payment rule parameters missing or out of range' : 'unknown formula', {
    formula: known ? formula : null,
    missing,
    issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}

/** One step of the payable computation, in fen, with its reason. */
export interface PaymentStep {
  label: string;
  fen: number;
}

export interface Payment {
  feeFen: number;
  /** Percent of the fee the score earns (before yuan deductions). */
  percent: number;
  yuanDeductionsFen: number;
  payableFen: number;
  steps: PaymentStep[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The payable amount of a month from the fee, the final score and the yuan deductions (clauses and special
 * events). `payable({ formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 }, 1_000_000, 80, 0)` pays
 * 95 % of ¥10,000.00: 950,000 fen.
 */
export function payable(rule: PaymentRule, feeFen: number, score: number, yuanDeductionsFen: number): Payment {
  const steps: PaymentStep[] = [{ label: '月度合同金额', fen: feeFen }];
  let percent = 100;
  let payableFen: number;
  if (rule.formula === 'withheldShare') {
    const withheld = Math.round((feeFen * rule.withheldPercent) / 100);
    const taken = Math.min(withheld, yuanDeductionsFen);
    steps.push({ label: `预留${rule.withheldPercent}%`, fen: -withheld });
    steps.push({ label: '事件定额扣款（以预留金为限）', fen: -taken });
    steps.push({ label: '返还预留余额', fen: withheld - taken });
    payableFen = feeFen - taken;
    percent = 100;
  } else {
    if (rule.formula === 'fullAboveThreshold') {
      percent = score >= rule.threshold ? 100 : Math.min(100, rule.basePercent + score);
      steps.push({
        label:
          score >= rule.threshold ? `得分≥${rule.threshold}，全额支付` : `得分<${rule.threshold}，按（${rule.basePercent}+${score}）%支付`,
        fen: Math.round((feeFen * percent) / 100) - feeFen,
      });
    } else {
      percent = score >= rule.fullAt ? 100 : Math.max(rule.floorPercent, 100 - (rule.fullAt - score) * rule.percentPerPoint);
      percent = round2(percent);
      steps.push({
        label: score >= rule.fullAt ? `得分≥${rule.fullAt}，全额支付` : `低于${rule.fullAt}分，按${percent}%支付`,
        fen: Math.round((feeFen * percent) / 100) - feeFen,
      });
    }
    const earned = Math.round((feeFen * percent) / 100);
    const taken = Math.min(earned, yuanDeductionsFen);
    steps.push({ label: '定额扣款', fen: -taken });
    payableFen = earned - taken;
  }
  return { feeFen, percent, yuanDeductionsFen, payableFen, steps };
}

export const toFen = (yuan: number): number => Math.round(yuan * 100);
