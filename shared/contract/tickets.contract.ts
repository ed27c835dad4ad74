import type { Page, Severity } from './common.contract';
import type { TemplateName } from './templates';

export type TicketState =
  | 'reported'
  | 'assigned'
  | 'accepted'
  | 'paused'
  | 'coordinating'
  | 'rectified'
  | 'rework'
  | 'verified'
  | 'closed'
  | 'cancelled';
export type TicketKind = 'problem' | 'positive';
export type TicketSource = 'report' | 'finding';
export type CancelReason = 'duplicate' | 'invalid' | 'coordination';
/** Who fired an event, in relation to the ticket. */
export type TicketRole =
  | 'reporter'
  | 'assignee'
  | 'unitManager'
  | 'officeInspector'
  | 'inspectorInScope'
  | 'findingInspector'
  | 'admin'
  | 'system';
export type TicketEvent =
  | 'record'
  | 'close'
  | 'assign'
  | 'accept'
  | 'pause'
  | 'resume'
  | 'rectify'
  | 'approve'
  | 'reject'
  | 'autoVerify'
  | 'reassign'
  | 'cancel'
  | 'requestCoordination'
  | 'coordinationProceed'
  | 'coordinationCancel'
  | 'reopen'
  | 'changeSeverity'
  | 'escalate';

/** The deadline's stopwatch: budget and time used, running since when (null: stopped). */
export interface TicketClock {
  basis: 'service' | 'continuous';
  budgetMs: number;
  usedMs: number;
  runningSince: string | null;
}

export interface Rectification {
  at: string;
  afterPhotos: string[];
  note: string;
  cause: string;
}

/** The same problem at the same place within the repeat window: how many times, first one's id. */
export interface RepeatMark {
  count: number;
  ofTicketId: string;
  /** The severity before a repeat raised it. */
  fromSeverity?: Severity;
}

export interface HistoryEntry {
  at: string;
  actorId: string;
  role: TicketRole;
  event: TicketEvent | 'create';
  from: TicketState | null;
  to: TicketState;
  note?: string;
}

/** What every reader of a ticket may see. */
interface TicketCore {
  /** A finding citing a contract clause: the clause and its contract (cloudfunctions/contracts). */
  clauseCode?: string;
  contractId?: string;
  /** The fixed asset a ticket is about, if any. */
  assetId?: string | null;
  /** Whether it was held when reported (a replay answers that again). */
  heldAtReport?: boolean;
  _id: string;
  no: string;
  source: TicketSource;
  kind: TicketKind;
  zoneId: string;
  zonePath: string[];
  unitId: string;
  categoryCode: string;
  severity: Severity;
  description: string;
  photos: string[];
  checklistItem: string | null;
  rating: number | null;
  inspectorId: string | null;
  assigneeId: string | null;
  state: TicketState;
  deadlineRuleId: string | null;
  clock: TicketClock | null;
  dueAt: string | null;
  rectification: Rectification | null;
  autoVerifyAt: string | null;
  verifyRating: number | null;
  cancelReason: CancelReason | null;
  rework: number;
  repeat: RepeatMark | null;
  notRectified: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  nextCheckAt: string | null;
  escalationLevelsFired: string[];
  joins: number;
  held: boolean;
}

/** A ticket in a list (no history, no followers), with its zone's name. */
export interface TicketRow extends TicketCore {
  zoneName: string | null;
  followerCount: number;
  /** Who holds it: boards (`unitBoard`, `all`) only; null when nobody does. */
  assigneeName?: string | null;
  /** Whether the caller reported or follows it (not for admins). */
  mine?: boolean;
}

/** The whole ticket, for those who work on it. */
export interface TicketFull extends TicketCore {
  requestId: string | null;
  reporterOpenid: string | null;
  followers: string[];
  history: HistoryEntry[];
  zoneName: string | null;
  followerCount: number;
}

/** The ticket as its reporter (or a follower) sees it: no openids; `mine` says whether the caller reported it. */
export interface TicketForReporter extends TicketCore {
  history: HistoryEntry[];
  zoneName: string | null;
  followerCount: number;
  mine: boolean;
}

export interface TicketDetail {
  ticket: (TicketFull | TicketForReporter) & { unitName: string; assigneeName: string | null };
  /** Temporary URLs of the ticket's photos, by file id. */
  photoUrls: Record<string, string>;
  /** What the caller can press on it now, from the transition table (shared/tickets/ticket.buttons.ts). */
  buttons: TicketButton[];
  /** With the `changeSeverity` button: the levels this person may choose (a centre inspector only higher ones). */
  severityChoices?: Severity[];
  /**
   * Messages about it that did not reach their person, newest first (at most 20): only for the sender's side
   * (the unit's managers, inspectors in scope, admins). `undeliveredText` (shared/contract/delivery.ts) words one.
   */
  undelivered?: UndeliveredMessage[];
}

/** A message that was not delivered: to whom (a name, or null for a reporter or follower, never named) and why. */
export interface UndeliveredMessage {
  recipientName: string | null;
  /** assignee, unitManager, office, inspector, reporter, follower. */
  audience: string;
  template: TemplateName;
  reason: 'NOT_SUBSCRIBED' | 'SEND_FAILED' | 'INTERRUPTED' | 'NO_RECIPIENT';
  at: string;
}

/**
 * What a person can press on a ticket: one per event of the transition table a person (not the timer) fires;
 * shared/tickets/ticket.buttons.ts derives them from the table.
 */
export type TicketButton =
  | 'releaseHeld'
  | 'assign'
  | 'accept'
  | 'pause'
  | 'resume'
  | 'rectify'
  | 'approve'
  | 'reject'
  | 'reassign'
  | 'cancel'
  | 'requestCoordination'
  | 'coordinationProceed'
  | 'coordinationCancel'
  | 'reopen'
  | 'changeSeverity';

/** How many of a board's tickets are held for review, overdue, and in each open state. */
export interface BoardCounts {
  held: number;
  /** Reports nobody could be assigned to (待分派, not held): the manager assigns them. */
  unassigned: number;
  overdue: number;
  states: Record<'assigned' | 'accepted' | 'paused' | 'coordinating' | 'rectified' | 'rework', number>;
}

/** The caller's open tasks: overdue, and per state. */
export interface TaskCounts {
  overdue: number;
  states: Record<'assigned' | 'accepted' | 'paused' | 'coordinating' | 'rework', number>;
}

/** A QR report: a problem in words (and photos, optionally a rating of the place). */
export interface CreateReportInput {
  requestId: string;
  sceneId: string;
  categoryCode: string;
  text: string;
  photos?: string[];
  rating?: number;
}
/** A rating of the place only. */
export interface RatingOnlyInput {
  requestId: string;
  sceneId: string;
  rating: number;
}

/**
 * What a report became: a new ticket, a follow-up of an open one at the same place (`joined`), held for review,
 * or (a rating only) feedback.
 */
export type ReportResult =
  | { outcome: 'created' | 'joined' | 'held'; ticketId: string; no: string; repeat: boolean }
  | { outcome: 'feedback'; feedbackId: string };

export interface CreateFindingInput {
  zoneId: string;
  categoryCode: string;
  severity: Severity;
  description: string;
  photos?: string[];
  checklistItem?: string;
  kind?: TicketKind;
}

export interface FindingResult {
  ticketId: string;
  no: string;
  state: TicketState;
  severity: Severity;
  repeat: RepeatMark | null;
}

/** What a transition answers: the ticket's new state, version, deadline and clock. */
export interface TransitionResult {
  ticketId: string;
  state: TicketState;
  version: number;
  dueAt: string | null;
  clock: TicketClock | null;
}

/** The payload of each transition on an existing ticket. */
export interface TicketActionInputs {
  /** A report stuck in 待分派 (no assignee found, not held) given to someone of its unit. */
  assign: { ticketId: string; assigneeId: string };
  accept: { ticketId: string };
  pause: { ticketId: string; reason: string };
  resume: { ticketId: string };
  rectify: { ticketId: string; afterPhotos: string[]; note: string; cause: string };
  verify: { ticketId: string; approve: boolean; rating?: number; note?: string };
  reassign: { ticketId: string; assigneeId: string; reason: string };
  cancel: { ticketId: string; reason: 'duplicate' | 'invalid'; note: string };
  requestCoordination: { ticketId: string; reason: string };
  decideCoordination: { ticketId: string; decision: 'proceed' | 'cancel'; note: string };
  reopen: { ticketId: string; reason: string };
  changeSeverity: { ticketId: string; severity: Severity; reason: string };
}
export type TicketAction = keyof TicketActionInputs;

export interface BoardQuery {
  cursor?: string;
  unitId?: string;
  state?: TicketState;
  /** 待审核 (held), 待分派 (unassigned: not held, nobody found) or 超时 (overdue) instead of a state. */
  view?: 'held' | 'unassigned' | 'overdue';
}

/** `tickets.all`: a board query, or one of the lists behind the leaders' overview (YYYY-MM `month`, YYYY-MM-DD days). */
export interface AllQuery {
  cursor?: string;
  unitId?: string;
  zoneId?: string;
  state?: TicketState;
  view?: 'held' | 'overdue' | 'open' | 'found';
  month?: string;
  from?: string;
  to?: string;
}

type Transitions = { [A in TicketAction]: { input: TicketActionInputs[A]; reply: TransitionResult } };

/** The tickets function. */
export interface TicketsContract extends Transitions {
  createReport: { input: CreateReportInput | RatingOnlyInput; reply: ReportResult };
  createFinding: { input: CreateFindingInput; reply: FindingResult };
  releaseHeld: { input: { ticketId: string }; reply: TransitionResult };
  myReports: { input: { cursor?: string }; reply: Page<TicketRow> };
  myTasks: { input: { cursor?: string }; reply: Page<TicketRow> };
  unitBoard: { input: BoardQuery; reply: Page<TicketRow> };
  boardCounts: { input: { unitId?: string }; reply: BoardCounts };
  taskCounts: { input: Record<string, never>; reply: TaskCounts };
  myDone: { input: { cursor?: string }; reply: Page<TicketRow> };
  myFindings: { input: { cursor?: string }; reply: Page<TicketRow> };
  awaitingMyVerification: { input: { cursor?: string }; reply: Page<TicketRow> };
  all: { input: AllQuery; reply: Page<TicketRow> };
  detail: { input: { ticketId: string }; reply: TicketDetail };
}
