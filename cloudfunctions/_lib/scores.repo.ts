import type { UnitScore } from '../../shared/scoring';
import { COLLECTIONS, db, rowsOf } from './cloud';

/** One scoring run of a month: who ran it, why, with which rules. Runs are never changed or removed. */
export interface ScoreRun {
  runId: string;
  at: Date;
  by: string;
  reason: string;
  ruleVersion: string;
}

/** The month's header: the run currently in force and every run so far (oldest first). */
export interface ScorePeriodDoc {
  _id: string;
  period: string;
  currentRunId: string;
  runs: ScoreRun[];
}

/** A frozen unit score: written once per run, never updated. */
export type ScoreDoc = UnitScore & { _id: string; runId: string; month: string };

export async function scorePeriod(month: string): Promise<ScorePeriodDoc | null> {
  const res = await db().collection(COLLECTIONS.scorePeriods).where({ _id: month }).limit(1).get();
  return rowsOf<ScorePeriodDoc>(res)[0] ?? null;
}

/** The unit scores of one run (one document per unit: O(units) reads), optionally without their lines. */
export async function scoresOfRun(runId: string, withLines = false): Promise<ScoreDoc[]> {
  let q = db().collection(COLLECTIONS.scores).where({ runId });
  if (!withLines) q = q.field({ lines: false });
  return rowsOf<ScoreDoc>(await q.limit(1000).get());
}
