import type { AssetScoring } from '../scoring/rules.schema';
import type { CampaignResults } from './verification.rules';

/** A scoring line of the assets area (shape of shared/scoring ScoreLine, ids naming the evidence). */
export interface AssetScoreLine {
  kind: 'assetInPlace' | 'assetDamage';
  points: number;
  ticketIds: string[];
  ratingIds: string[];
  personId: string | null;
  detail: Record<string, string | number | boolean | null>;
  /** The campaign or damage events the points were computed from. */
  evidence: string[];
}

/** A damage event charged to a known person. */
export interface LiableDamage {
  eventId: string;
  assetId: string;
  liablePersonId: string;
}

/**
 * A unit's asset lines for a month: a bonus when its campaign's in-place ratio reaches the threshold over at
 * least `minAssets` assets, and a deduction per damage with a liable person (capped), charged to that person.
 */
export function assetScoreLines(
  rules: AssetScoring | undefined,
  campaign: { _id: string; results: CampaignResults } | null,
  damages: readonly LiableDamage[],
): AssetScoreLine[] {
  if (!rules) return [];
  const lines: AssetScoreLine[] = [];
  const r = campaign?.results;
  if (campaign && r && r.inPlaceRatio !== null && r.expected >= rules.inPlace.minAssets && r.inPlaceRatio >= rules.inPlace.threshold) {
    lines.push({
      kind: 'assetInPlace',
      points: rules.inPlace.bonus,
      ticketIds: [],
      ratingIds: [],
      personId: null,
      detail: { ratio: r.inPlaceRatio, expected: r.expected, threshold: rules.inPlace.threshold },
      evidence: [campaign._id],
    });
  }
  let budget = rules.damage.maxPerPeriod;
  for (const d of damages) {
    const points = Math.min(rules.damage.perItem, budget);
    if (points <= 0) break;
    budget -= points;
    lines.push({
      kind: 'assetDamage',
      points: -points,
      ticketIds: [],
      ratingIds: [],
      personId: d.liablePersonId,
      detail: { assetId: d.assetId },
      evidence: [d.eventId],
    });
  }
  return lines;
}
