/** What crosses the wire for the `overview` function, zod-free (dates as ISO strings). */
import type { Overview } from '../overview/overview';

/** The leaders' overview as it arrives: `asOf` is an ISO string. */
export type OverviewSummary = Omit<Overview, 'asOf'> & { asOf: string };

/** What one run of the ticket rollup sync did (`overview.sync`, also the timer's result). */
export interface OverviewSyncStats {
  read: number;
  applied: number;
  skipped: number;
  failed: number;
  /** The `updatedAt` of the newest ticket change applied so far. */
  watermark: string;
  /** The run stopped at its time budget; the next run goes on from `watermark`. */
  timedOut: boolean;
}

/** The overview function: the leaders' 总览 read from rollups, and the rollup sync an admin may run at once. */
export interface OverviewContract {
  summary: { input: Record<string, never>; reply: OverviewSummary };
  sync: { input: Record<string, never>; reply: OverviewSyncStats };
}
