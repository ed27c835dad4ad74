import type { Severity } from '../common/severity.schema';
import type { ServiceHours } from '../deadlines/service-hours.schema';
import { lateness, round2, type ScoringTicket } from '../scoring/score';

/** What a briefing reads of a ticket. */
export interface BriefingTicket {
  _id: string;
  no: string;
  kind: 'problem' | 'positive';
  state: string;
  severity: Severity;
  unitId: string;
  zoneId: string;
  categoryCode: string;
  description: string;
  photos: string[];
  afterPhotos: string[];
  repeat: { count: number; ofTicketId: string } | null;
  notRectified: boolean;
  createdAt: Date;
  dueAt: Date | null;
  rectifiedAt: Date | null;
  cause: string | null;
  clock: ScoringTicket['clock'];
  /** The zone's service hours (lateness is measured on the deadline clock's basis, see `lateness`). */
  hours?: ServiceHours | null;
}

export interface BriefingItem {
  ticketId: string;
  no: string;
  kind: 'problem' | 'positive';
  unitId: string;
  zoneId: string;
  categoryCode: string;
  severity: Severity;
  state: string;
  description: string;
  photos: string[];
  afterPhotos: string[];
  createdAt: Date;
  dueAt: Date | null;
  rectifiedAt: Date | null;
  cause: string | null;
  repeat: boolean;
  /** 查而不改: a rectification was rejected at verification (absent from briefings made before it was kept). */
  notRectified?: boolean;
  /** Still open and past its deadline when the briefing was made (absent from older briefings). */
  overdue?: boolean;
}

export interface BriefingContent {
  period: string;
  totals: { problems: number; positives: number };
  byCategory: Array<{ key: string; n: number }>;
  byUnit: Array<{ key: string; n: number }>;
  bySeverity: Record<Severity, number>;
  rectification: { closed: number; open: number; cancelled: number; onTime: number; eligible: number; rate: number | null };
  repeatOffenders: Array<{ unitId: string; zoneId: string; categoryCode: string; count: number; ticketIds: string[] }>;
  positives: BriefingItem[];
  items: BriefingItem[];
  /** Patrol coverage of the period (shared/patrols/coverage.ts); absent from briefings made before patrols. */
  coverage?: BriefingCoverage;
}

/** The briefing's coverage section: the shares of (zone, weekday, service interval) cells covered, and the gaps. */
export interface BriefingCoverage {
  cells: number;
  together: number | null;
  office: number | null;
  centre: number | null;
  overlap: number | null;
  /** On-time compliance of planned patrols and self-checks: done on time ÷ (scheduled − excused). */
  compliance: { scheduled: number; onTime: number; missed: number; excused: number; rate: number | null };
  blindCells: number;
  /** Zone names without a visit of either level in the last 14 days of the period (at most 10 named). */
  staleZones: string[];
  staleZoneCount: number;
}

/** A problem an admin may pick as one of a draft's items (what the picker shows of it). */
export interface BriefingCandidate {
  ticketId: string;
  no: string;
  unitId: string;
  zoneId: string;
  categoryCode: string;
  severity: Severity;
  state: string;
  description: string;
  repeat: boolean;
  notRectified: boolean;
  photos: number;
  createdAt: Date;
}

const DONE = new Set(['rectified', 'verified', 'closed']);
const VERIFIED = new Set(['verified', 'closed']);
/** Default number of selected items: the most serious problems first. */
export const DEFAULT_ITEM_LIMIT = 30;
/** How many candidates a draft offers (as many as `selectItems` accepts). */
export const CANDIDATE_LIMIT = 100;
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

/** The period's problems, most serious first: severity, then repeats, then 查而不改, then oldest first. */
export function rankProblems(tickets: readonly BriefingTicket[]): BriefingTicket[] {
  return tickets
    .filter((t) => t.kind === 'problem' && t.state !== 'cancelled')
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        Number(!!b.repeat) - Number(!!a.repeat) ||
        Number(b.notRectified) - Number(a.notRectified) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a._id < b._id ? -1 : 1),
    );
}

/**
 * The problems an admin picks a draft's items from: the `CANDIDATE_LIMIT` most serious (`rankProblems`), so the
 * default selection (the first `DEFAULT_ITEM_LIMIT`) is always among them.
 */
export const candidatesOf = (tickets: readonly BriefingTicket[]): BriefingCandidate[] =>
  rankProblems(tickets)
    .slice(0, CANDIDATE_LIMIT)
    .map((t) => ({
      ticketId: t._id,
      no: t.no,
      unitId: t.unitId,
      zoneId: t.zoneId,
      categoryCode: t.categoryCode,
      severity: t.severity,
      state: t.state,
      description: t.description,
      repeat: !!t.repeat,
      notRectified: t.notRectified,
      photos: t.photos.length + t.afterPhotos.length,
      createdAt: t.createdAt,
    }));

const count = (keys: string[]) =>
  [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())]
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));

/** A ticket as a briefing lists it, as of `asOf` (which decides whether an open problem is overdue). */
export const itemOf = (t: BriefingTicket, asOf: Date): BriefingItem => ({
  ticketId: t._id,
  no: t.no,
  kind: t.kind,
  unitId: t.unitId,
  zoneId: t.zoneId,
  categoryCode: t.categoryCode,
  severity: t.severity,
  state: t.state,
  description: t.description,
  photos: t.photos,
  afterPhotos: t.afterPhotos,
  createdAt: t.createdAt,
  dueAt: t.dueAt,
  rectifiedAt: t.rectifiedAt,
  cause: t.cause,
  repeat: !!t.repeat,
  notRectified: t.notRectified,
  overdue: t.kind === 'problem' && !DONE.has(t.state) && t.state !== 'cancelled' && lateness(t, asOf).lateMs > 0,
});

/**
 * The briefing of a period from its tickets (created in the period, as of `asOf`): counts by category, unit
 * and severity; rectification status and on-time rate (rectified by the deadline / problems rectified or past
 * their deadline at `asOf`, see `lateness`); repeat offenders (zone + category with two or more problems); positive examples;
 * and the selected items (`selected` ticket ids, else the most serious problems, repeats and 查而不改 first).
 */
export function buildBriefing(
  period: string,
  tickets: readonly BriefingTicket[],
  asOf: Date,
  selected?: readonly string[],
): BriefingContent {
  const problems = tickets.filter((t) => t.kind === 'problem' && t.state !== 'cancelled');
  const positives = tickets.filter((t) => t.kind === 'positive');
  const eligible = problems.filter((t) => lateness(t, asOf).eligible);
  const onTime = problems.filter((t) => lateness(t, asOf).onTime);
  const groups = new Map<string, BriefingTicket[]>();
  for (const t of problems) {
    const key = `${t.unitId}|${t.zoneId}|${t.categoryCode}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const repeatOffenders = [...groups.values()]
    .filter((g) => g.length >= 2)
    .map((g) => ({
      unitId: g[0].unitId,
      zoneId: g[0].zoneId,
      categoryCode: g[0].categoryCode,
      count: g.length,
      ticketIds: g.map((t) => t._id),
    }))
    .sort((a, b) => b.count - a.count || (a.zoneId < b.zoneId ? -1 : 1));
  const byId = new Map(tickets.map((t) => [t._id, t]));
  const items = selected
    ? selected.flatMap((id) => (byId.has(id) ? [itemOf(byId.get(id) as BriefingTicket, asOf)] : []))
    : rankProblems(problems)
        .slice(0, DEFAULT_ITEM_LIMIT)
        .map((t) => itemOf(t, asOf));
  return {
    period,
    totals: { problems: problems.length, positives: positives.length },
    byCategory: count(problems.map((t) => t.categoryCode)),
    byUnit: count(problems.map((t) => t.unitId)),
    bySeverity: {
      minor: problems.filter((t) => t.severity === 'minor').length,
      major: problems.filter((t) => t.severity === 'major').length,
      critical: problems.filter((t) => t.severity === 'critical').length,
    },
    rectification: {
      // Closed means verified: a rectification still waiting for its verifier is not done yet (rules branch).
      closed: problems.filter((t) => VERIFIED.has(t.state)).length,
      open: problems.filter((t) => !VERIFIED.has(t.state)).length,
      cancelled: tickets.filter((t) => t.kind === 'problem' && t.state === 'cancelled').length,
      onTime: onTime.length,
      eligible: eligible.length,
      rate: eligible.length > 0 ? round2(onTime.length / eligible.length) : null,
    },
    repeatOffenders,
    positives: positives.map((t) => itemOf(t, asOf)),
    items,
  };
}
