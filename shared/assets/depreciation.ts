/**
 * Straight-line depreciation (年限平均法) without residual value, by whole months from the month after the
 * asset entered service, as government accounting does: monthly charge = value / (lifeYears × 12), the
 * book value never below zero. `lifeYears` 0 means the category is not depreciated.
 * `depreciation(12000, 5, '2024-01-10', '2025-01-31')` → `{ months: 12, accumulated: 2400, bookValue: 9600 }`.
 */
export function depreciation(
  value: number,
  lifeYears: number,
  inService: Date | null,
  asOf: Date,
): { months: number; monthly: number; accumulated: number; bookValue: number } {
  if (!inService || lifeYears <= 0 || value <= 0) return { months: 0, monthly: 0, accumulated: 0, bookValue: value };
  const shift = (d: Date) => new Date(d.getTime() + 8 * 3600_000); // Shanghai calendar months
  const a = shift(inService);
  const b = shift(asOf);
  const total = lifeYears * 12;
  const elapsed = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  const months = Math.max(0, Math.min(total, elapsed));
  const monthly = round2(value / total);
  const accumulated = months === total ? value : Math.min(value, round2(monthly * months));
  return { months, monthly, accumulated, bookValue: round2(value - accumulated) };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
