import { isAppError } from '../../shared/errors';
import {
  type Increments,
  parseRollupId,
  type RollupSnapshot,
  type RollupTicket,
  rollupDelta,
  snapshotOf,
} from '../../shared/overview/ticket-rollup';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { isDuplicateKey, ticketsChangedSince } from '../_lib/tickets.repo';
import { runTx, type Tx, txGet } from '../_lib/tx';

/** Where the sync stopped: tickets changed at or after `watermark` are looked at again. */
interface SyncState {
  _id: string;
  watermark: Date;
  runs: number;
}
/** What the sync last added for one ticket. */
interface Rolled {
  _id: string;
  version: number;
  snapshot: RollupSnapshot;
}

const STATE_ID = 'overview-sync';
/**
 * A ticket write carries the time its function started, and a function runs for at most 60 s: a write stamped
 * before the last run may land after it. The watermark therefore trails the newest change seen by this much,
 * and what is looked at twice is skipped by its version.
 */
export const WATERMARK_LAG_MS = 65_000;

const FIELDS = {
  _id: true,
  version: true,
  updatedAt: true,
  kind: true,
  state: true,
  severity: true,
  unitId: true,
  zoneId: true,
  createdAt: true,
  held: true,
  repeat: true,
  notRectified: true,
  rectification: true,
  clock: true,
  history: true,
} as const;

type SyncTicket = RollupTicket & { _id: string; version: number; updatedAt: Date };

export interface SyncStats {
  read: number;
  applied: number;
  skipped: number;
  failed: number;
  watermark: Date;
  timedOut: boolean;
}

/** Creates the rollup and gauge documents an increment will land in, where missing (a lost creation race is harmless). */
async function ensureDocs(ids: readonly string[], created: Set<string>): Promise<void> {
  const missing = ids.filter((id) => !created.has(id));
  if (missing.length === 0) return;
  const _ = cmd();
  const found = new Set(
    rowsOf<{ _id: string }>(
      await db()
        .collection(COLLECTIONS.ticketRollups)
        .where({ _id: _.in(missing) })
        .field({ _id: true })
        .limit(missing.length)
        .get(),
    ).map((d) => d._id),
  );
  for (const id of missing) {
    if (!found.has(id)) {
      const parsed = parseRollupId(id);
      const data = parsed ? { _id: id, ...parsed, d: {} } : { _id: id, unitId: id.slice(3), open: 0 };
      try {
        await db().collection(COLLECTIONS.ticketRollups).add({ data });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    created.add(id);
  }
}

const incData = (paths: Record<string, number>) => {
  const _ = cmd();
  return Object.fromEntries(Object.entries(paths).map(([p, v]) => [p, _.inc(v)]));
};

/**
 * Adds one ticket's change to the rollups, exactly once: in one transaction, the ticket's last snapshot is read,
 * the difference between its contribution now and then is added to each rollup document, and the new snapshot
 * and version are stored. A version already rolled (or newer) is skipped, so looking at a change twice, or a
 * concurrent sync, adds nothing twice.
 */
async function applyTicket(t: SyncTicket, created: Set<string>): Promise<boolean> {
  const snapshot = snapshotOf(t);
  // The documents the increments touch, made beforehand (a transaction cannot create them on an update).
  const seen = rowsOf<Rolled>(await db().collection(COLLECTIONS.ticketRolled).where({ _id: t._id }).limit(1).get())[0];
  if (seen && seen.version >= t.version) return false;
  await ensureDocs([...rollupDelta(seen ? revive(seen.snapshot) : null, snapshot).keys(), ...rollupDelta(null, snapshot).keys()], created);
  return runTx(async (tx: Tx) => {
    const rolled = await txGet<Rolled>(tx, COLLECTIONS.ticketRolled, t._id);
    if (rolled && rolled.version >= t.version) return false;
    const delta: Increments = rollupDelta(rolled ? revive(rolled.snapshot) : null, snapshot);
    const fresh = [...delta.keys()].filter((id) => !created.has(id));
    // Another sync rolled a version in between that touched other documents: left for the next run.
    if (fresh.length > 0) throw new Error(`rollup documents not yet made for ${t._id}: ${fresh.join(', ')}`);
    for (const [id, paths] of delta)
      await tx
        .collection(COLLECTIONS.ticketRollups)
        .doc(id)
        .update({ data: incData(paths) });
    await tx
      .collection(COLLECTIONS.ticketRolled)
      .doc(t._id)
      .set({ data: { version: t.version, snapshot } as unknown as Record<string, unknown> });
    return true;
  });
}

/** Dates come back from a transaction read as Dates or ISO strings depending on the SDK path; make them Dates. */
function revive(s: RollupSnapshot): RollupSnapshot {
  const date = (v: unknown) => (v instanceof Date ? v : v ? new Date(String((v as { $date?: string }).$date ?? v)) : null);
  return { ...s, createdAt: date(s.createdAt) as Date, rectifiedAt: date(s.rectifiedAt) };
}

/**
 * The rollup sync (the overview timer, every five minutes): reads the tickets changed since the watermark, oldest
 * change first, and adds each change to the rollups exactly once (`applyTicket`). Stops starting new tickets at
 * `deadline`; the watermark then stands at the last change applied, so the next run carries on from there.
 */
export async function syncRollups(now: Date, deadline: number): Promise<SyncStats> {
  const state = rowsOf<SyncState>(await db().collection(COLLECTIONS.ticketRollups).where({ _id: STATE_ID }).limit(1).get())[0];
  const from = state?.watermark ?? new Date(0);
  const stats: SyncStats = { read: 0, applied: 0, skipped: 0, failed: 0, watermark: from, timedOut: false };
  const created = new Set<string>();
  let newest = from;
  outer: for await (const page of ticketsChangedSince<SyncTicket>(from, FIELDS)) {
    for (const t of page) {
      if (Date.now() >= deadline) {
        stats.timedOut = true;
        break outer;
      }
      stats.read++;
      try {
        if (await applyTicket(t, created)) stats.applied++;
        else stats.skipped++;
      } catch (e) {
        // Left for the next run: the watermark does not pass a ticket that failed.
        stats.failed++;
        logger.error('rollup sync failed for a ticket', { ticketId: t._id, error: isAppError(e) ? e.code : e });
        break outer;
      }
      if (t.updatedAt > newest) newest = t.updatedAt;
    }
  }
  const lagged = new Date(now.getTime() - WATERMARK_LAG_MS);
  stats.watermark =
    stats.timedOut || stats.failed > 0 ? newest : new Date(Math.max(from.getTime(), Math.min(newest.getTime(), lagged.getTime())));
  if (!state) {
    try {
      await db()
        .collection(COLLECTIONS.ticketRollups)
        .add({ data: { _id: STATE_ID, watermark: stats.watermark, runs: 1 } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  } else {
    await db()
      .collection(COLLECTIONS.ticketRollups)
      .doc(STATE_ID)
      .update({ data: { watermark: stats.watermark, runs: cmd().inc(1) } });
  }
  return stats;
}
