/**
 * The entry ids a points account has booked, with their amounts: an append-only map that
 * successive states share. A points account grows by an entry per credit for as long as the
 * member stays (a rider's check-ins, years of them), and its state is folded from every event on
 * each booking; copying the entries into a new object per event made a fold quadratic — 1.2 s of
 * CPU for 1 000 entries, so a reaction crediting a backlog fell further behind the longer it ran.
 * Here `with` appends in place when the state it is called on is the newest one (a fold), and
 * copies only when an older state is extended a second way; each state sees exactly the entries
 * it was built from, so evolve stays pure as far as anyone can observe.
 */
export class BookedEntries {
  private constructor(
    private readonly log: Map<string, { points: number; at: number }>,
    readonly size: number,
  ) {}

  static empty(): BookedEntries {
    return new BookedEntries(new Map(), 0);
  }

  get(entryId: string): number | undefined {
    const entry = this.log.get(entryId);
    return entry !== undefined && entry.at < this.size ? entry.points : undefined;
  }

  with(entryId: string, points: number): BookedEntries {
    if (this.log.size === this.size && !this.log.has(entryId)) {
      this.log.set(entryId, { points, at: this.size });
      return new BookedEntries(this.log, this.size + 1);
    }
    const copy = new Map<string, { points: number; at: number }>();
    for (const [id, entry] of this.log) if (entry.at < this.size) copy.set(id, { points: entry.points, at: copy.size });
    const earlier = copy.get(entryId);
    copy.set(entryId, { points, at: earlier?.at ?? copy.size });
    return new BookedEntries(copy, copy.size);
  }
}
