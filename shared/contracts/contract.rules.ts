import { AppError } from '../errors';
import { daysOf } from '../periods/period';
import { CONTRACT_ERRORS } from './contract.errors';
import type { ContractFields } from './contract.schema';

/** Problems that make the fields an invalid 100-point sheet, as `{ path, message }` (empty when valid). */
export function sheetIssues(f: ContractFields): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (f.endDate < f.startDate) out.push({ path: 'endDate', message: 'ends before it starts' });
  if (f.weights.supervisor + f.weights.recipient !== 100) out.push({ path: 'weights', message: 'weights add up to 100' });
  if (f.recipientMix && f.recipientMix.ratings + f.recipientMix.surveys !== 100) {
    out.push({ path: 'recipientMix', message: 'the recipient mix adds up to 100' });
  }
  const codes = new Set<string>();
  f.clauses.forEach((c, i) => {
    if (codes.has(c.code)) out.push({ path: `clauses.${i}.code`, message: 'duplicate clause code' });
    codes.add(c.code);
  });
  if (f.clauses.reduce((s, c) => s + c.points, 0) > 100) out.push({ path: 'clauses', message: 'clause points exceed 100' });
  const bands = [...f.gradeBands].sort((a, b) => b.min - a.min);
  if (new Set(bands.map((b) => b.grade)).size !== bands.length) out.push({ path: 'gradeBands', message: 'a grade appears twice' });
  if (new Set(bands.map((b) => b.min)).size !== bands.length) out.push({ path: 'gradeBands', message: 'two grades share a minimum' });
  if (bands[bands.length - 1]?.min !== 0) out.push({ path: 'gradeBands', message: 'the lowest grade starts at 0' });
  if (bands[0]?.grade === 'fail' || bands[bands.length - 1]?.grade !== 'fail') {
    out.push({ path: 'gradeBands', message: 'the lowest band is 不合格 and only it' });
  }
  return out;
}

/** Throws CONTRACT.SHEET_INVALID with the issues when the sheet is not valid. */
export function checkSheet(f: ContractFields): void {
  const issues = sheetIssues(f);
  if (issues.length > 0) throw new AppError(CONTRACT_ERRORS.SHEET_INVALID, 'invalid contract sheet', { issues });
}

/** Whether a contract is in force on some day of `month`. */
export const activeInMonth = (c: Pick<ContractFields, 'startDate' | 'endDate'>, month: string): boolean => {
  const days = daysOf(month);
  return c.startDate <= days[days.length - 1] && c.endDate >= days[0];
};
