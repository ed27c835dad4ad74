/**
 * The problem categories as the admin configured them (`org.categories`), for the report grid and the patrol
 * checklists. The last list loaded is kept in memory and in storage, so a page opens with it at once and
 * refreshes it in the background; before any list was ever loaded (an offline first start) the built-in list
 * of miniprogram/services/checklists.ts stands in.
 */
import type { CategoryItem } from '../shared/contract';
import { callFunction } from './api';
import { CATEGORIES, CHECKLISTS, DEFAULT_SEVERITY, REPORTER_HIDDEN } from './checklists';

/** A category as `org.categories` answers it (shared/contract `CategoryItem`). */
export type { CategoryItem };

const STORAGE_KEY = 'xuncha.categories';
const SEVERITIES = ['minor', 'major', 'critical'];

let memory: CategoryItem[] | null = null;

/** The built-in categories with their default severity and checklist. */
export const BUILTIN_CATEGORIES: readonly CategoryItem[] = CATEGORIES.map((c) => ({
  ...c,
  defaultSeverity: DEFAULT_SEVERITY[c.code] ?? 'minor',
  checklist: [...(CHECKLISTS[c.code] ?? [])],
  reporterVisible: !REPORTER_HIDDEN.has(c.code),
}));

/** The categories a reporter chooses from (the admin decides; inspectors see them all). */
export const forReporters = (items: readonly CategoryItem[]): CategoryItem[] =>
  items.filter((c) => (typeof c.reporterVisible === 'boolean' ? c.reporterVisible : !REPORTER_HIDDEN.has(c.code)));

const isItem = (v: unknown): v is CategoryItem => {
  const c = v as Partial<CategoryItem> | null;
  return (
    !!c &&
    typeof c.code === 'string' &&
    typeof c.name === 'string' &&
    typeof c.icon === 'string' &&
    SEVERITIES.includes(String(c.defaultSeverity)) &&
    Array.isArray(c.checklist) &&
    c.checklist.every((t) => typeof t === 'string')
  );
};

/** A well-formed, non-empty list, or null (a reply or a stored value from another version is ignored). */
function listOf(v: unknown): CategoryItem[] | null {
  return Array.isArray(v) && v.length > 0 && v.every(isItem) ? (v as CategoryItem[]) : null;
}

function stored(): CategoryItem[] | null {
  try {
    return listOf(wx.getStorageSync(STORAGE_KEY));
  } catch {
    return null;
  }
}

/** The categories known without a request: the last loaded (memory, then storage), else the built-in list. */
export function knownCategories(): readonly CategoryItem[] {
  if (!memory) memory = stored();
  return memory ?? BUILTIN_CATEGORIES;
}

/**
 * Asks the server for the configured categories and remembers them; when the call fails, the categories
 * known so far (`knownCategories()`). Resolves with `fresh: false` in that case so a page may say so.
 */
export async function loadCategories(): Promise<{ items: readonly CategoryItem[]; fresh: boolean }> {
  const r = await callFunction('org', 'categories', {});
  const items = r.code === 0 ? listOf(r.data?.items) : null;
  if (!items) return { items: knownCategories(), fresh: false };
  memory = items;
  try {
    wx.setStorageSync(STORAGE_KEY, items);
  } catch {
    // Storage full or unavailable: the list still serves this session from memory.
  }
  return { items, fresh: true };
}
