import * as shownC from '../../../miniprogram/packages/contracts/labels';
import * as shownA from '../../../miniprogram/packages/supervision/labels';
import * as A from '../../../shared/accountability';
import * as C from '../../../shared/contracts';

/** What the contract and supervision pages show says exactly what shared/ says. */
describe('zh-CN messages and labels the pages show', () => {
  it.each([
    ['contractMessage', shownC.contractMessage, C.CONTRACT_MESSAGES],
    ['supervisionMessage', shownA.supervisionMessage, { ...A.ACCOUNTABILITY_MESSAGES, ...A.SUPERVISION_MESSAGES }],
  ])('%s shows the area’s own sentence for each of its codes', (_name, show, messages) => {
    for (const [code, sentence] of Object.entries(messages)) expect(show({ code })).toBe(sentence);
  });

  it('has the editor offer exactly the parameters of each payment formula', () => {
    for (const f of Object.keys(C.PAYMENT_PARAMETERS) as C.PaymentFormula[]) {
      expect(shownC.PAYMENT_FIELDS[f].map((p) => p.key)).toEqual(C.PAYMENT_PARAMETERS[f]);
    }
  });

  it('opens the assessment pages on the Shanghai month before this one', () => {
    expect(shownC.lastMonth(Date.UTC(2030, 0, 1, 0))).toBe('2029-12');
    expect(shownC.lastMonth(Date.UTC(2030, 2, 31, 17))).toBe('2030-03');
  });
});
