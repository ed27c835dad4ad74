/**
 * Admin: a contract's editor. Contractor and supervising unit, service kind, zones covered, term, monthly fee,
 * the clauses of the 100-point sheet (code, what, how, points, deduction in points and/or yuan), the weights,
 * the pass score, and the payment rule: one of a fixed set of formulas with its parameters — never an
 * expression. The server's coded errors are shown in zh-CN, missing payment parameters marked at their fields.
 */
import type { ServiceKind } from '../../../../shared/contracts/contract.schema';
import type { PaymentFormula } from '../../../../shared/contracts/payment.rules';
import { callFunction } from '../../../services/api';
import { privateState } from '../../../services/instance';
import type { Reply } from '../../../services/reply';
import type { ReplyOf, ZoneKind } from '../../../shared/contract';
import { contractMessage, PAYMENT_FIELDS, PAYMENT_FORMULA_LABELS, SERVICE_KIND_LABELS } from '../labels';
import { type ContractForm, emptyClause, emptyForm, formOf, requestOf } from './editor.view';

type Unit = ReplyOf<'admin', 'units'>['items'][number];
type ZoneRow = Pick<ReplyOf<'admin', 'zones'>['items'][number], '_id' | 'name' | 'kind'>;
const FORMULAS = Object.keys(PAYMENT_FORMULA_LABELS) as PaymentFormula[];
const KINDS = Object.keys(SERVICE_KIND_LABELS) as ServiceKind[];
const own = privateState(() => ({ id: '', version: 0 }));

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    form: emptyForm() as ContractForm,
    contractors: [] as Unit[],
    contractorNames: [] as string[],
    units: [] as Unit[],
    unitNames: [] as string[],
    kindNames: KINDS.map((k) => SERVICE_KIND_LABELS[k]),
    formulaNames: FORMULAS.map((f) => PAYMENT_FORMULA_LABELS[f]),
    zones: [] as Array<ZoneRow & { on: boolean }>,
    paramFields: PAYMENT_FIELDS.fullAboveThreshold as ReadonlyArray<{ key: string; label: string; unit: string }>,
    bad: {} as Record<string, boolean>,
    /** What the pickers show: names, not ids. */
    shown: { contractor: '', supervising: '', kind: '', formula: '' },
    serverError: '',
    saving: false,
  },
  methods: {
    async onLoad(query: { id?: string } = {}) {
      own(this).id = query.id ?? '';
      // Contracts cover buildings, canteens and dormitories (and everything under them).
      const places = (kind: ZoneKind) => callFunction('admin', 'zones', { kind });
      const [units, canteens, dorms, buildings, contract] = await Promise.all([
        callFunction('admin', 'units', {}),
        places('canteen'),
        places('dormitory'),
        places('building'),
        query.id ? callFunction('contracts', 'get', { contractId: query.id }) : Promise.resolve(null),
      ]);
      const failed = [units, canteens, dorms, buildings, contract].find((r): r is Reply<never> & { code: string } => !!r && r.code !== 0);
      if (failed || units.code !== 0 || canteens.code !== 0 || dorms.code !== 0 || buildings.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage((failed ?? units) as Reply<unknown>) });
        return;
      }
      const form = contract && contract.code === 0 ? formOf(contract.data) : emptyForm();
      if (contract && contract.code === 0) own(this).version = contract.data.version;
      const contractors = units.data.items.filter((u) => u.kind === 'contractor');
      this.setData({
        status: 'ready',
        form,
        contractors,
        contractorNames: contractors.map((u) => u.name),
        units: units.data.items,
        unitNames: units.data.items.map((u) => u.name),
        zones: [...canteens.data.items, ...dorms.data.items, ...buildings.data.items]
          .slice(0, 100)
          .map((z) => ({ _id: z._id, name: z.name, kind: z.kind, on: form.zoneIds.includes(z._id) })),
        paramFields: PAYMENT_FIELDS[form.formula],
      });
      this.show();
    },
    show() {
      const f = this.data.form;
      const name = (list: Unit[], id: string) => list.find((u) => u._id === id)?.name ?? '';
      this.setData({
        shown: {
          contractor: name(this.data.contractors, f.contractorUnitId),
          supervising: name(this.data.units, f.supervisingUnitId),
          kind: SERVICE_KIND_LABELS[f.serviceKind],
          formula: PAYMENT_FORMULA_LABELS[f.formula],
        },
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const key = String(e.currentTarget.dataset.key);
      this.setData({ [`form.${key}`]: e.detail.value, [`bad.${key.replace(/\./g, '_')}`]: false, serverError: '' });
    },
    onPick(e: WechatMiniprogram.PickerChange) {
      const key = String(e.currentTarget.dataset.key);
      const i = Number(e.detail.value);
      const value =
        key === 'contractorUnitId'
          ? this.data.contractors[i]?._id
          : key === 'supervisingUnitId'
            ? this.data.units[i]?._id
            : key === 'serviceKind'
              ? KINDS[i]
              : String(e.detail.value);
      this.setData({ [`form.${key}`]: value, [`bad.${key}`]: false });
      this.show();
    },
    onFormula(e: WechatMiniprogram.PickerChange) {
      const formula = FORMULAS[Number(e.detail.value)];
      this.setData({ 'form.formula': formula, 'form.params': {}, paramFields: PAYMENT_FIELDS[formula], serverError: '' });
      this.show();
    },
    onZone(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      const on = !this.data.zones[i].on;
      const ids = this.data.zones.filter((z, k) => (k === i ? on : z.on)).map((z) => z._id);
      this.setData({ [`zones[${i}].on`]: on, 'form.zoneIds': ids, 'bad.zoneIds': false });
    },
    onAddClause() {
      this.setData({ [`form.clauses[${this.data.form.clauses.length}]`]: emptyClause() });
    },
    onRemoveClause(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      if (this.data.form.clauses.length <= 1) return;
      this.setData({ 'form.clauses': this.data.form.clauses.filter((_c, k) => k !== i) });
    },
    async onSave() {
      if (this.data.saving) return;
      const { request, bad } = requestOf(this.data.form);
      if (!request) {
        this.setData({ bad: Object.fromEntries(bad.map((k) => [k.replace(/\./g, '_'), true])), serverError: '请补全标出的项' });
        return;
      }
      const id = own(this).id;
      this.setData({ saving: true, serverError: '' });
      const r = await callFunction('contracts', 'save', {
        ...request,
        ...(id ? { contractId: id, version: own(this).version } : {}),
      });
      this.setData({ saving: false });
      if (r.code !== 0) {
        const missing = ((r as { details?: { missing?: string[] } }).details?.missing ?? []).map((k) => [`params_${k}`, true]);
        this.setData({ serverError: contractMessage(r), bad: Object.fromEntries(missing) });
        return;
      }
      own(this).id = r.data.contractId;
      own(this).version = r.data.version;
      wx.showToast({ title: '已保存', icon: 'success' });
    },
  },
});
