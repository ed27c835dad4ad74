/**
 * 决策议题 (leaders): coordination requests unresolved for N days, put on the office meeting's agenda by the
 * nightly job. The meeting's decision is recorded here and may be turned into a supervision item at once
 * (lead unit, deadline, reporting cadence), in one step on the server.
 */

import type { Cadence } from '../../../../shared/accountability/supervision';
import type { AgendaView, SupervisionContract } from '../../../../shared/contract/supervision.contract';
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { CADENCE_LABELS, dateOf, supervisionMessage } from '../labels';

type Row = { id: string; ticketNo: string; reason: string; since: string; decision: string };
const CADENCES = Object.keys(CADENCE_LABELS) as Cadence[];

const toRow = (a: AgendaView): Row => ({
  id: a._id,
  ticketNo: a.ticketNo,
  reason: a.reason,
  since: `${dateOf(a.requestedAt)} 申请协调`,
  decision: a.decision ? `${a.decision.text}${a.decision.itemNo ? `（已立督办 ${a.decision.itemNo}）` : ''}` : '',
});

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    state: 'pending' as 'pending' | 'decided',
    items: [] as Row[],
    units: [] as Array<{ _id: string; name: string }>,
    unitNames: [] as string[],
    cadenceNames: CADENCES.map((c) => CADENCE_LABELS[c]),
    open: -1,
    decision: '',
    supervise: false,
    title: '',
    unitIndex: -1,
    deadline: '',
    cadenceIndex: 0,
    formError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await callFunction('supervision', 'agenda', { state: this.data.state });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: supervisionMessage(r) });
        return;
      }
      this.setData({
        status: 'ready',
        items: r.data.items.map(toRow),
        units: r.data.units,
        unitNames: r.data.units.map((u) => u.name),
        open: -1,
      });
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      this.setData({ state: e.currentTarget.dataset.state as 'pending' | 'decided' });
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      if (this.data.state !== 'pending') return;
      this.setData({
        open: Number(e.currentTarget.dataset.i),
        decision: '',
        supervise: false,
        title: '',
        unitIndex: -1,
        deadline: '',
        formError: '',
      });
    },
    onDecision(e: WechatMiniprogram.Input) {
      this.setData({ decision: e.detail.value, formError: '' });
    },
    onSupervise() {
      this.setData({ supervise: !this.data.supervise });
    },
    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ title: e.detail.value });
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitIndex: Number(e.detail.value) });
    },
    onDeadline(e: WechatMiniprogram.PickerChange) {
      this.setData({ deadline: String(e.detail.value) });
    },
    onCadence(e: WechatMiniprogram.PickerChange) {
      this.setData({ cadenceIndex: Number(e.detail.value) });
    },
    /** The request, or a zh-CN hint of what is missing. */
    payload(): SupervisionContract['decideAgenda']['input'] | string {
      const d = this.data;
      const decision = d.decision.trim();
      if (!decision) return '请填写会议决定';
      const row = d.items[d.open];
      if (!d.supervise) return { agendaId: row.id, decision };
      if (!d.title.trim()) return '请填写督办事项名称';
      if (d.unitIndex < 0) return '请选择主办单位';
      if (!d.deadline) return '请选择办结时限';
      return {
        agendaId: row.id,
        decision,
        supervise: {
          title: d.title.trim(),
          detail: decision,
          basis: { kind: 'meeting', ref: `议题${row.ticketNo}` },
          leadUnitId: d.units[d.unitIndex]._id,
          deadline: d.deadline,
          cadence: CADENCES[d.cadenceIndex],
        },
      };
    },
    async onSubmit() {
      if (this.data.busy) return;
      const p = this.payload();
      if (typeof p === 'string') {
        this.setData({ formError: p });
        return;
      }
      this.setData({ busy: true });
      const r = await callFunction('supervision', 'decideAgenda', p);
      this.setData({ busy: false });
      if (r.code !== 0) {
        this.setData({ formError: supervisionMessage(r) });
        return;
      }
      wx.showToast({ title: r.data.itemNo ? `已立督办 ${r.data.itemNo}` : '已记录决定', icon: 'success' });
      await this.load();
    },
  },
});
