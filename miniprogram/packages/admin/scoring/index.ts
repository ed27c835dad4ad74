/**
 * Admin: scoring rules (评分规则). The versions, the one in force this month and from which month, each rule
 * as a sentence, and a form to publish a new version effective from a later month (prefilled from the latest
 * version; checked here against the schema's bounds, and the server's coded errors shown at the fields).
 */
import { callFunction } from '../../../services/api';
import { addMonths, monthAt, periodLabel } from '../../../services/briefing.format';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { type MessageOverrides, messageOf, type Reply } from '../../../services/reply';
import { DEFAULT_RULES, FIELDS, formOf, inForce, nextVersion, type Rules, readForm, ruleLines } from './rules.view';

type Line = { label: string; text: string };
type VersionView = { version: string; from: string; badge: string; tone: string; open: boolean; lines: Line[] };
type FieldView = { key: string; label: string; unit: string; value: string; error: string; group: string; first: boolean };

/** A form sentence more specific than the general one for an invalid request. */
const OVERRIDES: MessageOverrides = { 'REQUEST.INVALID': '填写的内容不符合要求，请检查标出的项' };

/** The latest version's rules, kept off `data` (the view renders their sentences only). */
const own = privateState(() => ({ latest: null as Rules | null }));

const fieldViews = (values: Record<string, string>): FieldView[] =>
  FIELDS.map((f, i) => ({
    key: f.key,
    label: f.label,
    unit: f.unit,
    value: values[f.key] ?? '',
    error: '',
    group: f.group,
    first: i === 0 || FIELDS[i - 1].group !== f.group,
  }));

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    month: '',
    monthText: '',
    current: null as null | { version: string; from: string; isDefault: boolean; lines: Line[] },
    versions: [] as VersionView[],
    taken: [] as string[],
    formOpen: false,
    version: '',
    versionError: '',
    effectiveFrom: '',
    effectiveText: '',
    fromStart: '',
    fromError: '',
    fields: [] as FieldView[],
    submitting: false,
    serverError: '',
  },
  methods: {
    onLoad() {
      const month = monthAt(Date.now());
      this.setData({ month, monthText: periodLabel(month), fromStart: addMonths(month, 1) });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      if (!this.data.current) this.setData({ status: 'loading' });
      const r = await callFunction('scoring', 'rules', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: messageOf(r) });
        return;
      }
      const month = this.data.month;
      const list = r.data
        .slice()
        .sort((a, b) =>
          a.effectiveFrom === b.effectiveFrom ? (a.version < b.version ? 1 : -1) : a.effectiveFrom < b.effectiveFrom ? 1 : -1,
        );
      const live = inForce(month, list);
      own(this).latest = list[0] ?? null;
      const rules = live ?? DEFAULT_RULES;
      this.setData({
        status: 'ready',
        current: {
          version: live ? live.version : '系统默认',
          from: live ? `自${periodLabel(live.effectiveFrom)}起执行` : '尚未发布规则版本，按系统默认规则计分',
          isDefault: !live,
          lines: ruleLines(rules),
        },
        versions: list.map((v) => {
          const state = live && v.version === live.version ? 'live' : v.effectiveFrom > month ? 'future' : 'past';
          return {
            version: v.version,
            from: `自${periodLabel(v.effectiveFrom)}起`,
            badge: state === 'live' ? '执行中' : state === 'future' ? '待生效' : '已停用',
            tone: state === 'live' ? 'ok' : state === 'future' ? 'info' : 'muted',
            open: false,
            lines: ruleLines(v),
          };
        }),
        taken: list.map((v) => v.version),
      });
    },
    onToggleVersion(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      this.setData({ [`versions[${i}].open`]: !this.data.versions[i]?.open });
    },

    // ---- the publish form ----------------------------------------------------------------------------
    /** Opens the form prefilled from the latest version (or the defaults), effective from next month. */
    onOpenForm() {
      const latest = own(this).latest;
      const from = this.data.fromStart;
      this.setData({
        formOpen: true,
        version: nextVersion(latest?.version ?? DEFAULT_RULES.version, this.data.taken),
        versionError: '',
        effectiveFrom: from,
        effectiveText: periodLabel(from),
        fromError: '',
        fields: fieldViews(formOf(latest ?? DEFAULT_RULES)),
        serverError: '',
      });
    },
    onCloseForm() {
      this.setData({ formOpen: false });
    },
    onVersion(e: WechatMiniprogram.Input) {
      this.setData({ version: e.detail.value, versionError: '' });
    },
    onFrom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ effectiveFrom: e.detail.value, effectiveText: periodLabel(e.detail.value), fromError: '' });
    },
    onField(e: WechatMiniprogram.Input) {
      const i = Number(e.currentTarget.dataset.i);
      this.setData({ [`fields[${i}].value`]: e.detail.value, [`fields[${i}].error`]: '' });
    },
    onSubmit() {
      if (this.data.submitting) return;
      const d = this.data;
      const values = Object.fromEntries(d.fields.map((f) => [f.key, f.value]));
      const { rules, errors } = readForm(d.version, d.effectiveFrom, values, d.month, d.taken);
      const patch: Record<string, unknown> = { versionError: errors.version ?? '', fromError: errors.effectiveFrom ?? '', serverError: '' };
      d.fields.forEach((f, i) => {
        if ((errors[f.key] ?? '') !== f.error) patch[`fields[${i}].error`] = errors[f.key] ?? '';
      });
      if (!rules) {
        patch.serverError = '请先改正标出的项';
        this.setData(patch);
        return;
      }
      this.setData(patch);
      wx.showModal({
        title: `发布评分规则 ${rules.version}？`,
        content: `自${periodLabel(rules.effectiveFrom)}起按新规则计分，之前的月份不受影响。规则版本发布后不能修改。`,
        confirmText: '发布',
        success: (res) => {
          if (res.confirm) void this.publish(rules);
        },
      });
    },
    async publish(rules: Rules) {
      this.setData({ submitting: true });
      const r = await callFunction('scoring', 'publishRules', { rules });
      this.setData({ submitting: false });
      if (r.code !== 0) {
        this.showServerError(r);
        return;
      }
      wx.showToast({ title: `已发布 ${r.data.version}`, icon: 'success' });
      this.setData({ formOpen: false });
      await this.load();
    },
    /** The server's code and message, and each refused field (REQUEST.INVALID issues name `rules.<path>`). */
    showServerError(r: Reply<unknown>) {
      if (r.code === 0) return;
      // The sentence only: a person never reads a code.
      const patch: Record<string, unknown> = { serverError: messageOf(r, OVERRIDES) };
      if (r.code === 'SCORING.RULES_EXIST') patch.versionError = messageOf(r);
      const issues = (r as { details?: { issues?: Array<{ path?: string; message?: string }> } }).details?.issues ?? [];
      for (const issue of issues) {
        const path = String(issue.path ?? '').replace(/^rules\./, '');
        const msg = `不符合要求：${issue.message ?? ''}`;
        const i = this.data.fields.findIndex((f) => f.key === path);
        if (i >= 0) patch[`fields[${i}].error`] = msg;
        else if (path === 'version') patch.versionError = msg;
        else if (path === 'effectiveFrom') patch.fromError = msg;
      }
      this.setData(patch);
    },
  },
});
