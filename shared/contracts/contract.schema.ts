import { z } from 'zod';
import { Id, Text } from '../common/ids.schema';
import { Day, Month } from '../periods/period';
import type { PaymentRule } from './payment.rules';

export { GRADE_LABELS, SERVICE_KIND_LABELS } from './contract.labels';

/** Kinds of outsourced service a contract buys. */
export const SERVICE_KINDS = ['property', 'cleaning', 'canteen', 'greening', 'security', 'maintenance', 'other'] as const;
export const ServiceKind = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKind>;

/** A clause code as printed on the sheet: `BJ-01`. */
export const ClauseCode = z.string().regex(/^[A-Z][A-Z0-9]{0,5}-\d{2,3}$/, 'expected a code like BJ-01');

/** Yuan amounts carry at most two decimals; computations run in fen (integers). */
export const Yuan = z
  .number()
  .nonnegative()
  .max(100_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'at most two decimals');

/**
 * One item of the 100-point sheet: what is checked, how, the item's points on the sheet, and what each
 * occurrence (a finding citing the clause) costs — points off the item, yuan off the fee, or both.
 */
export const Clause = z
  .strictObject({
    code: ClauseCode,
    what: Text(100),
    how: Text(200),
    /** The item's weight on the sheet; the three-times rule takes all of it. */
    points: z.number().int().min(0).max(100),
    deductPoints: z.number().min(0).max(100).default(0),
    deductYuan: Yuan.default(0),
  })
  .refine((c) => c.deductPoints > 0 || c.deductYuan > 0, { message: 'a clause deducts points or yuan', path: ['deductPoints'] })
  .refine((c) => c.deductPoints <= c.points, { message: 'a deduction cannot exceed the item', path: ['deductPoints'] });
export type Clause = z.infer<typeof Clause>;

/** Grades of the monthly sheet. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

/** A grade from its lowest score (inclusive). */
export const GradeBand = z.strictObject({ grade: Grade, min: z.number().min(0).max(100) });
export type GradeBand = z.infer<typeof GradeBand>;

/** ≥ 90 优秀, 80–89 良好, 70–79 合格, < 70 不合格 (published university practice). */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'excellent', min: 90 },
  { grade: 'good', min: 80 },
  { grade: 'pass', min: 70 },
  { grade: 'fail', min: 0 },
];

/** Extra costs of a late fix after a written rectification notice (整改通知单). */
export const LateFixCost = z.strictObject({ points: z.number().min(0).max(100), yuan: Yuan });
export type LateFixCost = z.infer<typeof LateFixCost>;

/** What an admin edits; the payment rule is checked separately so a missing parameter gets its own code. */
export const ContractFields = z.strictObject({
  no: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, 'expected a contract number like HT-2026-007'),
  name: Text(60),
  contractorUnitId: Id,
  serviceKind: ServiceKind,
  supervisingUnitId: Id,
  zoneIds: z.array(Id).min(1).max(100),
  startDate: Day,
  endDate: Day,
  monthlyFee: Yuan,
  clauses: z.array(Clause).min(1).max(40),
  /** Supervisor and recipient weights in percent; they add up to 100 (e.g. 80/20, or 100/0). */
  weights: z.strictObject({ supervisor: z.number().int().min(0).max(100), recipient: z.number().int().min(0).max(100) }),
  /**
   * How the recipient score mixes QR ratings (scans, ratings with reports and at verification) and survey
   * answers, in percent adding up to 100 (e.g. 30/70). Absent: every counted rating weighs the same. A source
   * with no answers in the month gives its share to the other.
   */
  recipientMix: z.strictObject({ ratings: z.number().int().min(0).max(100), surveys: z.number().int().min(0).max(100) }).optional(),
  gradeBands: z
    .array(GradeBand)
    .min(2)
    .max(4)
    .default([...DEFAULT_GRADE_BANDS]),
  passScore: z.number().min(0).max(100).default(70),
  /** The same clause found this many times in a month scores the item 0. */
  zeroAfter: z.number().int().min(2).max(10).default(3),
  lateFix: LateFixCost.default({ points: 2, yuan: 0 }),
});
export type ContractFields = z.infer<typeof ContractFields>;

/** A contract as stored: the fields, its checked payment rule, and who last saved it. */
export interface Contract extends ContractFields {
  _id: string;
  paymentRule: PaymentRule;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export { Month };
