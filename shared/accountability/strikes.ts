/**
 * The three accountability counters, derived from ticket history (a nightly job reads the tickets changed
 * since its last run): each occurrence is one immutable "strike" with a deterministic id, so deriving twice
 * never counts twice.
 * - 查而不改 `notRectified`: a rectification verified as not done (a `reject` event);
 * - 屡查屡犯 `repeatFound`: a problem found again in the same zone and category within the repeat window;
 * - 屡改屡犯 `repeatAfterFix`: found again after an earlier ticket was verified fixed — the ticket before it of the
 *   same zone and category (its repeat link, or else the latest one opened within `FIX_LOOKBACK_DAYS` before it,
 *   see `fixedBefore`) had been verified before it was opened — or a verified ticket reopened.
 */
const DAY_MS = 86_400_000;

export const STRIKE_KINDS = ['notRectified', 'repeatFound', 'repeatAfterFix'] as const;
export type StrikeKind = (typeof STRIKE_KINDS)[number];

/** Whom a strike counts against. */
export const SUBJECT_TYPES = ['unit', 'zone', 'person'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface Strike {
  _id: string;
  kind: StrikeKind;
  ticketId: string;
  ticketNo: string;
  at: Date;
  unitId: string;
  zoneId: string;
  personId: string | null;
}

/** What strike derivation reads of a ticket. */
export interface StrikeTicket {
  _id: string;
  no: string;
  kind: 'problem' | 'positive';
  unitId: string;
  zoneId: string;
  assigneeId: string | null;
  createdAt: Date;
  held?: boolean;
  repeat: { count: number; ofTicketId: string } | null;
  history: ReadonlyArray<{ at: Date; event: string }>;
  categoryCode?: string;
  state?: string;
}

/**
 * How far back 屡改屡犯 looks for the ticket before a new one when the new one carries no repeat link (the repeat
 * window, 30 days, has passed): one semester. A problem fixed in March and back in May still counts.
 */
export const FIX_LOOKBACK_DAYS = 180;

/** When a ticket was first verified fixed (approved or auto-verified), or null. */
export const verifiedAt = (t: Pick<StrikeTicket, 'history'>): Date | null =>
  t.history.find((h) => h.event === 'approve' || h.event === 'autoVerify')?.at ?? null;

/**
 * The strikes a ticket carries. `earlierVerifiedAt` is when the ticket it repeats (`repeat.ofTicketId`) was
 * verified fixed, if it was. Example: a repeat of a ticket verified the day before gives `rf-<id>` and `rx-<id>`.
 */
export function strikesOf(t: StrikeTicket, earlierVerifiedAt: Date | null): Strike[] {
  if (t.kind !== 'problem' || t.held) return [];
  const base = { ticketId: t._id, ticketNo: t.no, unitId: t.unitId, zoneId: t.zoneId, personId: t.assigneeId };
  const out: Strike[] = [];
  t.history.forEach((h, i) => {
    if (h.event === 'reject') out.push({ ...base, _id: `nr-${t._id}-${i}`, kind: 'notRectified', at: h.at });
    if (h.event === 'reopen') out.push({ ...base, _id: `rx-${t._id}-${i}`, kind: 'repeatAfterFix', at: h.at });
  });
  if (t.repeat) out.push({ ...base, _id: `rf-${t._id}`, kind: 'repeatFound', at: t.createdAt });
  if (earlierVerifiedAt && earlierVerifiedAt <= t.createdAt) {
    out.push({ ...base, _id: `rx-${t._id}`, kind: 'repeatAfterFix', at: t.createdAt });
  }
  return out;
}

/**
 * When the ticket before `t` was verified fixed, if that was before `t` was opened; else null. "The ticket before"
 * is the latest of `earlier` (tickets of the same zone and category) opened before `t` and at most
 * `FIX_LOOKBACK_DAYS` earlier, leaving out positive examples, held reports and cancelled tickets. Example: fixed on
 * 1 March, found again on 20 May (no repeat link) → 1 March; found again while the first was still open → null.
 */
export function fixedBefore(
  t: Pick<StrikeTicket, '_id' | 'createdAt'>,
  earlier: ReadonlyArray<Pick<StrikeTicket, '_id' | 'kind' | 'held' | 'state' | 'createdAt' | 'history'>>,
): Date | null {
  const from = t.createdAt.getTime() - FIX_LOOKBACK_DAYS * DAY_MS;
  let prev: (typeof earlier)[number] | null = null;
  for (const e of earlier) {
    if (e._id === t._id || e.kind !== 'problem' || e.held || e.state === 'cancelled') continue;
    const at = e.createdAt.getTime();
    if (at >= t.createdAt.getTime() || at < from) continue;
    if (!prev || at > prev.createdAt.getTime()) prev = e;
  }
  const fixed = prev ? verifiedAt(prev) : null;
  return fixed && fixed <= t.createdAt ? fixed : null;
}

/** When a case is proposed: `threshold` strikes of one kind against one subject within `windowDays`. */
export interface AccountabilitySettings {
  threshold: number;
  windowDays: number;
  /** Coordination requests unresolved this many days become agenda items. */
  agendaAfterDays: number;
  /** Share of the time to the deadline after which a supervision item turns amber. */
  amberAt: number;
}
export const DEFAULT_ACCOUNTABILITY_SETTINGS: AccountabilitySettings = { threshold: 3, windowDays: 30, agendaAfterDays: 7, amberAt: 0.7 };

export interface CaseProposal {
  /** Unique: the same strikes never propose two cases. */
  key: string;
  kind: StrikeKind;
  subjectType: SubjectType;
  subjectId: string;
  strikeIds: string[];
  ticketIds: string[];
}

/**
 * Cases to propose from strikes not yet in a case of that subject type: for each kind and subject with at
 * least `threshold` of them within the window ending `now`, one proposal naming them all. The key is made of
 * the kind, subject and earliest strike, so a proposal retried after a crash is recognised.
 */
export function proposals(
  uncovered: ReadonlyArray<Strike>,
  subjectType: SubjectType,
  now: Date,
  s: Pick<AccountabilitySettings, 'threshold' | 'windowDays'>,
): CaseProposal[] {
  const since = now.getTime() - s.windowDays * DAY_MS;
  const groups = new Map<string, Strike[]>();
  for (const k of uncovered) {
    const subjectId = subjectType === 'unit' ? k.unitId : subjectType === 'zone' ? k.zoneId : k.personId;
    if (!subjectId || k.at.getTime() < since || k.at > now) continue;
    const g = `${k.kind}|${subjectId}`;
    groups.set(g, [...(groups.get(g) ?? []), k]);
  }
  const out: CaseProposal[] = [];
  for (const [g, list] of groups) {
    if (list.length < s.threshold) continue;
    const [kind, subjectId] = g.split('|') as [StrikeKind, string];
    const sorted = [...list].sort((a, b) => +a.at - +b.at || (a._id < b._id ? -1 : 1));
    out.push({
      key: `${kind}|${subjectType}|${subjectId}|${sorted[0]._id}`,
      kind,
      subjectType,
      subjectId,
      strikeIds: sorted.map((k) => k._id),
      ticketIds: [...new Set(sorted.map((k) => k.ticketId))],
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export { STRIKE_LABELS, SUBJECT_LABELS } from './accountability.labels';
