/**
 * What crosses the wire for the patrols function (cloudfunctions/patrols), zod-free: inputs as the
 * mini-program sends them and replies as it receives them (instants as ISO strings).
 */
import type { Compliance, LevelCoverage, OccurrenceState, PatrolLevel, PlanFields, PlanStatus, VisitRole, ZoneCoverage } from '../patrols';
import type { Weekday } from '../time/shanghai';

type Iso = string;

export interface PatrolPlanView extends PlanFields {
  _id: string;
  status: PlanStatus;
  seed: string;
  ownerId: string;
  version: number;
  createdAt: Iso;
  updatedAt: Iso;
  updatedBy: string;
}

export interface OccurrenceView {
  _id: string;
  planId: string;
  planName: string;
  kind: 'plan' | 'selfCheck';
  level: PatrolLevel | 'self';
  surprise: boolean;
  zoneId: string;
  zoneName: string;
  unitId: string;
  date: string;
  startAt: Iso;
  dueAt: Iso;
  missAt: Iso;
  state: OccurrenceState;
  visitId: string | null;
  excuse: { reason: string; by: string; at: Iso } | null;
}

export interface VisitItemView {
  id: string;
  text: string;
  list: 'check' | 'negative';
  result: 'pass' | 'fail' | 'na' | null;
}

export interface VisitView {
  _id: string;
  zoneId: string;
  zoneName: string;
  occurrenceId: string | null;
  role: VisitRole;
  state: 'open' | 'ended';
  startedAt: Iso;
  endedAt: Iso | null;
  items: VisitItemView[];
  findings: Array<{ ticketId: string; no: string; kind: 'problem' | 'positive' }>;
  /** Volunteers' notes; `decidedBy` is the inspector who decided, `ticketId` the finding a confirmed note became. */
  notes: Array<{ text: string; status: 'pending' | 'confirmed' | 'dismissed'; at: Iso; decidedBy?: string; ticketId?: string }>;
  inspectorName: string | null;
}

/** One zone's coverage, as shared/patrols computes it (no instants: it crosses the wire as it is). */
export type ZoneCoverageView = ZoneCoverage;

export interface CoverageReply {
  from: string;
  to: string;
  cells: number;
  office: LevelCoverage;
  centre: LevelCoverage;
  together: LevelCoverage;
  overlap: LevelCoverage;
  volunteer: LevelCoverage;
  self: LevelCoverage;
  zones: ZoneCoverageView[];
  zoneCount: number;
  nextOffset: number | null;
  blindCells: Array<{ zoneId: string; name: string; weekday: Weekday; open: string; close: string }>;
  blindCellCount: number;
  staleZones: Array<{ zoneId: string; name: string; lastVisit: string | null }>;
  staleZoneCount: number;
  compliance: Record<'office' | 'centre' | 'self' | 'all', Compliance>;
  /** The configured terms (the page offers them as periods) and the one this period is, if any. */
  terms: Array<{ id: string; name: string; from: string; to: string }>;
  fromTerm: string | null;
}

export interface TimerReportView {
  created: number;
  existing: number;
  zonesWithoutHours: number;
  plans: number;
  opened: number;
  missed: number;
  capped: boolean;
  note: string;
}

export type CheckResult = 'pass' | 'fail' | 'na';

export interface PatrolsContract {
  savePlan: {
    input: { planId?: string; version?: number; fields: PlanFields };
    reply: { plan: PatrolPlanView; perYear: number; zones: number };
  };
  setPlanStatus: { input: { planId: string; status: Exclude<PlanStatus, 'draft'>; version: number }; reply: { plan: PatrolPlanView } };
  planOptions: {
    input: Record<string, never>;
    reply: {
      me: string;
      centres: Array<{ _id: string; name: string }>;
      inspectors: Array<{ _id: string; name: string; level: 'office' | 'centre'; centreId: string | null }>;
    };
  };
  listPlans: { input: Record<string, never>; reply: { items: PatrolPlanView[] } };
  getPlan: { input: { planId: string }; reply: { plan: PatrolPlanView } };
  previewSample: {
    input: { planId: string; period: string; seed?: string };
    reply: { seed: string; chosen: string[]; weights: Record<string, number>; periods: string[] };
  };
  myToday: { input: Record<string, never>; reply: { today: string; items: OccurrenceView[] } };
  startVisit: { input: { sceneId: string; occurrenceId?: string }; reply: { visit: VisitView } };
  getVisit: { input: { visitId: string }; reply: { visit: VisitView } };
  endVisit: {
    input: { visitId: string; results: Record<string, CheckResult>; note?: string };
    reply: { visitId: string; endedAt: Iso; failed: number; findings: number; outcome: 'doneOnTime' | 'doneLate' | null };
  };
  linkFinding: { input: { visitId: string; ticketId: string }; reply: { visitId: string; findings: number } };
  noteFinding: { input: { visitId: string; text: string }; reply: { visitId: string; notes: number } };
  confirmNote: {
    input: { visitId: string; index: number; decision: 'confirm' | 'dismiss'; ticketId?: string };
    reply: { visitId: string; status: 'confirmed' | 'dismissed' };
  };
  pendingNotes: {
    input: Record<string, never>;
    reply: { items: Array<{ visitId: string; index: number; zoneId: string; zoneName: string; text: string; by: string | null; at: Iso }> };
  };
  excuse: { input: { occurrenceId: string; reason: string }; reply: { occurrence: OccurrenceView | null } };
  register: {
    input: { from: string; to: string; unitId?: string; offset?: number };
    reply: { items: OccurrenceView[]; nextOffset: number | null };
  };
  visits: {
    input: { zoneId?: string; unitId?: string; from: string; to: string };
    reply: {
      items: Array<{
        _id: string;
        zoneName: string;
        role: VisitRole;
        inspectorName: string | null;
        startedAt: Iso;
        endedAt: Iso | null;
        failed: number;
        findings: VisitView['findings'];
        pendingNotes: number;
      }>;
    };
  };
  coverage: {
    input: { from: string; to: string; unitId?: string; campusId?: string; staleDays?: number; offset?: number; limit?: number };
    reply: CoverageReply;
  };
  saveTerms: {
    input: { terms: Array<{ id: string; name: string; from: string; to: string }> };
    reply: { terms: Array<{ id: string; name: string; from: string; to: string }> };
  };
  runTimer: { input: { maxCreate?: number }; reply: TimerReportView };
  /** The coverage rollups' check of one ISO week (the nightly timer does yesterday's): drift found and repaired. */
  checkCoverage: {
    input: { week: string; repair?: boolean };
    reply: {
      week: string;
      visits: number;
      occurrences: number;
      units: number;
      drifted: Array<{
        unitId: string;
        counters: number;
        drift: Array<{ path: string; stored: number; expected: number }>;
        repaired: boolean;
        termPaths: number;
        unattributed: string[];
      }>;
      busy: string[];
      repaired: boolean;
    };
  };
}
