import * as shownC from '../../../miniprogram/packages/contracts/labels';
import * as shownA from '../../../miniprogram/packages/supervision/labels';
import * as A from '../../../shared/accountability';
import * as C from '../../../shared/contracts';

/** The mini-program cannot load shared/ at run time; its typed copies must say exactly what shared/ says. */
describe('zh-CN messages and labels the pages show', () => {
  it.each([
    ['contractMessage', shownC.contractMessage, C.CONTRACT_MESSAGES],
    ['supervisionMessage', shownA.supervisionMessage, { ...A.ACCOUNTABILITY_MESSAGES, ...A.SUPERVISION_MESSAGES }],
  ])('%s shows the area’s own sentence for each of its codes', (_name, show, messages) => {
    for (const [code, sentence] of Object.entries(messages)) expect(show({ code })).toBe(sentence);
  });

  it.each([
    ['GRADE_LABELS', shownC.GRADE_LABELS, C.GRADE_LABELS],
    ['SERVICE_KIND_LABELS', shownC.SERVICE_KIND_LABELS, C.SERVICE_KIND_LABELS],
    ['SIGNOFF_LABELS', shownC.SIGNOFF_LABELS, C.SIGNOFF_LABELS],
    ['PAYMENT_FORMULA_LABELS', shownC.PAYMENT_FORMULA_LABELS, C.PAYMENT_FORMULA_LABELS],
    ['STRIKE_LABELS', shownA.STRIKE_LABELS, A.STRIKE_LABELS],
    ['SUBJECT_LABELS', shownA.SUBJECT_LABELS, A.SUBJECT_LABELS],
    ['CASE_STATE_LABELS', shownA.CASE_STATE_LABELS, A.CASE_STATE_LABELS],
    ['ACTION_LABELS', shownA.ACTION_LABELS, A.ACTION_LABELS],
    ['ITEM_STATE_LABELS', shownA.ITEM_STATE_LABELS, A.ITEM_STATE_LABELS],
    ['RAG_LABELS', shownA.RAG_LABELS, A.RAG_LABELS],
    ['BASIS_LABELS', shownA.BASIS_LABELS, A.BASIS_LABELS],
    ['CADENCE_LABELS', shownA.CADENCE_LABELS, A.CADENCE_LABELS],
  ])('%s equals shared', (_name, shown, shared) => expect(shown).toEqual(shared));

  it('has the editor offer exactly the parameters of each payment formula', () => {
    for (const f of Object.keys(C.PAYMENT_PARAMETERS) as C.PaymentFormula[]) {
      expect(shownC.PAYMENT_FIELDS[f].map((p) => p.key)).toEqual(C.PAYMENT_PARAMETERS[f]);
    }
  });

  it('formats yuan and months as shared does', () => {
    for (const fen of [0, 5, 9_230_000, -50_000, 123_456_789]) expect(shownC.yuanText(fen)).toBe(C.yuanText(fen));
    expect(shownC.lastMonth(Date.UTC(2030, 0, 1, 0))).toBe('2029-12');
    expect(shownC.lastMonth(Date.UTC(2030, 2, 31, 17))).toBe('2030-03');
  });
});
