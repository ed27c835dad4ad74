import type { ServiceHours } from '../../shared/deadlines/service-hours.schema';
import type { CoverageTerm, OccurrenceState, PatrolLevel, PatrolPlan, RollupIncrement, VisitRole } from '../../shared/patrols';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { CACHE_TTL_MS } from '../_lib/refdata';
import { isDuplicateKey } from '../_lib/tickets.repo';
import type { Tx } from '../_lib/tx';

export const plans = () => db().collection(COLLECTIONS.patrolPlans);
export const occurrences = () => db().collection(COLLECTIONS.patrolOccurrences);
export const visits = () => db().collection(COLLECTIONS.patrolVisits);
export const samples = () => db().collection(COLLECTIONS.patrolSamples);
export const coverageDocs = () => db().collection(COLLECTIONS.patrolCoverage);

export type PlanDoc = PatrolPlan;

/** An occurrence as stored; `_id` is its (plan, zone, slot[, assignee]) key, so inserting it twice fails. */
export interface OccurrenceDoc {
  _id: string;
  /** The same key under a unique index (database.json), for readers that look it up by field. */
  key: string;
  planId: string;
  /** `self-check` for the built-in daily self-check. */
  planName: string;
  kind: 'plan' | 'selfCheck';
  level: PatrolLevel | 'self';
  surprise: boolean;
  zoneId: string;
  zoneName: string;
  unitId: string;
  slotKey: string;
  date: string;
  startAt: Date;
  dueAt: Date;
  missAt: Date;
  assigneeIds: string[];
  ownerId: string | null;
  state: OccurrenceState;
  visitId: string | null;
  excuse: { reason: string; by: string; at: Date } | null;
  history: Array<{ at: Date; event: string; by: string }>;
  createdAt: Date;
}

export interface VisitItem {
  id: string;
  text: string;
  list: 'check' | 'negative';
  result: 'pass' | 'fail' | 'na' | null;
}

/** A visit, proven by scanning the zone's code; a visit with no finding is a record too. */
export interface VisitDoc {
  _id: string;
  zoneId: string;
  zoneName: string;
  unitId: string;
  sceneId: string;
  occurrenceId: string | null;
  planId: string | null;
  inspectorId: string;
  inspectorName: string | null;
  role: VisitRole;
  state: 'open' | 'ended';
  /** `<inspector>~<zone>` while open (one open visit per person and zone), the visit's id once ended (unique index). */
  openKey: string;
  startedAt: Date;
  endedAt: Date | null;
  items: VisitItem[];
  note: string | null;
  findings: Array<{ ticketId: string; no: string; kind: 'problem' | 'positive' }>;
  /** A volunteer's observations wait for staff to confirm them before they count. */
  notes: Array<{ text: string; status: 'pending' | 'confirmed' | 'dismissed'; at: Date; decidedBy?: string; ticketId?: string }>;
  requestId: string | null;
}

export interface ZoneLite {
  _id: string;
  name: string;
  unitId: string;
  sceneId: string;
  serviceHours: ServiceHours;
  responsible: { primary: string; backup?: string };
  path: string[];
  active?: boolean;
}

/** Inserts a document; false when its `_id` (or a unique key) is taken: the idempotent "create once". */
export async function insertOnce(collection: string, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await db().collection(collection).add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Creates the coverage week documents increments will land in (a concurrent creator losing the race is harmless). */
export async function ensureCoverageDocs(incs: readonly RollupIncrement[]): Promise<void> {
  const ids = incs.map((i) => i.id);
  if (ids.length === 0) return;
  const _ = cmd();
  const have = new Set(
    rowsOf<{ _id: string }>(
      await coverageDocs()
        .where({ _id: _.in(ids) })
        .field({ _id: true })
        .limit(ids.length)
        .get(),
    ).map((d) => d._id),
  );
  for (const i of incs) {
    if (have.has(i.id)) continue;
    await insertOnce(COLLECTIONS.patrolCoverage, {
      _id: i.id,
      unitId: i.unitId,
      week: i.week,
      ...(i.term ? { term: i.term } : {}),
      z: {},
      o: {},
    });
  }
}

/** Applies increments inside a transaction (the documents must exist: `ensureCoverageDocs` first). */
export async function incrementInTx(tx: Tx, incs: readonly RollupIncrement[]): Promise<void> {
  const _ = cmd();
  for (const i of incs) {
    // `rev` counts the writes, so the nightly check repairs only a document nobody changed while it was checked.
    const data = { ...Object.fromEntries(Object.entries(i.inc).map(([path, v]) => [path, _.inc(v)])), rev: _.inc(1) };
    await tx.collection(COLLECTIONS.patrolCoverage).doc(i.id).update({ data });
  }
}

/** The settings document that holds the configured terms (学期) of the coverage rollups. */
export const PATROL_SETTINGS_ID = 'patrols';
let termsCache: { at: number; value: Promise<CoverageTerm[]> } | null = null;

/** The configured terms, cached for 30 s per warm instance like the other reference data. */
export function coverageTerms(): Promise<CoverageTerm[]> {
  if (termsCache && Date.now() - termsCache.at < CACHE_TTL_MS) return termsCache.value;
  const value = (async () => {
    const doc = rowsOf<{ terms?: CoverageTerm[] }>(
      await db().collection(COLLECTIONS.settings).where({ _id: PATROL_SETTINGS_ID }).limit(1).get(),
    )[0];
    return doc?.terms ?? [];
  })();
  value.catch(() => {
    termsCache = null;
  });
  termsCache = { at: Date.now(), value };
  return value;
}
export const forgetTerms = (): void => {
  termsCache = null;
};
