import type { AssetScoring } from '../scoring/rules.schema';
import type { CampaignResults } from './verification.rules';

/** A scoring line of the assets area (shape of shared/scoring ScoreLine, ids naming the evidence). */
export interface AssetScoreLine {
  kind: 'assetInPlace' | 'assetDamage' | 'assetNotVerified' | 'assetNoCampaign';
  points: number;
  ticketIds: string[];
  ratingIds: string[];
  personId: string | null;
  detail: Record<string, string | number | boolean | null>;
  /** The campaign, scan records or damage events the points were computed from. */
  evidence: string[];
}

/** A damage event charged to a known person (what and where as they were when it was recorded). */
export interface LiableDamage {
  eventId: string;
  assetId: string;
  liablePersonId: string;
  tag?: string;
  name?: string;
  zone?: string;
  date?: string;
}

/**
 * An asset of the unit's monthly campaign that was not verified in place: not found when the campaign closed
 * (盘亏, `missing`, evidence: its scan record), or not scanned at all in a campaign still open at the month's
 * scoring (`notScanned`, evidence: the campaign).
 */
export interface UnverifiedAsset {
  assetId: string;
  tag: string;
  name: string;
  zone: string;
  reason: 'missing' | 'notScanned';
  evidenceId: string;
}

/** What the asset lines of a unit's month read. */
export interface AssetScoringInput {
  /** The unit's campaign of the month with its results; null when it ran none. */
  campaign: { _id: string; state: string; results: CampaignResults } | null;
  damages: LiableDamage[];
  notVerified: UnverifiedAsset[];
  /** Assets the unit holds (in use, idle, …): a unit with fewer than `inPlace.minAssets` owes no campaign. */
  held: number;
}

/**
 * A unit's asset lines for a month:
 * - assetInPlace: +bonus when its closed campaign's in-place ratio reaches the threshold over ≥ `minAssets` assets;
 * - assetDamage: −perItem per damage with a liable person, charged to that person, at most `maxPerPeriod`;
 * - assetNotVerified: −perItem per asset of the campaign not verified in place, at most `maxPerPeriod`;
 * - assetNoCampaign: −noCampaign once when a unit holding ≥ `minAssets` assets ran no campaign in the month.
 * The last two only when the rule version sets `notVerified`.
 */
export function assetScoreLines(
  rules: AssetScoring | undefined,
  campaign: { _id: string; state?: string; results: CampaignResults } | null,
  damages: readonly LiableDamage[],
  more: Pick<AssetScoringInput, 'notVerified' | 'held'> = { notVerified: [], held: 0 },
): AssetScoreLine[] {
  if (!rules) return [];
  const lines: AssetScoreLine[] = [];
  const line = (
    kind: AssetScoreLine['kind'],
    points: number,
    personId: string | null,
    detail: AssetScoreLine['detail'],
    evidence: string[],
  ) => lines.push({ kind, points, ticketIds: [], ratingIds: [], personId, detail, evidence });
  const r = campaign?.results;
  const closed = campaign?.state === undefined || campaign.state === 'closed';
  if (
    campaign &&
    r &&
    closed &&
    r.inPlaceRatio !== null &&
    r.expected >= rules.inPlace.minAssets &&
    r.inPlaceRatio >= rules.inPlace.threshold
  ) {
    line('assetInPlace', rules.inPlace.bonus, null, { ratio: r.inPlaceRatio, expected: r.expected, threshold: rules.inPlace.threshold }, [
      campaign._id,
    ]);
  }
  let budget = rules.damage.maxPerPeriod;
  for (const d of damages) {
    const points = Math.min(rules.damage.perItem, budget);
    if (points <= 0) break;
    budget -= points;
    line('assetDamage', -points, d.liablePersonId, facts(d), [d.eventId]);
  }
  const nv = rules.notVerified;
  if (!nv) return lines;
  if (!campaign && more.held >= rules.inPlace.minAssets && nv.noCampaign > 0) {
    line('assetNoCampaign', -nv.noCampaign, null, { held: more.held }, []);
  }
  let left = nv.maxPerPeriod;
  const ordered = [...more.notVerified].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  for (const a of ordered) {
    const points = Math.min(nv.perItem, left);
    if (points <= 0) break;
    left -= points;
    line('assetNotVerified', -points, null, { ...facts(a), reason: a.reason }, [a.evidenceId]);
  }
  return lines;
}

const facts = (a: { assetId: string; tag?: string; name?: string; zone?: string; date?: string }) => {
  const out: Record<string, string> = { assetId: a.assetId };
  if (a.tag) out.tag = a.tag;
  if (a.name) out.name = a.name;
  if (a.zone) out.zone = a.zone;
  if (a.date) out.date = a.date;
  return out;
};
