import {
  insertCategory,
  type Orderable,
  orderChanges,
  rankOf,
  sortCategories,
  swapWithNeighbour,
} from '../../../shared/org/category.order';
import { DEFAULT_CATEGORIES } from '../../../shared/org/category.schema';

const codes = (list: Array<{ code: string }>) => list.map((c) => c.code);

describe('sortCategories', () => {
  it('orders categories without a stored order as the defaults, then unknown codes by code', () => {
    const shuffled = [{ code: 'zebra' }, ...[...DEFAULT_CATEGORIES].reverse(), { code: 'apple' }];

    expect(codes(sortCategories(shuffled))).toEqual([...DEFAULT_CATEGORIES.map((c) => c.code), 'apple', 'zebra']);
  });

  it('puts a stored order first, and breaks ties by the defaults then code', () => {
    const list = [
      { code: 'other', order: 2 },
      { code: 'noise', order: 1 },
      { code: 'hygiene', order: 2 },
      { code: 'parking', order: 1 },
      { code: 'attitude', order: 0 },
    ];

    expect(codes(sortCategories(list))).toEqual(['attitude', 'noise', 'parking', 'hygiene', 'other']);
  });

  it('mixes stored orders with missing ones by rank (a missing order ranks as its default index)', () => {
    const list = [{ code: 'other' }, { code: 'noise', order: 3 }, { code: 'hygiene' }, { code: 'safety', order: null }];

    expect(rankOf({ code: 'safety' })).toBe(4);
    expect(rankOf({ code: 'noise' })).toBe(DEFAULT_CATEGORIES.length);
    expect(codes(sortCategories(list))).toEqual(['hygiene', 'noise', 'safety', 'other']);
  });

  it('returns a new array and leaves the input as it was', () => {
    const list = [{ code: 'other' }, { code: 'hygiene' }];

    const sorted = sortCategories(list);

    expect(codes(sorted)).toEqual(['hygiene', 'other']);
    expect(codes(list)).toEqual(['other', 'hygiene']);
  });
});

describe('insertCategory, swapWithNeighbour and orderChanges', () => {
  const list: Orderable[] = [
    { code: 'hygiene', order: 0 },
    { code: 'safety', order: 1 },
    { code: 'other', order: 2 },
  ];

  it('inserts a new category just before other, or last without one', () => {
    expect(codes(insertCategory(list, { code: 'noise' }))).toEqual(['hygiene', 'safety', 'noise', 'other']);
    expect(codes(insertCategory(list.slice(0, 2), { code: 'noise' }))).toEqual(['hygiene', 'safety', 'noise']);
  });

  it('swaps with the neighbour above or below, null at the edges, undefined for an unknown code', () => {
    expect(codes(swapWithNeighbour(list, 'safety', 'up') ?? [])).toEqual(['safety', 'hygiene', 'other']);
    expect(codes(swapWithNeighbour(list, 'safety', 'down') ?? [])).toEqual(['hygiene', 'other', 'safety']);
    expect(swapWithNeighbour(list, 'hygiene', 'up')).toBeNull();
    expect(swapWithNeighbour(list, 'other', 'down')).toBeNull();
    expect(swapWithNeighbour(list, 'nope', 'up')).toBeUndefined();
    expect(codes(list)).toEqual(['hygiene', 'safety', 'other']);
  });

  it('lists only the orders that differ from the position', () => {
    const moved = insertCategory(list, { code: 'noise' });

    expect(orderChanges(moved)).toEqual([
      { code: 'noise', order: 2 },
      { code: 'other', order: 3 },
    ]);
    expect(orderChanges(list)).toEqual([]);
  });
});
