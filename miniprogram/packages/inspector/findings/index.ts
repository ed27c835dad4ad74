/**
 * Inspector: rectified findings waiting for my verification, and the findings I logged, newest first. One
 * list, two tabs; switching tabs reloads it. Verification happens on the ticket page, with the before and
 * after photos side by side: nobody passes a rectification without seeing it.
 */
import { tickets } from '../../../services/api';
import { LIST_DATA, LIST_METHODS, type Page, reload } from '../../../services/paged-list';
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
    onVerify(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${String(e.currentTarget.dataset.id)}` });
    },
  },
});
