import { stationsError } from '../../errors';

const MAX_FACILITY_CODES = 31; // bits of a positive int32

/** Facility codes as bits of a mask, so "has the facility" is one AND per candidate station. */
export class FacilityBits {
  private readonly bitByCode = new Map<string, number>();

  maskOf(codes: readonly string[]): number {
    let mask = 0;
    for (const code of codes) mask |= this.assign(code);
    return mask;
  }

  /** undefined when no indexed station ever had the code, so none can match. */
  bitOf(code: string): number | undefined {
    const bit = this.bitByCode.get(code);
    return bit === undefined ? undefined : 1 << bit;
  }

  private assign(code: string): number {
    let bit = this.bitByCode.get(code);
    if (bit === undefined) {
      if (this.bitByCode.size >= MAX_FACILITY_CODES) {
        throw stationsError('too_many_facility_codes', `the index holds at most ${MAX_FACILITY_CODES} facility codes`);
      }
      bit = this.bitByCode.size;
      this.bitByCode.set(code, bit);
    }
    return 1 << bit;
  }
}
