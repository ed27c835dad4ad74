import { formatTicketNo, TicketNo } from '../../../shared/tickets/ticket-no';

describe('formatTicketNo', () => {
  it.each<[string, string, number, string]>([
    ['pads the sequence to four digits', '2026-11-23T03:00:00Z', 42, 'XC-20261123-0042'],
    ['uses the Shanghai date, which starts at 16:00 UTC', '2026-11-23T16:30:00Z', 1, 'XC-20261124-0001'],
    ['keeps the Shanghai date just before its midnight', '2026-11-23T15:59:00Z', 9999, 'XC-20261123-9999'],
  ])('%s', (_name, at, sequence, expected) => {
    // Act
    const no = formatTicketNo(new Date(at), sequence);
    // Assess
    expect(no).toBe(expected);
    expect(TicketNo.safeParse(no).success).toBe(true);
  });

  it.each([0, 10000, 1.5, -3])('rejects the sequence %p', (sequence) => {
    expect(() => formatTicketNo(new Date('2026-11-23T03:00:00Z'), sequence)).toThrow(
      expect.objectContaining({ code: 'TICKET.SEQUENCE_OUT_OF_RANGE' }),
    );
  });
});
