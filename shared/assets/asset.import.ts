import { ASSET_ROW_ERRORS, type AssetRowErrorCode } from './asset.errors';
import { type AssetCategory, AssetTag } from './asset.schema';

/** The ledger sheet's columns, in order, as offices head them (导入模板 and 台账导出 share them). */
export const LEDGER_COLUMNS = [
  { key: 'tag', header: '资产标签', required: true },
  { key: 'categoryCode', header: '分类代码', required: true },
  { key: 'name', header: '资产名称', required: true },
  { key: 'model', header: '规格型号', required: false },
  { key: 'serial', header: '序列号', required: false },
  { key: 'value', header: '原值（元）', required: true },
  { key: 'purchasedAt', header: '购置日期', required: false },
  { key: 'inServiceAt', header: '启用日期', required: false },
  { key: 'supplier', header: '供应商', required: false },
  { key: 'unit', header: '使用单位', required: true },
  { key: 'zone', header: '存放地点编码', required: true },
  { key: 'manager', header: '分管人', required: false },
  { key: 'custodian', header: '使用人', required: false },
] as const;
export type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];

/** One raw row as read from the sheet: cell values by column key (strings, numbers, dates or empty). */
export type RawRow = { row: number; cells: Partial<Record<LedgerKey, unknown>> };

/** A valid row, resolved to ids. */
export interface ImportedRow {
  row: number;
  tag: string;
  categoryCode: string;
  categoryName: string;
  lifeYears: number;
  verifyEveryMonths: number;
  name: string;
  model: string;
  serial: string;
  value: number;
  purchasedAt: Date | null;
  inServiceAt: Date | null;
  supplier: string;
  unitId: string;
  zoneId: string;
  managerId: string | null;
  custodianId: string | null;
}

export interface RowError {
  row: number;
  column: string;
  code: AssetRowErrorCode;
}
/** A row error as the preview reports it. */
export type ReportedRowError = RowError;

/** What the validator looks names up in (the caller loads them once per import). */
export interface ImportLookups {
  categories: ReadonlyMap<string, AssetCategory>;
  /** Unit by id and by name. */
  units: ReadonlyMap<string, { _id: string }>;
  /** Zone by scene id (the code on its QR poster) and by id. */
  zones: ReadonlyMap<string, { _id: string; unitId: string }>;
  /** Person by id and by name (a name shared by two people is left out, so it cannot match). */
  people: ReadonlyMap<string, { _id: string }>;
}

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && v && 'result' in v) return text((v as { result: unknown }).result);
  return String(v).trim();
};

/** A money cell: a number, or a string of digits with an optional thousands separator and ¥. */
export function parseMoney(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v < 1e9 ? Math.round(v * 100) / 100 : null;
  const s = text(v)
    .replace(/[,，¥￥\s]/g, '')
    .replace(/元$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n < 1e9 ? n : null;
}

/** A date cell: an Excel date, or `2024-03-01` / `2024/3/1` / `2024.3.1`, read as a Shanghai calendar date. */
export function parseDate(v: unknown): Date | null | 'bad' {
  if (v === null || v === undefined || text(v) === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'bad' : v;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text(v));
  if (!m) return 'bad';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d) - 8 * 3600_000);
  const back = new Date(at.getTime() + 8 * 3600_000);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || y < 1950 || y > 2100) return 'bad';
  return at;
}

const LIMITS: Partial<Record<LedgerKey, number>> = { name: 60, model: 60, serial: 60, supplier: 60 };

/**
 * Validates a sheet's rows: every problem of every row (column and code), duplicate tags inside the sheet on
 * each row that carries them, names resolved through `lookups`. Only rows without problems are returned as
 * valid; the importer writes nothing while any row has a problem.
 */
export function validateRows(rows: readonly RawRow[], lookups: ImportLookups): { valid: ImportedRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const valid: ImportedRow[] = [];
  const tagRows = new Map<string, number[]>();
  for (const r of rows) {
    const t = text(r.cells.tag).toUpperCase();
    if (t) tagRows.set(t, [...(tagRows.get(t) ?? []), r.row]);
  }
  for (const r of rows) {
    const before = errors.length;
    const err = (key: LedgerKey, code: AssetRowErrorCode) => {
      const header = LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;
      errors.push({ row: r.row, column: header, code });
    };
    for (const c of LEDGER_COLUMNS) if (c.required && text(r.cells[c.key]) === '') err(c.key, ASSET_ROW_ERRORS.MISSING);
    for (const [k, max] of Object.entries(LIMITS) as Array<[LedgerKey, number]>)
      if (text(r.cells[k]).length > max) err(k, ASSET_ROW_ERRORS.TOO_LONG);

    const tag = text(r.cells.tag).toUpperCase();
    if (tag && !AssetTag.safeParse(tag).success) err('tag', ASSET_ROW_ERRORS.BAD_TAG);
    else if (tag && (tagRows.get(tag)?.length ?? 0) > 1) err('tag', ASSET_ROW_ERRORS.DUPLICATE_TAG);

    const code = text(r.cells.categoryCode).toUpperCase();
    const category = lookups.categories.get(code);
    if (code && !category) err('categoryCode', ASSET_ROW_ERRORS.UNKNOWN_CATEGORY);

    const rawValue = r.cells.value;
    const value = text(rawValue) === '' ? null : parseMoney(rawValue);
    if (text(rawValue) !== '' && value === null) err('value', ASSET_ROW_ERRORS.NOT_A_NUMBER);

    const purchasedAt = parseDate(r.cells.purchasedAt);
    if (purchasedAt === 'bad') err('purchasedAt', ASSET_ROW_ERRORS.BAD_DATE);
    const inServiceAt = parseDate(r.cells.inServiceAt);
    if (inServiceAt === 'bad') err('inServiceAt', ASSET_ROW_ERRORS.BAD_DATE);

    const unitName = text(r.cells.unit);
    const unit = unitName ? lookups.units.get(unitName) : undefined;
    if (unitName && !unit) err('unit', ASSET_ROW_ERRORS.UNIT_NOT_FOUND);
    const zoneCode = text(r.cells.zone);
    const zone = zoneCode ? lookups.zones.get(zoneCode) : undefined;
    if (zoneCode && !zone) err('zone', ASSET_ROW_ERRORS.ZONE_NOT_FOUND);
    else if (zone && unit && zone.unitId !== unit._id) err('zone', ASSET_ROW_ERRORS.ZONE_OUTSIDE_UNIT);

    const person = (key: 'manager' | 'custodian') => {
      const n = text(r.cells[key]);
      if (!n) return null;
      const p = lookups.people.get(n);
      if (!p) err(key, ASSET_ROW_ERRORS.PERSON_NOT_FOUND);
      return p?._id ?? null;
    };
    const managerId = person('manager');
    const custodianId = person('custodian');

    if (errors.length > before || !category || !unit || !zone || value === null) continue;
    valid.push({
      row: r.row,
      tag,
      categoryCode: category.code,
      categoryName: category.name,
      lifeYears: category.lifeYears,
      verifyEveryMonths: category.verifyEveryMonths,
      name: text(r.cells.name),
      model: text(r.cells.model),
      serial: text(r.cells.serial),
      value,
      purchasedAt: purchasedAt === 'bad' ? null : purchasedAt,
      inServiceAt: inServiceAt === 'bad' ? null : inServiceAt,
      supplier: text(r.cells.supplier),
      unitId: unit._id,
      zoneId: zone._id,
      managerId,
      custodianId,
    });
  }
  return { valid, errors };
}

/** Header text → column key, tolerant of spacing and of 原值 written without its unit. */
export function columnKeyOf(header: string): LedgerKey | null {
  const h = header.replace(/\s/g, '').replace(/[（(].*?[)）]/g, '');
  const found = LEDGER_COLUMNS.find((c) => c.header.replace(/[（(].*?[)）]/g, '') === h);
  return found?.key ?? null;
}

/** At most this many rows per import (one invocation writes them within its 60 s). */
export const MAX_IMPORT_ROWS = 5000;
