/**
 * How the ticket page presents each button the server derives from the transition table
 * (`buttons` of `tickets.detail`, shared/tickets/ticket.buttons.ts): its label, its look, what it asks for
 * before it calls, and the action it calls. Typed by `TicketButton`, so a new button does not compile until
 * it is described here.
 */
import type { TicketAction, TicketButton } from '../shared/contract';

/** What a button asks the person for; each field maps to one payload key. */
export type Field =
  | 'reason' // text → reason
  | 'note' // text → note (required)
  | 'noteOptional' // text → note (optional)
  | 'cause' // text → cause
  | 'photos' // after photos → afterPhotos (at least one)
  | 'severity' // picker → severity
  | 'cancelKind' // picker → reason ('duplicate' | 'invalid')
  | 'assignee' // searchable picker → assigneeId
  | 'rating'; // stars → rating (optional)

export interface ButtonSpec {
  label: string;
  tone: 'primary' | 'ghost' | 'danger';
  /** Empty: the button calls at once. */
  fields: readonly Field[];
  /** Title of the form, and placeholders of its text fields. */
  title?: string;
  placeholder?: string;
  /** Toast after success. */
  done: string;
  action: TicketAction | 'releaseHeld';
  fixed?: Record<string, unknown>;
}

export const BUTTONS: { readonly [B in TicketButton]: ButtonSpec } = {
  releaseHeld: { label: '审核通过并分派', tone: 'primary', fields: [], done: '已分派', action: 'releaseHeld' },
  assign: { label: '分派', tone: 'primary', fields: ['assignee'], title: '分派给', done: '已分派', action: 'assign' },
  accept: { label: '接单', tone: 'primary', fields: [], done: '已接单', action: 'accept' },
  resume: { label: '恢复处理', tone: 'primary', fields: [], done: '已恢复', action: 'resume' },
  rectify: {
    label: '提交整改',
    tone: 'primary',
    fields: ['photos', 'noteOptional', 'cause'],
    title: '提交整改',
    placeholder: '做了哪些处理（选填）',
    done: '整改已提交',
    action: 'rectify',
  },
  approve: {
    label: '确认已整改',
    tone: 'primary',
    fields: ['rating', 'noteOptional'],
    title: '确认整改结果',
    placeholder: '补充说明（选填）',
    done: '已确认',
    action: 'verify',
    fixed: { approve: true },
  },
  reject: {
    label: '退回重改',
    tone: 'danger',
    fields: ['note', 'rating'],
    title: '退回重改',
    placeholder: '还有什么问题（必填）',
    done: '已退回重改',
    action: 'verify',
    fixed: { approve: false },
  },
  pause: {
    label: '暂停',
    tone: 'ghost',
    fields: ['reason'],
    title: '暂停处理',
    placeholder: '暂停原因，例如：等待配件',
    done: '已暂停',
    action: 'pause',
  },
  requestCoordination: {
    label: '申请协调',
    tone: 'ghost',
    fields: ['reason'],
    title: '申请协调',
    placeholder: '需要谁配合、为什么（必填）',
    done: '已提交协调申请',
    action: 'requestCoordination',
  },
  reassign: {
    label: '改派',
    tone: 'ghost',
    fields: ['assignee', 'reason'],
    title: '改派给',
    placeholder: '改派原因（必填）',
    done: '已改派',
    action: 'reassign',
  },
  coordinationProceed: {
    label: '协调：继续办理',
    tone: 'primary',
    fields: ['note'],
    title: '协调意见：继续办理',
    placeholder: '协调结果（必填）',
    done: '已继续办理',
    action: 'decideCoordination',
    fixed: { decision: 'proceed' },
  },
  coordinationCancel: {
    label: '协调：作废',
    tone: 'danger',
    fields: ['note'],
    title: '协调意见：作废',
    placeholder: '作废理由（必填）',
    done: '已作废',
    action: 'decideCoordination',
    fixed: { decision: 'cancel' },
  },
  reopen: {
    label: '重新打开',
    tone: 'ghost',
    fields: ['reason'],
    title: '重新打开',
    placeholder: '为什么重新打开（必填）',
    done: '已重新打开',
    action: 'reopen',
  },
  changeSeverity: {
    label: '调整等级',
    tone: 'ghost',
    fields: ['severity', 'reason'],
    title: '调整问题等级',
    placeholder: '调整原因（必填）',
    done: '等级已调整',
    action: 'changeSeverity',
  },
  cancel: {
    label: '作废',
    tone: 'danger',
    fields: ['cancelKind', 'note'],
    title: '作废工单',
    placeholder: '说明（必填）',
    done: '已作废',
    action: 'cancel',
  },
};

/** What the form holds while it is open. */
export type FormValues = {
  text: string;
  cause: string;
  fileIDs: string[];
  severity: string;
  cancelKind: string;
  assigneeId: string;
  rating: number;
};

export const EMPTY_FORM: FormValues = { text: '', cause: '', fileIDs: [], severity: '', cancelKind: '', assigneeId: '', rating: 0 };

/** The payload for `button` from the form, or a zh-CN hint of what is still missing. */
export function payloadOf(
  button: TicketButton,
  ticketId: string,
  v: FormValues,
): { ok: true; action: TicketAction | 'releaseHeld'; payload: Record<string, unknown> } | { ok: false; hint: string } {
  const spec = BUTTONS[button];
  const p: Record<string, unknown> = { ticketId, ...(spec.fixed ?? {}) };
  const text = v.text.trim();
  for (const f of spec.fields) {
    if (f === 'reason' || f === 'note') {
      if (!text) return { ok: false, hint: '请填写说明' };
      p[f] = text;
    } else if (f === 'noteOptional') {
      if (text) p.note = text;
    } else if (f === 'cause') {
      // The cause is what the unit learns from; a category says enough when the person leaves it out.
      p.cause = v.cause.trim() || '现场处理';
    } else if (f === 'photos') {
      if (v.fileIDs.length === 0) return { ok: false, hint: '请至少拍一张整改后的照片' };
      p.afterPhotos = v.fileIDs;
    } else if (f === 'severity') {
      if (!v.severity) return { ok: false, hint: '请选择新的等级' };
      p.severity = v.severity;
    } else if (f === 'cancelKind') {
      if (!v.cancelKind) return { ok: false, hint: '请选择作废原因' };
      p.reason = v.cancelKind;
    } else if (f === 'assignee') {
      if (!v.assigneeId) return { ok: false, hint: button === 'assign' ? '请选择分派给谁' : '请选择改派给谁' };
      p.assigneeId = v.assigneeId;
    } else if (f === 'rating') {
      if (v.rating > 0) p.rating = v.rating;
    }
  }
  if (button === 'rectify' && !text) p.note = '已整改';
  return { ok: true, action: spec.action, payload: p };
}
