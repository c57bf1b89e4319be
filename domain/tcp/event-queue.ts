/**
 * Min-heap of timed items. Ties break by `rank` and then by insertion order, so a run never
 * depends on heap internals: same inserts, same pops.
 */
export interface Queued<T> {
  at: number;
  rank: number;
  order: number;
  item: T;
}

export class EventQueue<T> {
  private readonly heap: Queued<T>[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, rank: number, item: T): void {
    const entry: Queued<T> = { at, rank, order: this.inserted++, item };
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
  }

  peek(): Queued<T> | undefined {
    return this.heap[0];
  }

  pop(): Queued<T> | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Items in pop order (copies; for snapshots). */
  sorted(): Queued<T>[] {
    return [...this.heap].sort(compare);
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (compare(this.at(child), this.at(parent)) >= 0) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && compare(this.at(left), this.at(smallest)) < 0) smallest = left;
      if (right < this.heap.length && compare(this.at(right), this.at(smallest)) < 0) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private at(index: number): Queued<T> {
    const entry = this.heap[index];
    if (entry === undefined) throw new Error(`event queue index ${index} out of range`);
    return entry;
  }

  private swap(a: number, b: number): void {
    const first = this.at(a);
    this.heap[a] = this.at(b);
    this.heap[b] = first;
  }
}

function compare<T>(a: Queued<T>, b: Queued<T>): number {
  return a.at - b.at || a.rank - b.rank || a.order - b.order;
}
