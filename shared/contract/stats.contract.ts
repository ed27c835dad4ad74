import type { Named, NoInput, Previous, Prior } from './common.contract';
import type { ScoreRun } from './scoring.contract';

/** A ranking page: `cursor` from the previous page's `nextCursor`; no `limit` means the whole ranking. */
export interface Paging {
  cursor?: string;
  limit?: number;
}

export interface ScoreRankRow {
  rank: number;
  unitId: string;
  name: string;
  total: number;
  deductions: number;
  bonuses: number;
  problems: number;
  previous: Previous;
}

export interface SatisfactionRankRow {
  rank: number;
  unitId: string;
  name: string;
  n: number;
  mean: number | null;
  adjusted: number;
  previous: Previous;
}

export interface ZoneRankRow {
  rank: number;
  zoneId: string;
  name: string | null;
  unitId: string | null;
  unitName: string | null;
  n: number;
  mean: number | null;
  adjusted: number;
  previous: Previous;
}

export interface StaffRankRow {
  rank: number;
  personId: string;
  name: string | null;
  total: number;
  points: number;
  tickets: number;
  previous: Previous;
}

interface RankingPage<Row> {
  period: string;
  total: number;
  nextCursor: string | null;
  rows: Row[];
}

export interface ScoreRanking extends RankingPage<ScoreRankRow> {
  previousPeriod: string;
  by: 'score';
  runId: string;
  ruleVersion: string;
  run: ScoreRun | null;
  recomputed: boolean;
}

export interface SatisfactionRanking extends RankingPage<SatisfactionRankRow> {
  previousPeriod: string;
  by: 'satisfaction';
  prior: Prior;
}

export interface ZoneRanking extends RankingPage<ZoneRankRow> {
  previousPeriod: string;
  prior: Prior;
}

export interface StaffRanking extends RankingPage<StaffRankRow> {
  unitId: string;
}

export interface RankingOptions {
  periods: Array<{ period: string; runs: number; recomputed: boolean }>;
  latest: string;
  campuses: Named[];
  centres: Named[];
  staffUnits: Named[];
}

export interface RollupReport {
  day: string;
  records: number;
  units: number;
  drifted: Array<{ unitId: string; drift: Array<{ path: string; stored: number; expected: number }> }>;
  repaired: boolean;
}

/** The stats function (rankings and the rollup check). */
export interface StatsContract {
  unitRanking: {
    input: Paging & { period: string; by?: 'satisfaction' | 'score'; campusId?: string; centreId?: string };
    reply: ScoreRanking | SatisfactionRanking;
  };
  zoneRanking: { input: Paging & { period: string; unitId?: string; centreId?: string; campusId?: string }; reply: ZoneRanking };
  staffRanking: { input: Paging & { period: string; unitId: string }; reply: StaffRanking };
  rankingOptions: { input: NoInput; reply: RankingOptions };
  checkRollups: { input: { day: string; repair?: boolean }; reply: RollupReport };
}
