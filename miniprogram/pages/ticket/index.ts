/**
 * One ticket, and the place where work on it happens: what was reported, before and after photos side by side,
 * the timeline, and for the person looking every action the transition table allows them (the server derives
 * `buttons` from shared/tickets/ticket.machine.ts; services/ticket.buttons.ts says how each one looks and what
 * it asks for). A form keeps what was typed until the action succeeds; an action on a ticket that changed
 * meanwhile says what changed and reloads.
 */
import { callFunction, requestSubscribe, tickets } from '../../services/api';
import { categoryName, EVENT_LABELS, formatTime, ROLE_LABELS, SEVERITY_LABELS, STATE_LABELS, STATE_TONES } from '../../services/format';
import { privateState } from '../../services/instance';
import { RELOAD_METHODS } from '../../services/paged-list';
import { messageOf } from '../../services/reply';
import { BUTTONS, EMPTY_FORM, type Field, type FormValues, payloadOf } from '../../services/ticket.buttons';
import { type Severity, type TemplateName, type TicketButton, undeliveredText } from '../../shared/contract';

/** Codes that mean "the ticket is not what you saw": reload and say what changed. */
const CHANGED = new Set(['TICKET.STALE', 'TICKET.INVALID_TRANSITION', 'TICKET.FORBIDDEN', 'TICKET.NOT_HELD']);

/** The reminders a person will need after pressing each button (asked inside the tap). */
const REMINDERS_AFTER: Partial<Record<TicketButton, TemplateName[]>> = {
  accept: ['assigned', 'escalation'],
  resume: ['assigned', 'escalation'],
  rectify: ['assigned'],
  releaseHeld: ['managerAlert', 'escalation'],
  assign: ['managerAlert', 'escalation'],
  reassign: ['managerAlert', 'escalation'],
  approve: ['assigned'],
  reject: ['rectified'],
  coordinationProceed: ['managerAlert'],
  coordinationCancel: ['managerAlert'],
  reopen: ['rectified'],
};

const own = privateState(() => ({ state: '', staff: [] as Array<{ _id: string; name: string }>, unitId: '' }));

const SEVERITIES = (['minor', 'major', 'critical'] as const).map((value) => ({ value, label: SEVERITY_LABELS[value] }));
const CANCEL_KINDS = [
  { value: 'duplicate', label: '重复反馈' },
  { value: 'invalid', label: '不属实 / 无效' },
];

const needs = (fields: readonly Field[]) => Object.fromEntries(fields.map((f) => [f, true])) as Partial<Record<Field, true>>;

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    t: null as null | Record<string, unknown>,
    photos: [] as string[],
    after: [] as string[],
    timeline: [] as Array<{ time: string; title: string; note: string }>,
    buttons: [] as Array<{ id: string; label: string; tone: string }>,
    form: null as null | { button: string; title: string; placeholder: string; needs: Partial<Record<Field, true>> },
    values: { ...EMPTY_FORM } as FormValues,
    uploading: false,
    severities: SEVERITIES,
    cancelKinds: CANCEL_KINDS,
    staffQuery: '',
    staffShown: [] as Array<{ _id: string; name: string }>,
    staffStatus: '' as '' | 'loading' | 'error',
    busy: false,
    actionError: '',
    notice: '',
    /** For the sender's side: messages about this ticket that reached nobody, and why, in zh-CN. */
    undelivered: [] as Array<{ text: string; time: string }>,
  },
  methods: {
    onLoad(options: { id?: string; do?: string }) {
      this.setData({ id: options.id ?? '' });
      // Opened from a board card's button (`do=assign`): its form opens once the table offers that button here.
      void this.load().then(() => {
        const button = options.do as TicketButton | undefined;
        if (button && this.data.buttons.some((b) => b.id === button)) this.openForm(button);
      });
    },
    ...RELOAD_METHODS,
    async load() {
      if (!this.data.t) this.setData({ status: 'loading' });
      const r = await tickets('detail', { ticketId: this.data.id });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: messageOf(r) });
        return;
      }
      const { ticket: t, photoUrls } = r.data;
      const url = (f: string) => photoUrls[f] ?? '';
      own(this).state = t.state;
      own(this).unitId = t.unitId;
      const stateLabel = t.kind === 'positive' ? '典型示范' : t.held ? '内容待审核' : STATE_LABELS[t.state];
      const buttons = (r.data.buttons ?? []).map((b) => ({ id: b, label: BUTTONS[b].label, tone: BUTTONS[b].tone }));
      // A button that is gone (someone else acted) closes its form; the text stays in `values` until success.
      const formGone = this.data.form && !buttons.some((b) => b.id === this.data.form?.button);
      this.setData({
        status: 'ready',
        t: {
          no: t.no,
          title: categoryName(t.categoryCode),
          description: t.description,
          state: t.state,
          stateLabel,
          tone: t.kind === 'positive' ? 'ok' : STATE_TONES[t.state],
          severityLabel: SEVERITY_LABELS[t.severity] ?? '',
          zone: t.zoneName ?? '',
          unit: t.unitName ?? '',
          holder: t.assigneeName ?? '',
          created: formatTime(t.createdAt),
          due: t.dueAt ? formatTime(t.dueAt) : '',
          rectNote: t.rectification?.note ?? '',
          rectCause: t.rectification?.cause ?? '',
          clause: t.clauseCode ?? '',
        },
        photos: t.photos.map(url).filter(Boolean),
        after: (t.rectification?.afterPhotos ?? []).map(url).filter(Boolean),
        timeline: t.history
          .slice()
          .reverse()
          .map((h) => ({
            time: formatTime(h.at),
            title: `${ROLE_LABELS[h.role] ?? ''}${EVENT_LABELS[h.event] ?? '处理'}`,
            note: h.note ?? '',
          })),
        buttons,
        undelivered: (r.data.undelivered ?? []).map((u) => ({ text: undeliveredText(u), time: formatTime(u.at) })),
        // The severity picker offers what the server's row allows this person (a centre inspector: only higher levels).
        severities: SEVERITIES.filter((s) => (r.data.severityChoices ?? []).includes(s.value as Severity)),
        ...(formGone ? { form: null } : {}),
      });
    },
    onPreview(e: WechatMiniprogram.TouchEvent) {
      const list = e.currentTarget.dataset.list === 'after' ? this.data.after : this.data.photos;
      wx.previewImage({ urls: list, current: String(e.currentTarget.dataset.src) });
    },
    onButton(e: WechatMiniprogram.TouchEvent) {
      const button = String(e.currentTarget.dataset.id) as TicketButton;
      if (!BUTTONS[button]) return;
      // Must start inside the tap: WeChat shows the subscription prompt only in answer to a gesture.
      this.askReminders(button);
      this.openForm(button);
    },
    /** Opens `button`'s form, or submits at once when it asks for nothing. */
    openForm(button: TicketButton) {
      const spec = BUTTONS[button];
      if (spec.fields.length === 0) {
        void this.submit(button);
        return;
      }
      const keep = this.data.form?.button === button;
      this.setData({
        form: { button, title: spec.title ?? spec.label, placeholder: spec.placeholder ?? '', needs: needs(spec.fields) },
        actionError: '',
        ...(keep ? {} : { values: { ...EMPTY_FORM } }),
      });
      if (spec.fields.includes('assignee')) void this.loadStaff();
    },
    /** The next reminder this person will need after this action (one-time subscriptions are used up per message). */
    askReminders(button: TicketButton) {
      const want = REMINDERS_AFTER[button];
      if (want) void requestSubscribe(want);
    },
    onFormClose() {
      // Only hides the form: what was typed stays until the action succeeds.
      this.setData({ form: null, actionError: '' });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ 'values.text': e.detail.value, actionError: '' });
    },
    onCause(e: WechatMiniprogram.Input) {
      this.setData({ 'values.cause': e.detail.value, actionError: '' });
    },
    onPhotos(e: WechatMiniprogram.CustomEvent<{ fileIDs: string[]; uploading: boolean; failed?: boolean }>) {
      this.setData({
        'values.fileIDs': e.detail.fileIDs,
        uploading: e.detail.uploading,
        actionError: e.detail.failed ? '有照片没传上去，点照片重试；已填写的内容都还在' : '',
      });
    },
    onRating(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ 'values.rating': e.detail.value });
    },
    onSeverity(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'values.severity': String(e.currentTarget.dataset.value), actionError: '' });
    },
    onCancelKind(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'values.cancelKind': String(e.currentTarget.dataset.value), actionError: '' });
    },
    async loadStaff() {
      if (own(this).staff.length > 0) {
        this.filterStaff(this.data.staffQuery);
        return;
      }
      this.setData({ staffStatus: 'loading' });
      const r = await callFunction('org', 'unitStaff', { unitId: own(this).unitId });
      if (r.code !== 0) {
        this.setData({ staffStatus: 'error', actionError: messageOf(r) });
        return;
      }
      own(this).staff = r.data.items;
      this.setData({ staffStatus: '' });
      this.filterStaff(this.data.staffQuery);
    },
    filterStaff(q: string) {
      const query = q.trim();
      const shown = own(this)
        .staff.filter((s) => !query || s.name.includes(query))
        .slice(0, 30);
      this.setData({ staffQuery: q, staffShown: shown });
    },
    onStaffQuery(e: WechatMiniprogram.Input) {
      this.filterStaff(e.detail.value);
    },
    onPickStaff(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'values.assigneeId': String(e.currentTarget.dataset.id), actionError: '' });
    },
    onFormSubmit() {
      if (this.data.form) void this.submit(this.data.form.button as TicketButton);
    },
    async submit(button: TicketButton) {
      if (this.data.busy) return;
      if (this.data.uploading) {
        this.setData({ actionError: '照片还在上传，请稍候' });
        return;
      }
      const p = payloadOf(button, this.data.id, this.data.values);
      if (!p.ok) {
        this.setData({ actionError: p.hint });
        return;
      }
      const before = own(this).state;
      this.setData({ busy: true, actionError: '', notice: '' });
      // The payload was built for this button's action by payloadOf (services/ticket.buttons.ts); the server parses it again.
      const r = await tickets(p.action, p.payload as never);
      this.setData({ busy: false });
      if (r.code !== 0) {
        if (CHANGED.has(r.code)) {
          await this.load();
          const now = own(this).state;
          const what =
            now && now !== before
              ? `已由「${STATE_LABELS[before as keyof typeof STATE_LABELS]}」变为「${STATE_LABELS[now as keyof typeof STATE_LABELS]}」`
              : '刚被他人处理过';
          this.setData({ notice: `这张工单${what}，页面已刷新，请按现在的状态操作。` });
          return;
        }
        // The form stays open with everything typed; the person can try again.
        this.setData({ actionError: messageOf(r) });
        return;
      }
      wx.showToast({ title: BUTTONS[button].done, icon: 'success' });
      this.setData({ form: null, values: { ...EMPTY_FORM }, uploading: false });
      await this.load();
    },
  },
});
