/**
 * One supervision item: its number, basis, units, deadline, RAG mark and history; the buttons the caller may
 * press (a unit signs for it, reports progress, asks to close; the office closes it — 销号 — or sends it back).
 * A progress report and a send-back need a note.
 */

import type { ItemEvent } from '../../../../shared/accountability/supervision';
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import {
  BASIS_LABELS,
  CADENCE_LABELS,
  dateOf,
  ITEM_EVENT_LABELS,
  ITEM_STATE_LABELS,
  RAG_LABELS,
  RAG_TONES,
  supervisionMessage,
} from '../labels';

const NEEDS_NOTE: ItemEvent[] = ['report', 'sendBack'];
const HISTORY_TEXT: Record<string, string> = { ...ITEM_EVENT_LABELS, issue: '立项', escalate: '超期督办' };

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    no: '',
    title: '',
    detail: '',
    basis: '',
    deadline: '',
    cadence: '',
    state: '',
    rag: '',
    tone: '',
    signed: '',
    history: [] as Array<{ key: string; text: string }>,
    buttons: [] as Array<{ event: ItemEvent; text: string }>,
    pending: '' as ItemEvent | '',
    note: '',
    noteError: '',
    busy: false,
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await callFunction('supervision', 'item', { itemId: this.data.id });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: supervisionMessage(r) });
        return;
      }
      const i = r.data.item;
      const units = 1 + i.assistUnitIds.length;
      this.setData({
        status: 'ready',
        no: i.no,
        title: i.title,
        detail: i.detail,
        basis: `${BASIS_LABELS[i.basis.kind]}：${i.basis.ref}`,
        deadline: dateOf(new Date(Date.parse(i.deadline) - 1).toISOString()),
        cadence: CADENCE_LABELS[i.cadence],
        state: ITEM_STATE_LABELS[i.state],
        rag: RAG_LABELS[i.rag],
        tone: RAG_TONES[i.rag],
        signed: `已签收 ${i.signedUnitIds.length}/${units} 个单位`,
        history: (i.history ?? []).map((h, k) => ({
          key: String(k),
          text: `${dateOf(h.at)} ${HISTORY_TEXT[h.event] ?? ''}${h.note ? `：${h.note}` : ''}`,
        })),
        buttons: r.data.can.map((e) => ({ event: e, text: ITEM_EVENT_LABELS[e] })),
        pending: '',
        note: '',
        noteError: '',
      });
    },
    onButton(e: WechatMiniprogram.TouchEvent) {
      const event = e.currentTarget.dataset.event as ItemEvent;
      if (NEEDS_NOTE.includes(event)) this.setData({ pending: event, noteError: '' });
      else void this.send(event, '');
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, noteError: '' });
    },
    onSubmitNote() {
      const note = this.data.note.trim();
      if (!note) {
        this.setData({ noteError: this.data.pending === 'report' ? '请填写办理进展' : '请填写退回理由' });
        return;
      }
      if (this.data.pending) void this.send(this.data.pending, note);
    },
    async send(event: ItemEvent, note: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const r = await callFunction('supervision', 'actOnItem', { itemId: this.data.id, event, note });
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: supervisionMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: `已${ITEM_EVENT_LABELS[event]}`, icon: 'success' });
      await this.load();
    },
  },
});
