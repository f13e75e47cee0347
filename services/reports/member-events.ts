// What the report summaries keep of each member (report_members): the day they registered and
// their sales and refunds as (code, paid) pairs, packed as float64s. RFM, lifecycle and the
// dashboard's first days read these with one pass over every member; the summaries write them.

/** A member's summary: the local day they registered, and [code, paid] pairs: a sale's code is its day; a refund's is −(day × 65536 + its sale's day). A voided sale has no pair. */
export interface MemberSummary {
  created: number;
  events: number[];
}

export const refundCode = (day: number, saleDay: number) => -(day * 65536 + saleDay);
export const isSale = (code: number) => code >= 0;
export const refundDay = (code: number) => Math.floor(-code / 65536);
export const refundSaleDay = (code: number) => -code % 65536;

/** A member's row of report_members: float64s, little-endian: the day they registered, then the event pairs. */
export function packMember(m: MemberSummary): Buffer {
  const out = Buffer.allocUnsafe(8 + m.events.length * 8);
  out.writeDoubleLE(m.created, 0);
  m.events.forEach((x, i) => out.writeDoubleLE(x, 8 + i * 8));
  return out;
}

export function unpackMember(data: Buffer): MemberSummary {
  const events = new Array<number>(data.length / 8 - 1);
  for (let i = 0; i < events.length; i++) events[i] = data.readDoubleLE(8 + i * 8);
  return { created: data.readDoubleLE(0), events };
}

/**
 * Where the voided sale is among a member's events: the last pair of its day and amount (which
 * of equal pairs is the same to every report). Both ways of keeping the summaries take it out
 * with this, so they keep equal arrays. −1 if there is none.
 */
export function voidedSaleAt(events: number[], day: number, paidFen: number): number {
  for (let i = events.length - 2; i >= 0; i -= 2) if (events[i] === day && events[i + 1] === paidFen) return i;
  return -1;
}
