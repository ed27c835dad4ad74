/**
 * Inspector: rectified findings waiting for my verification (pass, or send back with a reason), and the
 * findings I logged, newest first. One list, two tabs; switching tabs reloads it.
 */
import { askText, rowAfter, runAction } from '../../../services/actions';
import { tickets } from '../../../services/api';
import { LIMITS } from '../../../services/format';
import { LIST_DATA, LIST_METHODS, loadedRows, reload, replaceItem } from '../../../services/paged-list';
import { type TicketCard, type TicketRow, toCard } from '../../../services/tickets.view';
import type { TicketActionInputs } from '../../../shared/contract';

type Tab = 'awaiting' | 'mine';
type FindingItem = TicketCard & { verifiable: boolean };

/** The list action of each tab (cloudfunctions/tickets reads.service.ts). */
const SOURCES: Record<Tab, 'awaitingMyVerification' | 'myFindings'> = { awaiting: 'awaitingMyVerification', mine: 'myFindings' };
const EMPTY: Record<Tab, string> = { awaiting: '没有等待验收的整改 👍', mine: '还没有记录过巡查问题' };

Component({
  data: { ...LIST_DATA, tab: 'awaiting' as Tab, emptyText: EMPTY.awaiting },
  methods: {
    onLoad(options?: { tab?: string }) {
      if (options?.tab === 'mine') this.setData({ tab: 'mine', emptyText: EMPTY.mine });
      void reload(this);
    },
    ...LIST_METHODS,
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.tab as Tab;
      if (tab === this.data.tab || !SOURCES[tab]) return;
      this.setData({ tab, emptyText: EMPTY[tab], items: [], status: 'loading', ended: false });
      void reload(this);
    },
    fetchPage(cursor: string | undefined) {
      return tickets(SOURCES[this.data.tab as Tab], cursor ? { cursor } : {});
    },
    toItem(row: TicketRow, now: number): FindingItem {
      return { ...toCard(row, now), verifiable: row.state === 'rectified' && row.source === 'finding' };
    },
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
    async onVerify(e: WechatMiniprogram.TouchEvent) {
      const { id, approve } = e.currentTarget.dataset as { id: string; approve: boolean };
      const row = loadedRows<TicketRow>(this).find((r) => r._id === id);
      if (!row) return;
      const payload: TicketActionInputs['verify'] = { ticketId: id, approve: !!approve };
      if (!approve) {
        const note = await askText('退回整改', '说明哪里仍不合格');
        if (!note) return;
        payload.note = note.slice(0, LIMITS.note);
      }
      const res = await runAction('verify', payload, approve ? '已验收通过' : '已退回整改');
      if (res) replaceItem(this, rowAfter(row, res));
    },
  },
});
