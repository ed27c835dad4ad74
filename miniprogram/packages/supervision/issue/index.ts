/**
 * 立项督办 (the office: leaders and admins): a numbered supervision item with its basis (a 巡查简报 number, a
 * meeting, a leader's instruction), the lead unit and assisting units, the deadline (办结时限) and how often the
 * units report. The number comes from the server's counter; the item then appears in 督办事项.
 */
import type { BasisKind, Cadence } from '../../../../shared/accountability/supervision';
import type { ItemFieldsInput } from '../../../../shared/contract/supervision.contract';
import { callFunction } from '../../../services/api';
import { BASIS_LABELS, CADENCE_LABELS, supervisionMessage } from '../labels';

const BASES = Object.keys(BASIS_LABELS) as BasisKind[];
const CADENCES = Object.keys(CADENCE_LABELS) as Cadence[];
const REF_HINTS: { [K in BasisKind]: string } = {
  briefing: '简报期号，例如：2026年第12期巡查简报',
  meeting: '会议名称，例如：11月总务部办公会',
  instruction: '批示人和批示要点，例如：分管校领导批示',
};

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    units: [] as Array<{ id: string; name: string; assist: boolean }>,
    unitNames: [] as string[],
    basisNames: BASES.map((b) => BASIS_LABELS[b]),
    cadenceNames: CADENCES.map((c) => CADENCE_LABELS[c]),
    basisIndex: 0,
    refHint: REF_HINTS[BASES[0]],
    title: '',
    detail: '',
    ref: '',
    leadIndex: -1,
    deadline: '',
    cadenceIndex: 0,
    formError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const r = await callFunction('supervision', 'units', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: supervisionMessage(r) });
        return;
      }
      this.setData({
        status: 'ready',
        units: r.data.items.map((u) => ({ id: u._id, name: u.name, assist: false })),
        unitNames: r.data.items.map((u) => u.name),
      });
    },
    onInput(e: WechatMiniprogram.Input) {
      const key = String(e.currentTarget.dataset.key);
      this.setData({ [key]: e.detail.value, formError: '' });
    },
    onBasis(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      this.setData({ basisIndex: i, refHint: REF_HINTS[BASES[i]] });
    },
    onLead(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      // The lead unit does not also assist.
      this.setData({ leadIndex: i, [`units[${i}].assist`]: false, formError: '' });
    },
    onAssist(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      if (i === this.data.leadIndex) return;
      this.setData({ [`units[${i}].assist`]: !this.data.units[i].assist });
    },
    onDeadline(e: WechatMiniprogram.PickerChange) {
      this.setData({ deadline: String(e.detail.value), formError: '' });
    },
    onCadence(e: WechatMiniprogram.PickerChange) {
      this.setData({ cadenceIndex: Number(e.detail.value) });
    },
    /** The request, or a zh-CN hint of what is missing. */
    payload(): ItemFieldsInput | string {
      const d = this.data;
      const title = d.title.trim();
      const detail = d.detail.trim();
      const ref = d.ref.trim();
      if (!title) return '请填写督办事项名称';
      if (!detail) return '请填写督办内容和要求';
      if (!ref) return '请填写立项依据';
      if (d.leadIndex < 0) return '请选择主办单位';
      if (!d.deadline) return '请选择办结时限';
      return {
        title,
        detail,
        basis: { kind: BASES[d.basisIndex], ref },
        leadUnitId: d.units[d.leadIndex].id,
        assistUnitIds: d.units.filter((u, i) => u.assist && i !== d.leadIndex).map((u) => u.id),
        deadline: d.deadline,
        cadence: CADENCES[d.cadenceIndex],
      };
    },
    async onSubmit() {
      if (this.data.busy) return;
      const p = this.payload();
      if (typeof p === 'string') {
        this.setData({ formError: p });
        return;
      }
      this.setData({ busy: true, formError: '' });
      const r = await callFunction('supervision', 'issueItem', { ...p });
      this.setData({ busy: false });
      if (r.code !== 0) {
        this.setData({ formError: supervisionMessage(r) });
        return;
      }
      wx.showToast({ title: `已立项 ${r.data.no}`, icon: 'success' });
      wx.redirectTo({ url: `/packages/supervision/item/index?id=${r.data.itemId}` });
    },
  },
});
