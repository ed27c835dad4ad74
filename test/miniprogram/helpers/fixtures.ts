/** Ticket rows as the list actions return them (dates as ISO strings, as they arrive over callFunction). */
export const NOW = Date.parse('2025-03-04T06:00:00Z'); // 14:00 in Shanghai

export function row(i: number, over: Record<string, unknown> = {}) {
  return {
    _id: `t-${i}`,
    no: `XC-20250304-${String(i).padStart(4, '0')}`,
    kind: 'problem',
    source: 'report',
    state: 'assigned',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: `第${i}号窗口餐盘有油污`,
    photos: [],
    zoneId: 'zone-c1-canteen-1-w03',
    unitId: 'unit-dining',
    assigneeId: 'person-staff-canteen-1',
    dueAt: new Date(NOW + (i + 1) * 600_000).toISOString(),
    clock: { runningSince: new Date(NOW - 60_000).toISOString() },
    createdAt: new Date(NOW - i * 60_000).toISOString(),
    mine: true,
    repeat: null,
    ...over,
  };
}

export const page = (from: number, n: number, next: string | null, over: Record<string, unknown> = {}) => ({
  items: Array.from({ length: n }, (_v, k) => row(from + k, over)),
  nextCursor: next,
});
