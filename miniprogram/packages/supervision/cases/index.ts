/**
 * 问责事项 (leaders): cases the nightly job proposed at the threshold, with the counter behind each and its
 * tickets; a leader confirms or dismisses with a reason, then records the action (通报, 约谈, 扣分, 移交) and
 * closes it. Each step is sent once; a second confirmation shows the coded error's sentence.
 */

import type { AccountabilityAction, CaseState } from '../../../../shared/accountability/case.machine';
import type { SubjectType } from '../../../../shared/accountability/strikes';
import type { CaseView, SupervisionContract } from '../../../../shared/contract/supervision.contract';
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { ACTION_LABELS, CASE_STATE_LABELS, dateOf, STRIKE_LABELS, SUBJECT_LABELS, supervisionMessage } from '../labels';

type Row = { id: string; title: string; tickets: string; date: string; state: CaseState; stateText: string; outcome: string };
const ACTIONS = Object.keys(ACTION_LABELS) as AccountabilityAction[];

const toRow = (c: CaseView): Row => ({
  id: c._id,
  title: `${STRIKE_LABELS[c.kind]} · ${SUBJECT_LABELS[c.subjectType]}：${c.subjectName}`,
  tickets: `${c.ticketNos.length}张工单：${c.ticketNos.join('、')}`,
  date: dateOf(c.createdAt),
  state: c.state,
  stateText: CASE_STATE_LABELS[c.state],
  outcome: c.action
    ? `${ACTION_LABELS[c.action.kind]}${c.action.points ? ` ${c.action.points}分` : ''}：${c.action.note}`
    : (c.reason ?? ''),
});

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    items: [] as Row[],
    open: -1,
    mode: '' as '' | 'decide' | 'close',
    text: '',
    textError: '',
    actions: ACTIONS.map((a) => ({ key: a, label: ACTION_LABELS[a] })),
    action: 'notice' as AccountabilityAction,
    points: '',
    busy: false,
    /** The three counters (查而不改 / 屡查屡犯 / 屡改屡犯) of the window, by unit, zone or person. */
    subjectType: 'unit' as SubjectType,
    counterNote: '',
    counters: [] as Array<{ id: string; name: string; notRectified: number; repeatFound: number; repeatAfterFix: number }>,
    /** The accountability settings an admin may change here (null: not loaded or not editable). */
    settings: null as null | { threshold: string; windowDays: string; agendaAfterDays: string; amberAt: number },
    editing: false,
    settingsError: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    ...RELOAD_METHODS,
    async loadCounters() {
      const r = await callFunction('supervision', 'counters', {
        subjectType: this.data.subjectType,
      });
      if (r.code !== 0) return;
      this.setData({
        counterNote: `近${r.data.windowDays}天，任一项达到${r.data.threshold}次自动提出问责`,
        counters: r.data.items.slice(0, 10).map((c) => ({
          id: c.subjectId,
          name: c.name,
          notRectified: c.notRectified,
          repeatFound: c.repeatFound,
          repeatAfterFix: c.repeatAfterFix,
        })),
      });
    },
    async loadSettings() {
      const r = await callFunction('supervision', 'settings', {});
      if (r.code !== 0 || !r.data.editable) return;
      const { threshold, windowDays, agendaAfterDays, amberAt } = r.data;
      this.setData({
        settings: { threshold: String(threshold), windowDays: String(windowDays), agendaAfterDays: String(agendaAfterDays), amberAt },
      });
    },
    onEditSettings() {
      this.setData({ editing: !this.data.editing, settingsError: '' });
    },
    onSetting(e: WechatMiniprogram.Input) {
      this.setData({ [`settings.${String(e.currentTarget.dataset.key)}`]: e.detail.value, settingsError: '' });
    },
    async onSaveSettings() {
      const s = this.data.settings;
      if (!s || this.data.busy) return;
      const n = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : Number.NaN);
      const payload = { threshold: n(s.threshold), windowDays: n(s.windowDays), agendaAfterDays: n(s.agendaAfterDays), amberAt: s.amberAt };
      if (!(payload.threshold >= 2 && payload.threshold <= 50)) return this.setData({ settingsError: '问责阈值为 2–50 次' });
      if (!(payload.windowDays >= 1 && payload.windowDays <= 365)) return this.setData({ settingsError: '统计周期为 1–365 天' });
      if (!(payload.agendaAfterDays >= 1 && payload.agendaAfterDays <= 90))
        return this.setData({ settingsError: '纳入议题的天数为 1–90 天' });
      this.setData({ busy: true });
      const r = await callFunction('supervision', 'saveSettings', payload);
      this.setData({ busy: false });
      if (r.code !== 0) return this.setData({ settingsError: supervisionMessage(r) });
      wx.showToast({ title: '已保存，今晚起按新规则统计', icon: 'none' });
      this.setData({ editing: false });
      await this.loadCounters();
    },
    onSubject(e: WechatMiniprogram.TouchEvent) {
      this.setData({ subjectType: e.currentTarget.dataset.type as SubjectType });
      void this.loadCounters();
    },
    async load() {
      void this.loadCounters();
      void this.loadSettings();
      const r = await callFunction('supervision', 'cases', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: supervisionMessage(r) });
        return;
      }
      this.setData({ status: 'ready', items: r.data.items.map(toRow), open: -1, mode: '' });
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      const state = this.data.items[i]?.state;
      this.setData({
        open: i,
        mode: state === 'proposed' ? 'decide' : state === 'confirmed' ? 'close' : '',
        text: '',
        textError: '',
        points: '',
      });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value, textError: '' });
    },
    onPoints(e: WechatMiniprogram.Input) {
      this.setData({ points: e.detail.value });
    },
    onAction(e: WechatMiniprogram.TouchEvent) {
      this.setData({ action: e.currentTarget.dataset.key as AccountabilityAction });
    },
    onDecide(e: WechatMiniprogram.TouchEvent) {
      const decision = e.currentTarget.dataset.decision as 'confirm' | 'dismiss';
      const reason = this.data.text.trim();
      if (!reason) {
        this.setData({ textError: '请填写理由' });
        return;
      }
      void this.send(
        'decideCase',
        { caseId: this.data.items[this.data.open].id, decision, reason },
        decision === 'confirm' ? '已确认问责' : '已不予问责',
      );
    },
    onClose() {
      const note = this.data.text.trim();
      if (!note) {
        this.setData({ textError: '请填写处理情况' });
        return;
      }
      const points = Number(this.data.points);
      const action = { kind: this.data.action, note, ...(this.data.action === 'points' && points > 0 ? { points } : {}) };
      void this.send('closeCase', { caseId: this.data.items[this.data.open].id, action }, '已办结');
    },
    async send(
      ...[name, payload, done]:
        | ['decideCase', SupervisionContract['decideCase']['input'], string]
        | ['closeCase', SupervisionContract['closeCase']['input'], string]
    ) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const r = name === 'decideCase' ? await callFunction('supervision', name, payload) : await callFunction('supervision', name, payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: supervisionMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: done, icon: 'success' });
      await this.load();
    },
  },
});
