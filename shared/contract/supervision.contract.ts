/** What crosses the wire for the `supervision` function, zod-free (dates as ISO strings). */
import type { AgendaState } from '../accountability/agenda';
import type { AccountabilityAction, CaseEvent, CaseState } from '../accountability/case.machine';
import type { StrikeKind, SubjectType } from '../accountability/strikes';
import type { BasisKind, Cadence, ItemEvent, ItemState, Rag } from '../accountability/supervision';

export interface CaseView {
  _id: string;
  key: string;
  kind: StrikeKind;
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  ticketIds: string[];
  ticketNos: string[];
  state: CaseState;
  reason: string | null;
  action: { kind: AccountabilityAction; points?: number; note: string } | null;
  createdAt: string;
}
export type CaseDetail = CaseView & {
  strikeIds: string[];
  history: Array<{ at: string; by: string; byName: string; event: CaseEvent | 'propose'; note?: string }>;
};

/** `settings/accountability`: case threshold and window, agenda delay, the amber share of time used. */
export interface AccountabilitySettingsView {
  threshold: number;
  windowDays: number;
  agendaAfterDays: number;
  amberAt: number;
}

export interface ItemFieldsInput {
  title: string;
  detail: string;
  basis: { kind: BasisKind; ref: string };
  leadUnitId: string;
  assistUnitIds?: string[];
  /** YYYY-MM-DD, Shanghai. */
  deadline: string;
  cadence: Cadence;
}

export interface ItemView {
  _id: string;
  no: string;
  title: string;
  detail: string;
  basis: { kind: BasisKind; ref: string };
  state: ItemState;
  leadUnitId: string;
  assistUnitIds: string[];
  issuedAt: string;
  deadline: string;
  cadence: Cadence;
  signedUnitIds: string[];
  lastReportAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  agendaId: string | null;
  /** The person who issued it. */
  issuedBy: string;
  version: number;
  rag: Rag;
  used: number;
}

/** One item with its history (`item`); the list leaves the history out. */
export interface ItemDetailView extends ItemView {
  history: Array<{ at: string; event: ItemEvent | 'issue' | 'escalate'; byId: string; unitId: string | null; note: string }>;
}

export interface AgendaView {
  _id: string;
  key: string;
  ticketId: string;
  ticketNo: string;
  requestedAt: string;
  reason: string;
  state: AgendaState;
  createdAt: string;
  decision: { text: string; at: string; by: string; byName: string; itemId: string | null; itemNo: string | null } | null;
}

export interface SupervisionContract {
  counters: {
    input: { subjectType: SubjectType };
    reply: {
      subjectType: SubjectType;
      windowDays: number;
      threshold: number;
      items: Array<{ subjectId: string; name: string; total: number } & Record<StrikeKind, number>>;
    };
  };
  cases: { input: { state?: CaseState; cursor?: string }; reply: { items: CaseView[]; nextCursor: string | null } };
  case: { input: { caseId: string }; reply: CaseDetail };
  decideCase: { input: { caseId: string; decision: 'confirm' | 'dismiss'; reason: string }; reply: { caseId: string; state: CaseState } };
  closeCase: {
    input: { caseId: string; action: { kind: AccountabilityAction; points?: number; note: string } };
    reply: { caseId: string; state: CaseState };
  };
  sweep: { input: Record<string, never>; reply: { strikes: number; cases: number; escalated: number; agenda: number } };
  settings: { input: Record<string, never>; reply: AccountabilitySettingsView & { editable: boolean } };
  saveSettings: { input: AccountabilitySettingsView; reply: AccountabilitySettingsView };
  units: { input: Record<string, never>; reply: { items: Array<{ _id: string; name: string }> } };
  issueItem: { input: ItemFieldsInput; reply: { itemId: string; no: string } };
  items: {
    input: { scope?: 'open' | 'closed' | 'mine' };
    reply: { items: Array<ItemView & { leadUnit: string; assistUnits: string[] }> };
  };
  item: { input: { itemId: string }; reply: { item: ItemDetailView; can: ItemEvent[] } };
  actOnItem: { input: { itemId: string; event: ItemEvent; note?: string }; reply: { itemId: string; state: ItemState } };
  agenda: { input: { state?: AgendaState }; reply: { items: AgendaView[]; units: Array<{ _id: string; name: string }> } };
  decideAgenda: {
    input: { agendaId: string; decision: string; supervise?: ItemFieldsInput };
    reply: { agendaId: string; itemId: string | null; itemNo: string | null };
  };
}
