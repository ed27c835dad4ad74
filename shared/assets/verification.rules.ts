import { AppError } from '../errors';
import { monthOf } from '../periods/period';
import { ASSET_ERRORS } from './asset.errors';
import type { Asset } from './asset.schema';
import { round2 } from './depreciation';

export { SCAN_OUTCOME_LABELS } from './asset.labels';

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3600_000;

/** `at` plus whole Shanghai calendar months (the 31st clamps to the month's last day). */
export function addMonths(at: Date, months: number): Date {
  const s = new Date(at.getTime() + OFFSET_MS);
  const day = s.getUTCDate();
  s.setUTCDate(1);
  s.setUTCMonth(s.getUTCMonth() + months);
  const last = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 0)).getUTCDate();
  s.setUTCDate(Math.min(day, last));
  return new Date(s.getTime() - OFFSET_MS);
}

/** When an asset verified at `verifiedAt` is next due, by its category's interval. */
export const nextVerifyAfter = (verifiedAt: Date, everyMonths: number): Date => addMonths(verifiedAt, everyMonths);

/** Days before the due date an asset appears in the due list (Snipe-IT's audit_warning_days). */
export const DUE_WARNING_DAYS = 7;

export type DueState = 'ok' | 'due' | 'overdue';

/**
 * Where an asset stands: overdue once its date has passed, due within the warning window. A never-verified
 * asset's date is its registration time, so it is due at once (Snipe-IT #9841 leaves such assets out).
 */
export function dueState(a: Pick<Asset, 'nextVerifyAt' | 'status'>, now: Date, warningDays = DUE_WARNING_DAYS): DueState {
  if (a.status === 'disposed' || a.status === 'lost') return 'ok';
  if (a.nextVerifyAt.getTime() < now.getTime() - DAY_MS) return 'overdue';
  if (a.nextVerifyAt.getTime() <= now.getTime() + warningDays * DAY_MS) return 'due';
  return 'ok';
}

/** The bounds the due and overdue list queries use: `nextVerifyAt ≤ dueBefore` / `< overdueBefore`. */
export const dueBounds = (now: Date, warningDays = DUE_WARNING_DAYS) => ({
  dueBefore: new Date(now.getTime() + warningDays * DAY_MS),
  overdueBefore: new Date(now.getTime() - DAY_MS),
});

// ---- campaigns ------------------------------------------------------------------------------------------

/** What a scan (or the close) records about an asset. */
export type ScanOutcome = 'found' | 'elsewhere' | 'damaged' | 'surplus' | 'missing';
/** What the scanner reports; `surplus` and `missing` are decided by the system. */
export type ScanReport = 'found' | 'elsewhere' | 'damaged';

export type CampaignState = 'open' | 'closing' | 'closed';

/** The counters of one campaign (one unit, one month): counts and yuan per outcome. */
export interface CampaignCounters {
  expectedCount: number;
  expectedValue: number;
  counts: Record<ScanOutcome, number>;
  values: Record<ScanOutcome, number>;
}

/** The campaign document: the snapshot of what should be there, and counters kept by atomic increments. */
export interface Campaign extends CampaignCounters {
  _id: string;
  unitId: string;
  month: string;
  state: CampaignState;
  /** Ids of the assets the unit held when the campaign started (the snapshot; stored in its own document). */
  expected: string[];
  startedAt: Date;
  startedBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  /** Tickets opened for missing or damaged assets at close. */
  ticketIds: string[];
}

/** One unit's campaign of a month: `cp-<unitId>-<YYYY-MM>` (the id is the "one per unit per month" key). */
export const campaignIdOf = (unitId: string, month: string): string => `cp-${unitId}-${month}`;
/** A scan's id: one per campaign and asset (or unknown tag), so a repeat scan inserts nothing. */
export const scanIdOf = (campaignId: string, assetIdOrTag: string): string => `${campaignId}~${assetIdOrTag}`;

export const emptyOutcomes = (): Record<ScanOutcome, number> => ({ found: 0, elsewhere: 0, damaged: 0, surplus: 0, missing: 0 });

/** The campaign a unit starts at `now` from its held assets (the snapshot). */
export function startCampaign(unitId: string, held: ReadonlyArray<Pick<Asset, '_id' | 'value'>>, startedBy: string, now: Date): Campaign {
  const month = monthOf(now);
  return {
    _id: campaignIdOf(unitId, month),
    unitId,
    month,
    state: 'open',
    expected: held.map((a) => a._id),
    expectedCount: held.length,
    expectedValue: round2(held.reduce((s, a) => s + a.value, 0)),
    counts: emptyOutcomes(),
    values: emptyOutcomes(),
    startedAt: now,
    startedBy,
    closedAt: null,
    closedBy: null,
    ticketIds: [],
  };
}

/**
 * What a scan of `asset` (null: an unknown tag) records in a campaign: an asset outside the snapshot (another
 * unit's, or registered after the start) is 盘盈; a disposed one is refused; a report other than "found" needs
 * a photo, and "elsewhere" the place.
 */
export function classifyScan(
  input: { report: ScanReport; photo?: string; place?: string },
  asset: Pick<Asset, 'status'> | null,
  inSnapshot: boolean,
): ScanOutcome {
  if (asset?.status === 'disposed') throw new AppError(ASSET_ERRORS.DISPOSED, 'a disposed asset cannot be verified');
  if (!asset || !inSnapshot) return 'surplus';
  if (input.report !== 'found' && !input.photo) throw new AppError(ASSET_ERRORS.PHOTO_REQUIRED, 'a photo is required');
  if (input.report === 'elsewhere' && !input.place) throw new AppError(ASSET_ERRORS.PLACE_REQUIRED, 'where was it found?');
  return input.report;
}

/** The `$inc` paths of one outcome on the campaign counters. */
export const counterIncrements = (outcome: ScanOutcome, value: number): Record<string, number> => ({
  [`counts.${outcome}`]: 1,
  [`values.${outcome}`]: value,
});

/** The results read from counters: the in-place ratio, progress, and the value at risk. */
export function campaignResults(c: CampaignCounters & { state?: CampaignState }) {
  const present = c.counts.found + c.counts.damaged + c.counts.elsewhere;
  const inPlace = c.counts.found + c.counts.damaged;
  return {
    expected: c.expectedCount,
    scanned: present,
    remaining: Math.max(0, c.expectedCount - present - c.counts.missing),
    progress: c.expectedCount === 0 ? 1 : Math.min(1, (present + c.counts.missing) / c.expectedCount),
    /** Found at its recorded place (damaged ones included: they are there), over what should be there. */
    inPlaceRatio: c.expectedCount === 0 ? null : round4(inPlace / c.expectedCount),
    surplus: c.counts.surplus,
    missing: c.counts.missing,
    damaged: c.counts.damaged,
    elsewhere: c.counts.elsewhere,
    /** Yuan (original value) of what is missing or damaged. */
    valueAtRisk: round2(c.values.missing + c.values.damaged),
  };
}
export type CampaignResults = ReturnType<typeof campaignResults>;

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Counters recomputed from scan records (the repair check compares these with the stored ones). */
export function countersFrom(scans: ReadonlyArray<{ outcome: ScanOutcome; value: number }>): Pick<CampaignCounters, 'counts' | 'values'> {
  const counts = emptyOutcomes();
  const values = emptyOutcomes();
  for (const s of scans) {
    counts[s.outcome] += 1;
    values[s.outcome] = round2(values[s.outcome] + s.value);
  }
  return { counts, values };
}
