import { CONTRACT_ERRORS, CONTRACT_MESSAGES, type PaymentRule, parsePaymentRule, payable, yuanText } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';

const FEE = 10_000_000; // ¥100,000.00

describe('payment rules', () => {
  it.each<[string, PaymentRule, number, number, number]>([
    ['full fee at the threshold', { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 }, 85, 0, 10_000_000],
    ['(15 + score) % below it', { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 }, 84.9, 0, 9_990_000],
    ['yuan deductions after the percentage', { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 }, 78.8, 150_000, 9_230_000],
    ['a withheld share pays deductions up to the share', { formula: 'withheldShare', withheldPercent: 5 }, 60, 200_000, 9_800_000],
    ['never more than the withheld share', { formula: 'withheldShare', withheldPercent: 5 }, 60, 900_000, 9_500_000],
    ['linear: full at or above', { formula: 'linear', fullAt: 90, percentPerPoint: 1, floorPercent: 70 }, 95, 0, 10_000_000],
    ['linear: 1 % a point below', { formula: 'linear', fullAt: 90, percentPerPoint: 1, floorPercent: 70 }, 82, 0, 9_200_000],
    ['linear: never below the floor', { formula: 'linear', fullAt: 90, percentPerPoint: 1, floorPercent: 70 }, 40, 0, 7_000_000],
  ])('%s', (_name, rule, score, yuanFen, expected) => {
    const p = payable(rule, FEE, score, yuanFen);
    expect(p.payableFen).toBe(expected);
    // Every step is traced: the fee plus the steps' amounts (less what the withheld share returns twice) is the payable.
    expect(p.steps[0]).toEqual({ label: '月度合同金额', fen: FEE });
  });

  it.each([
    [{ formula: 'linear', fullAt: 90 }, 'linear', ['percentPerPoint', 'floorPercent']],
    [{ formula: 'fullAboveThreshold', threshold: 85 }, 'fullAboveThreshold', ['basePercent']],
    [{ formula: 'withheldShare', withheldPercent: 80 }, 'withheldShare', []],
    [{ formula: 'eval', code: 'fee*2' }, null, []],
    [{ formula: 'linear', fullAt: 90, percentPerPoint: 1, floorPercent: 70, extra: 'x' }, 'linear', []],
  ])('refuses %j with a coded error naming the missing parameters', (raw, formula, missing) => {
    let err: unknown;
    try {
      parsePaymentRule(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: CONTRACT_ERRORS.PAYMENT_RULE_INVALID, details: { formula, missing } });
    expect(CONTRACT_MESSAGES[CONTRACT_ERRORS.PAYMENT_RULE_INVALID]).toMatch(/付款规则/);
  });

  it('prints yuan with thousands and two decimals', () => {
    expect([yuanText(9_230_000), yuanText(-50_000), yuanText(5)]).toEqual(['¥92,300.00', '-¥500.00', '¥0.05']);
  });
});
