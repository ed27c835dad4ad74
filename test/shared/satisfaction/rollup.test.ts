import { bucketForDays, dayBuckets, diffBuckets, incrementsFor, type mergeBuckets, type RatingRecord } from '../../../shared/satisfaction';
import { sh } from '../fixtures';

const rating = (id: string, at: Date, stars: number, over: Partial<RatingRecord> = {}): RatingRecord => ({
  _id: id,
  source: 'feedback',
  unitId: 'u1',
  zoneId: 'z1',
  campusId: 'c1',
  categoryCode: null,
  ticketId: null,
  rating: stars,
  at,
  ...over,
});

describe('satisfaction rollups', () => {
  it('puts a rating in its Shanghai month and day, on the month and day paths', () => {
    // 2026-04-30 23:30 in Shanghai is still April although it is 15:30 UTC
    const inc = incrementsFor(rating('a', sh('2026-04-30 23:30'), 4, { categoryCode: 'hygiene' }));

    expect(inc).toMatchObject({ id: 'sat-u1-2026-04', month: '2026-04', day: '2026-04-30' });
    expect(inc.inc).toMatchObject({
      n: 1,
      sum: 4,
      'r.4': 1,
      'z.z1.n': 1,
      'c.hygiene.sum': 4,
      's.feedback.n': 1,
      'k.c1.n': 1,
      'd.d30.n': 1,
      'd.d30.z.z1.sum': 4,
    });
  });

  it('sums a week across the two months it straddles', () => {
    const days = dayBuckets([
      rating('a', sh('2026-04-30 10:00'), 5),
      rating('b', sh('2026-05-01 10:00'), 3),
      rating('c', sh('2026-05-04 10:00'), 1),
    ]);
    const u = days.get('u1') as Map<string, ReturnType<typeof mergeBuckets>>;
    const docs = [
      { month: '2026-04', d: { d30: u.get('2026-04-30') as never } },
      { month: '2026-05', d: { d01: u.get('2026-05-01') as never, d04: u.get('2026-05-04') as never } },
    ];

    const week = bucketForDays(docs as never, [
      '2026-04-27',
      '2026-04-28',
      '2026-04-29',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
    ]);

    expect(week).toMatchObject({ n: 2, sum: 8, r: { 5: 1, 3: 1 } });
  });

  it('reports each differing counter', () => {
    expect(diffBuckets({ n: 2, sum: 8 }, { n: 3, sum: 8, r: { 5: 1 } } as never)).toEqual([
      { path: 'n', stored: 2, expected: 3 },
      { path: 'r.5', stored: 0, expected: 1 },
    ]);
  });
});
