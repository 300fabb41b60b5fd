// The best cost found so far by any worker of a run, in shared memory, so every worker prunes
// against the global best rather than only its own. Costs are non-negative doubles, whose IEEE
// bit patterns order like the values when read as signed 64-bit integers, so "keep the minimum"
// is a compare-and-swap loop on a BigInt64Array. Only costs of real, fully evaluated medoid sets
// are published, and each publisher reports its set in its own result, so pruning against this
// value stays exact (evaluator.ts, header).

const bits = new BigInt64Array(1);
const value = new Float64Array(bits.buffer);

function toBits(cost: number): bigint {
  value[0] = cost;
  return bits[0];
}

function fromBits(b: bigint): number {
  bits[0] = b;
  return value[0];
}

/** A fresh shared slot holding +∞. */
export function createSharedBest(): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(8);
  Atomics.store(new BigInt64Array(sab), 0, toBits(Infinity));
  return sab;
}

export class SharedBest {
  private readonly slot: BigInt64Array;

  constructor(sab: SharedArrayBuffer) {
    this.slot = new BigInt64Array(sab);
  }

  read(): number {
    return fromBits(Atomics.load(this.slot, 0));
  }

  /** Lowers the shared value to `cost` unless it is already lower or equal. */
  publish(cost: number): void {
    if (!(cost >= 0)) return;
    const mine = toBits(cost);
    let current = Atomics.load(this.slot, 0);
    while (mine < current) {
      const seen = Atomics.compareExchange(this.slot, 0, current, mine);
      if (seen === current) return;
      current = seen;
    }
  }
}
