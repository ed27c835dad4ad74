import type { NoInput, Prior, SeverityCounts } from './common.contract';

export type LineKind =
  | 'problem'
  | 'repeat'
  | 'overdue'
  | 'notRectified'
  | 'positive'
  | 'onTime'
  | 'satisfaction'
  | 'missedSelfCheck'
  | 'missedPatrol'
  | 'assetNotVerified'
  | 'assetNoCampaign'
  | 'assetDamage'
  | 'assetInPlace';
/** Where a line's points come from when it is not tickets or ratings: patrol occurrences, asset scans, events or campaigns. */
export interface LineSource {
  kind: 'patrolOccurrence' | 'assetScan' | 'assetEvent' | 'assetCampaign';
  ids: string[];
}
export type LineDetail = Record<string, string | number | boolean | null>;

/** A published version of the monthly scoring rules. */
export interface ScoringRules {
  version: string;
  effectiveFrom: string;
  base: number;
  deduction: SeverityCounts;
  repeatMultiplier: number;
  overdue: { perHour: number; maxPerTicket: number };
  notRectified: number;
  positive: { each: number; max: number };
  onTime: { threshold: number; minTickets: number; bonus: number };
  satisfaction: { threshold: number; minRatings: number; bonus: number };
  /** Optional patrol lines: points per missed daily self-check and per missed planned patrol, capped per period. */
  patrols?: { missedSelfCheck: number; missedPatrol: number; max: number };
  /** Optional fixed-asset lines: a reward for a high in-place ratio, a penalty per damaged item with a liable person. */
  assets?: {
    inPlace: { threshold: number; minAssets: number; bonus: number };
    damage: { perItem: number; maxPerPeriod: number };
    notVerified?: { perItem: number; maxPerPeriod: number; noCampaign: number };
  };
}

export interface ScoreCounts {
  problems: number;
  repeats: number;
  overdue: number;
  notRectified: number;
  positives: number;
  ratings: number;
}

export interface OnTime {
  onTime: number;
  eligible: number;
  rate: number | null;
}

/** One computation of a month ("run"): the freeze, or a recompute with its reason. */
export interface ScoreRun {
  runId: string;
  at: string;
  by: string;
  reason: string;
  ruleVersion: string;
}

export interface ScoreLine {
  kind: LineKind;
  points: number;
  ticketIds: string[];
  ratingIds: string[];
  personId: string | null;
  detail: LineDetail;
  /** The evidence of a patrol or asset line (absent on ticket and rating lines). */
  source?: LineSource;
}

/** A unit's frozen score of a month. */
export interface UnitScoreRow {
  _id: string;
  runId: string;
  month: string;
  unitId: string;
  period: { from: string; to: string; label: string };
  ruleVersion: string;
  base: number;
  deductions: number;
  bonuses: number;
  total: number;
  counts: ScoreCounts;
  onTime: OnTime;
  satisfaction: { n: number; sum: number; mean: number | null };
  lines: ScoreLine[];
  byPerson: Array<{ personId: string; points: number; total: number; ticketIds: string[] }>;
}

export interface ScoreResult {
  month: string;
  runId: string;
  current: boolean;
  runs: ScoreRun[];
  scores: UnitScoreRow[];
}

export interface NamedRun extends ScoreRun {
  byName: string | null;
  current: boolean;
}

/** A ticket behind a line of a unit's score. */
export interface ScoreItem {
  ticketId: string;
  no: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  severity: string | null;
  kind: string | null;
  state: string | null;
  points: number | null;
  /** Where (zone names below the campus), the report's first words and the day reported, as frozen with the run. */
  place: string | null;
  text: string | null;
  day: string | null;
  detail: LineDetail;
  /** A patrol or asset line: what `ticketId` holds (an occurrence, scan record or event id) and the person charged. */
  source?: LineSource['kind'];
  personName?: string | null;
}

export interface ScoreGroup {
  kind: LineKind;
  count: number;
  points: number;
  items: ScoreItem[];
  detail: LineDetail | null;
}

/** One unit's score of a month, every line with the tickets behind it, its rank, runs and previous month. */
export interface UnitScoreReply {
  period: string;
  unitId: string;
  unitName: string;
  runId: string;
  current: boolean;
  run: NamedRun | null;
  runs: NamedRun[];
  rank: number | null;
  of: number;
  ruleVersion: string;
  rules: ScoringRules | null;
  base: number;
  deductions: number;
  bonuses: number;
  total: number;
  counts: ScoreCounts;
  onTime: OnTime;
  satisfaction: { n: number; mean: number | null; adjusted: number; prior: Prior };
  groups: ScoreGroup[];
  previousPeriod: string;
  previous: { period: string; total: number; rank: number; of: number } | null;
}

/** The scoring function (monthly scores). */
export interface ScoringContract {
  result: { input: { period: string; runId?: string; lines?: boolean }; reply: ScoreResult };
  unitScore: { input: { period: string; unitId: string; runId?: string }; reply: UnitScoreReply };
  recompute: {
    input: { period: string; reason: string };
    reply: { month: string; runId: string; previousRunId: string; ruleVersion: string };
  };
  rules: { input: NoInput; reply: ScoringRules[] };
  publishRules: { input: { rules: ScoringRules }; reply: { version: string; effectiveFrom: string } };
  assessmentExport: { input: { period: string }; reply: { fileID: string; url: string | null; month: string; runId: string } };
}
