/** Where a rectification notice (整改通知单) stands, as its pages and the assessment read it. */
export const NOTICE_STATES = ['open', 'overdue', 'onTime', 'late'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABELS: Readonly<Record<NoticeState, string>> = {
  open: '整改中',
  overdue: '已逾期未整改',
  onTime: '已按期整改',
  late: '逾期后整改',
};

/**
 * The fix that counts against a notice: the last rectification before the ticket was verified (approved by
 * its inspector or verified automatically); null while no rectification has been verified.
 * `verifiedFixAt([{ event: 'rectify', at: d1 }, { event: 'reject', at: d2 }, { event: 'rectify', at: d3 }, { event: 'approve', at: d4 }])` → d3.
 */
export function verifiedFixAt(history: ReadonlyArray<{ event: string; at: Date }>): Date | null {
  const approvedAt = history.find((h) => h.event === 'approve' || h.event === 'autoVerify')?.at;
  if (!approvedAt) return null;
  return [...history].filter((h) => h.event === 'rectify' && h.at <= approvedAt).pop()?.at ?? null;
}

/** A notice's state at `now`: fixed on time or late (a late fix costs the contract's late-fix points), or still open / overdue. */
export function noticeState(dueAt: Date, fixedAt: Date | null, now: Date): NoticeState {
  if (fixedAt) return fixedAt <= dueAt ? 'onTime' : 'late';
  return now > dueAt ? 'overdue' : 'open';
}
