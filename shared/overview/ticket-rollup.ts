import type { Severity } from '../common/severity.schema';
import { shanghaiDate } from '../time/shanghai';

/**
 * Ticket rollups: what the leaders' overview reads instead of the tickets. A ticket contributes to the rollup of
 * its creation month (a cohort: "problems found in May, and how they were dealt with"), once for its unit, once
 * for its zone and once for the whole campus, plus the open gauge of its unit. Its contribution is a pure
 * function of the ticket as it stands (`contributionOf`), so a write adds `contribution(after) − contribution(before)`
 * (`rollupDelta`) and a repair recomputes the sum from the tickets (`sumContributions`): both agree by construction.
 */

/** What the rollup reads of a ticket. */
export interface RollupTicket {
  kind: 'problem' | 'positive';
  state: string;
  severity: Severity;
  unitId: string;
  zoneId: string;
  createdAt: Date;
  /** Held for content review: not counted until released. */
  held?: boolean;
  repeat: unknown | null;
  notRectified: boolean;
  rectification: { at: Date } | null;
  clock: { usedMs: number; budgetMs: number } | null;
  history: ReadonlyArray<{ event: string; at: Date }>;
}

export const OPEN_STATES: ReadonlySet<string> = new Set([
  'reported',
  'assigned',
  'accepted',
  'paused',
  'coordinating',
  'rectified',
  'rework',
]);
/** States where the problem is dealt with: rectified and waiting for verification, or verified, or closed. */
const SETTLED: ReadonlySet<string> = new Set(['rectified', 'verified', 'closed']);
const DONE: ReadonlySet<string> = new Set(['verified', 'closed']);

/** The counters of one month (and of each of its days, under `d.dNN`). */
export interface TicketCounts {
  /** Problems found. */
  found: number;
  minor: number;
  major: number;
  critical: number;
  /** Positive examples (典型). */
  positive: number;
  /** Problems rectified (now rectified, verified or closed), and of those within their deadline. */
  rectified: number;
  onTime: number;
  /** Milliseconds from report to first rectification, summed over `rectified`. */
  rectifyMs: number;
  /** Problems verified or closed. */
  done: number;
  cancelled: number;
  /** Repeat problems (屡查屡犯) and problems verified as not rectified (查而不改). */
  repeat: number;
  notRectified: number;
}

export type RollupScope = 'unit' | 'zone' | 'all';

/** A month's rollup document: `_id` `tr-<scope>-<key>-<YYYY-MM>`; the day buckets under `d`. */
export interface TicketRollupDoc extends TicketCounts {
  _id: string;
  scope: RollupScope;
  key: string;
  month: string;
  /** `<scope>:<month>`: one indexed field to select a scope's month by (`sm_1_found_-1`, `sm_1_repeat_-1`). */
  sm: string;
  d: Record<string, Partial<TicketCounts>>;
}

/** The open gauge of a unit: `_id` `tg-<unitId>`, the problems of the unit now open. */
export interface OpenGaugeDoc {
  _id: string;
  unitId: string;
  open: number;
}

export const COUNT_KEYS: ReadonlyArray<keyof TicketCounts> = [
  'found',
  'minor',
  'major',
  'critical',
  'positive',
  'rectified',
  'onTime',
  'rectifyMs',
  'done',
  'cancelled',
  'repeat',
  'notRectified',
];
/** The counters kept per day too (the week view and the daily trend need no more). */
const DAY_KEYS: ReadonlySet<keyof TicketCounts> = new Set(['found', 'rectified', 'onTime', 'done', 'positive']);

export const emptyCounts = (): TicketCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as TicketCounts;
export const ALL_KEY = 'all';
export const rollupDocId = (scope: RollupScope, key: string, month: string): string => `tr-${scope}-${key}-${month}`;
export const gaugeDocId = (unitId: string): string => `tg-${unitId}`;

/**
 * What a ticket's contribution depends on, and nothing else: kept per ticket by the rollup sync, so the next change
 * subtracts exactly what was added before.
 */
export interface RollupSnapshot {
  kind: 'problem' | 'positive';
  state: string;
  severity: Severity;
  unitId: string;
  zoneId: string;
  createdAt: Date;
  held: boolean;
  repeat: boolean;
  notRectified: boolean;
  /** When it was first rectified, while it stands rectified, verified or closed; else null. */
  rectifiedAt: Date | null;
  /** Rectified within its deadline (its clock's used time within the budget). */
  onTime: boolean;
}

/** The snapshot of a ticket as it stands. */
export function snapshotOf(t: RollupTicket): RollupSnapshot {
  const first = t.history.find((h) => h.event === 'rectify')?.at ?? null;
  const settled = SETTLED.has(t.state) && !!t.rectification && !!first;
  return {
    kind: t.kind,
    state: t.state,
    severity: t.severity,
    unitId: t.unitId,
    zoneId: t.zoneId,
    createdAt: t.createdAt,
    held: !!t.held,
    repeat: !!t.repeat,
    notRectified: t.notRectified,
    rectifiedAt: settled ? first : null,
    onTime: settled && !!t.clock && t.clock.usedMs <= t.clock.budgetMs,
  };
}

/** A ticket's counters (all zero while it is held for review). */
export function countsOf(s: RollupSnapshot): Partial<TicketCounts> {
  if (s.held) return {};
  if (s.kind === 'positive') return { positive: 1 };
  const c: Partial<TicketCounts> = { found: 1, [s.severity]: 1 };
  if (s.state === 'cancelled') c.cancelled = 1;
  if (s.rectifiedAt) {
    c.rectified = 1;
    c.rectifyMs = Math.max(0, s.rectifiedAt.getTime() - s.createdAt.getTime());
    if (s.onTime) c.onTime = 1;
  }
  if (DONE.has(s.state)) c.done = 1;
  if (s.repeat) c.repeat = 1;
  if (s.notRectified) c.notRectified = 1;
  return c;
}

/** `$inc` paths per document: rollup and gauge ids → dotted path → amount. */
export type Increments = Map<string, Record<string, number>>;

function add(into: Increments, id: string, path: string, v: number): void {
  if (v === 0) return;
  const doc = into.get(id) ?? {};
  doc[path] = (doc[path] ?? 0) + v;
  if (doc[path] === 0) delete doc[path];
  if (Object.keys(doc).length === 0) into.delete(id);
  else into.set(id, doc);
}

/** Adds `sign ×` a ticket's contribution to `into` (month and day counters of its unit, zone and campus; the unit's open gauge). */
export function addContribution(into: Increments, t: RollupSnapshot, sign: 1 | -1): Increments {
  const day = shanghaiDate(t.createdAt);
  const month = day.slice(0, 7);
  const dayKey = `d${day.slice(8, 10)}`;
  const counts = countsOf(t);
  const targets: Array<[RollupScope, string]> = [
    ['unit', t.unitId],
    ['zone', t.zoneId],
    ['all', ALL_KEY],
  ];
  for (const [scope, key] of targets) {
    const id = rollupDocId(scope, key, month);
    for (const [k, v] of Object.entries(counts) as Array<[keyof TicketCounts, number]>) {
      add(into, id, k, sign * v);
      if (DAY_KEYS.has(k)) add(into, id, `d.${dayKey}.${k}`, sign * v);
    }
  }
  if (!t.held && t.kind === 'problem' && OPEN_STATES.has(t.state)) add(into, gaugeDocId(t.unitId), 'open', sign);
  return into;
}

/** What a ticket write adds: the contribution after it, less the one before (`null` before a new ticket). */
export const rollupDelta = (before: RollupSnapshot | null, after: RollupSnapshot): Increments => {
  const into: Increments = new Map();
  if (before) addContribution(into, before, -1);
  return addContribution(into, after, 1);
};

/** The rollup documents' counters as the tickets make them (what a repair writes). */
export function sumContributions(tickets: Iterable<RollupTicket>): Increments {
  const into: Increments = new Map();
  for (const t of tickets) addContribution(into, snapshotOf(t), 1);
  return into;
}

/** The selector of a scope's month: `scopeMonth('zone', '2030-07') === 'zone:2030-07'`. */
export const scopeMonth = (scope: RollupScope, month: string): string => `${scope}:${month}`;

/** The fields of a rollup document id: `tr-unit-u1-2030-07` → scope, key, month and their selector. */
export function parseRollupId(id: string): { scope: RollupScope; key: string; month: string; sm: string } | null {
  const m = /^tr-(unit|zone|all)-(.+)-(\d{4}-\d{2})$/.exec(id);
  return m ? { scope: m[1] as RollupScope, key: m[2], month: m[3], sm: scopeMonth(m[1] as RollupScope, m[3]) } : null;
}
