import { bayesianAverage, compareSatisfaction, rankWithTrend, satisfactionRow } from '../../../shared/satisfaction';

describe('the small-sample adjustment', () => {
  it('ranks 300 ratings averaging 4.8 above 3 ratings of 5', () => {
    // Prepare
    const few = satisfactionRow('few', { n: 3, sum: 15 });
    const many = satisfactionRow('many', { n: 300, sum: 1440 });

    // Act
    const ranked = rankWithTrend([few, many], [], compareSatisfaction, (r) => r.adjusted);

    // Assess: (10×3 + 15)/13 = 3.4615 and (10×3 + 1440)/310 = 4.7419
    expect(few.adjusted).toBe(3.4615);
    expect(many.adjusted).toBe(4.7419);
    expect(ranked.map((r) => r.row.id)).toEqual(['many', 'few']);
  });

  it('leaves a unit without ratings at the prior mean', () => {
    expect(bayesianAverage({ n: 0, sum: 0 })).toBe(3);
  });

  it('breaks ties by more ratings, then the raw mean, then the id', () => {
    const rows = [
      satisfactionRow('b', { n: 10, sum: 30 }), // 3.0 over 10
      satisfactionRow('a', { n: 10, sum: 30 }), // same as b: id decides
      satisfactionRow('c', { n: 20, sum: 60 }), // 3.0 over 20: more evidence first
    ];

    expect(rankWithTrend(rows, [], compareSatisfaction, (r) => r.adjusted).map((r) => [r.rank, r.row.id])).toEqual([
      [1, 'c'],
      [2, 'a'],
      [3, 'b'],
    ]);
  });

  it('gives each row its rank and value in the previous period', () => {
    const now = [satisfactionRow('a', { n: 10, sum: 50 }), satisfactionRow('b', { n: 10, sum: 40 })];
    const before = [satisfactionRow('a', { n: 10, sum: 30 }), satisfactionRow('b', { n: 10, sum: 45 })];

    const ranked = rankWithTrend(now, before, compareSatisfaction, (r) => r.adjusted);

    expect(ranked[0]).toMatchObject({ rank: 1, row: { id: 'a' }, previous: { rank: 2, value: 3, delta: 1 } });
    expect(ranked[1]).toMatchObject({ rank: 2, row: { id: 'b' }, previous: { rank: 1, value: 3.75, delta: -0.25 } });
  });
});
