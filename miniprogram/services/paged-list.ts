/**
 * The list behaviour every list page shares: first load, pull to refresh, pages of 20 on reaching the bottom,
 * and loading / empty / error / end-of-list states. New pages are appended by path (`items[20]`), never by
 * re-sending the list. A page supplies `fetchPage(cursor)` and `toItem(row, now)` in its methods.
 */

import type { Page } from '../shared/contract';
import { privateState } from './instance';
import type { Reply } from './reply';
import { messageOf } from './reply';

export type { Page };
export type ListStatus = 'loading' | 'ready' | 'error';

/** What the behaviour needs from its page (declared with `this` typing in each page). */
export interface PagedHost<Row, Item> {
  data: { items: Item[]; status: ListStatus; loadingMore: boolean; ended: boolean };
  setData(patch: Record<string, unknown>): void;
  fetchPage(cursor: string | undefined): Promise<Reply<Page<Row>>>;
  toItem(row: Row, now: number): Item;
}

/** Raw rows (countdowns and actions need fields the view does not), the cursor, and a reload counter. */
const own = privateState(() => ({ rows: [] as unknown[], cursor: null as string | null, seq: 0 }));

/** The raw rows behind a list's items, index for index. */
export const loadedRows = <Row>(host: object): Row[] => own(host).rows as Row[];

export const LIST_DATA = { items: [], status: 'loading' as ListStatus, loadingMore: false, moreError: false, ended: false, errorText: '' };

/** Loads the first page (replacing the list); a newer reload wins over an older one still in flight. */
export async function reload<Row, Item>(host: PagedHost<Row, Item>): Promise<void> {
  const st = own(host);
  const seq = ++st.seq;
  if (host.data.items.length === 0) host.setData({ status: 'loading' });
  const r = await host.fetchPage(undefined);
  if (st.seq !== seq) return;
  if (r.code !== 0) {
    host.setData({ status: 'error', errorText: messageOf(r) });
    return;
  }
  const now = Date.now();
  st.rows = r.data.items.slice();
  st.cursor = r.data.nextCursor;
  host.setData({
    items: r.data.items.map((row) => host.toItem(row, now)),
    status: 'ready',
    ended: r.data.nextCursor === null,
    loadingMore: false,
    moreError: false,
  });
}

/** Appends the next page by path keys; does nothing while loading, after an error, or at the end. */
export async function loadMore<Row, Item>(host: PagedHost<Row, Item>): Promise<void> {
  const st = own(host);
  if (host.data.status !== 'ready' || host.data.loadingMore || host.data.ended || !st.cursor) return;
  const seq = st.seq;
  host.setData({ loadingMore: true, moreError: false });
  const r = await host.fetchPage(st.cursor);
  if (st.seq !== seq) return;
  if (r.code !== 0) {
    host.setData({ loadingMore: false, moreError: true });
    return;
  }
  const now = Date.now();
  const start = host.data.items.length;
  const patch: Record<string, unknown> = { loadingMore: false, ended: r.data.nextCursor === null };
  r.data.items.forEach((row, i) => {
    patch[`items[${start + i}]`] = host.toItem(row, now);
  });
  st.rows.push(...r.data.items);
  st.cursor = r.data.nextCursor;
  host.setData(patch);
}

/** Replaces one item after an action, by path; the row is the server's fresh copy. */
export function replaceItem<Row extends { _id: string }, Item>(host: PagedHost<Row, Item>, row: Row): void {
  const rows = own(host).rows as Row[];
  const i = rows.findIndex((r) => r._id === row._id);
  if (i < 0) return;
  rows[i] = row;
  host.setData({ [`items[${i}]`]: host.toItem(row, Date.now()) });
}

/**
 * The list handlers every list page has (spread into its `methods`): pull to refresh, next page at the bottom,
 * retry after an error, and the "load more" button after a failed page.
 */
export const LIST_METHODS = {
  onPullDownRefresh(this: PagedHost<unknown, unknown>) {
    void reload(this).then(() => wx.stopPullDownRefresh());
  },
  onReachBottom(this: PagedHost<unknown, unknown>) {
    void loadMore(this);
  },
  onRetry(this: PagedHost<unknown, unknown>) {
    void reload(this);
  },
  onMore(this: PagedHost<unknown, unknown>) {
    void loadMore(this);
  },
};

/** The handlers of a page that shows one thing loaded by its own `load()`: pull to refresh and retry. */
export const RELOAD_METHODS = {
  onPullDownRefresh(this: { load(): Promise<void> }) {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  onRetry(this: { load(): Promise<void> }) {
    void this.load();
  },
};
