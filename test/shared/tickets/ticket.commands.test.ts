import { toCommand } from '../../../shared/tickets/ticket.commands';

describe('toCommand', () => {
  it.each([
    [
      'a rejected verification becomes a reject',
      toCommand('verify', { ticketId: 't1', approve: false, note: '仍脏' }),
      { event: 'reject', note: '仍脏', rating: undefined },
    ],
    [
      'an approved verification becomes an approve',
      toCommand('verify', { ticketId: 't1', approve: true, rating: 5 }),
      { event: 'approve', rating: 5, note: undefined },
    ],
    [
      'a cancel decision becomes a coordination cancel',
      toCommand('decideCoordination', { ticketId: 't1', decision: 'cancel', note: '不属后勤' }),
      { event: 'coordinationCancel', note: '不属后勤' },
    ],
    ['the ticket id is not part of the command', toCommand('accept', { ticketId: 't1' }), { event: 'accept' }],
  ])('%s', (_name, command, expected) => {
    expect(command).toEqual(expected);
  });
});
