/**
 * The asset card: scan a label (or open one from a list) and see the asset, its book value, where it stands for
 * verification and its whole life, oldest first. The named custodian confirms receipt here.
 */
import type { AssetsContract } from '../../../../shared/contract/assets.contract';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { assetMessage, assetsCall, EVENT_LABELS, STATUS_LABELS, scanLabel, ymd, yuan } from '../assets.text';

type Card = AssetsContract['card']['reply'];
const own = privateState(() => ({ query: {} as { assetId?: string; tag?: string } }));

const DUE_TEXT = { ok: '', due: '待核对', overdue: '已逾期未核对' } as const;

/** What the page renders of a card (no raw documents in `data`). */
function view(c: Card) {
  const a = c.asset;
  return {
    id: a._id,
    tag: a.tag,
    name: a.name,
    status: STATUS_LABELS[a.status],
    statusKey: a.status,
    category: `${a.categoryName}（${a.categoryCode}）`,
    fields: [
      { label: '规格型号', value: a.model || '—' },
      { label: '序列号', value: a.serial || '—' },
      { label: '原值', value: yuan(a.value) },
      { label: '净值', value: `${yuan(c.depreciation.bookValue)}（已提折旧 ${c.depreciation.months} 个月）` },
      { label: '购置日期', value: ymd(a.purchasedAt) },
      { label: '启用日期', value: ymd(a.inServiceAt) },
      { label: '供应商', value: a.supplier || '—' },
      { label: '存放地点', value: c.zoneName ?? '—' },
      { label: '分管人', value: c.managerName ?? '—' },
      { label: '使用人', value: c.custodianName ? `${c.custodianName}${a.custodianAcceptedAt ? '（已确认领用）' : '（待确认）'}` : '—' },
      { label: '上次核对', value: ymd(a.lastVerifiedAt) },
      { label: '下次核对', value: ymd(a.nextVerifyAt) },
    ],
    due: DUE_TEXT[c.due],
    events: c.events.map((e) => ({ id: e._id, label: EVENT_LABELS[e.kind], at: ymd(e.at), detail: eventDetail(e.data) })),
    tickets: c.tickets.map((t) => ({ id: t._id, no: t.no, text: t.description })),
    mayAccept: c.isCustodian && !a.custodianAcceptedAt && a.status === 'in_use',
    mayManage: c.mayManage,
  };
}

function eventDetail(d: Record<string, string | number | boolean | null>): string {
  const parts: string[] = [];
  if (typeof d.cost === 'number') parts.push(`费用 ${yuan(d.cost)}`);
  if (typeof d.proceeds === 'number') parts.push(`处置收入 ${yuan(d.proceeds)}`);
  if (d.approvalNo) parts.push(`批准文号 ${d.approvalNo}`);
  if (d.borrower) parts.push(`借用人 ${d.borrower}`);
  if (d.liableName) parts.push(`责任人 ${d.liableName}`);
  if (d.place) parts.push(`发现于 ${d.place}`);
  if (d.note) parts.push(String(d.note));
  return parts.join(' · ');
}

Component({
  data: {
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    errorText: '',
    card: null as ReturnType<typeof view> | null,
    busy: false,
  },
  methods: {
    /** `scene` is the tag in a scanned label's code; `id` comes from a list. */
    onLoad(query: { scene?: string; tag?: string; id?: string } = {}) {
      const tag = query.scene ? decodeURIComponent(query.scene) : query.tag;
      own(this).query = query.id ? { assetId: query.id } : tag ? { tag } : {};
      if (own(this).query.assetId || own(this).query.tag) void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const q = own(this).query;
      if (!q.assetId && !q.tag) return;
      this.setData({ status: 'loading' });
      const r = await assetsCall('card', q.assetId ? { assetId: q.assetId } : { tag: q.tag as string });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: assetMessage(r), card: null });
        return;
      }
      this.setData({ status: 'ready', card: view(r.data) });
    },
    async onScan() {
      const tag = await scanLabel();
      if (!tag) {
        wx.showToast({ title: '未识别到资产标签', icon: 'none' });
        return;
      }
      own(this).query = { tag };
      await this.load();
    },
    async onAccept() {
      const card = this.data.card;
      if (!card || this.data.busy) return;
      this.setData({ busy: true });
      const r = await assetsCall('event', { event: 'accept', assetId: card.id });
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: assetMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: '已确认领用', icon: 'success' });
      await this.load();
    },
    onTransfer() {
      const card = this.data.card;
      if (card) wx.navigateTo({ url: `/packages/assets/transfers/index?assetId=${card.id}` });
    },
    onTicket(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/ticket/index?id=${id}` });
    },
  },
});
