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
    const heap = this.heap;
    // Sift up by moving parents down into the hole, then place the entry once.
    let index = heap.length;
    heap.push(entry);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as Queued<T>;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  peek(): Queued<T> | undefined {
    return this.heap[0];
  }

  pop(): Queued<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    const size = heap.length;
    if (size === 0) return top;
    // Sift `last` down from the root, moving the smaller child up into the hole.
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && before(heap[right] as Queued<T>, heap[child] as Queued<T>)) child = right;
      const smaller = heap[child] as Queued<T>;
      if (!before(smaller, last)) break;
      heap[index] = smaller;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  /** Items in pop order (copies; for snapshots). */
  sorted(): Queued<T>[] {
    return [...this.heap].sort(compare);
  }
}

function compare<T>(a: Queued<T>, b: Queued<T>): number {
  return a.at - b.at || a.rank - b.rank || a.order - b.order;
}

/**
 * compare(a, b) < 0, without the subtractions' intermediate results: earlier time, then lower
 * rank, then earlier insertion. (Insertion orders are unique, so this is a strict total order and
 * the pop sequence does not depend on the heap's layout.)
 */
function before<T>(a: Queued<T>, b: Queued<T>): boolean {
  if (a.at < b.at) return true;
  if (a.at > b.at) return false;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.order < b.order;
}
