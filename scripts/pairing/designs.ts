// The pairing experiment's designs and what it records (scripts/pairing-experiment.ts).

export interface Design {
  name: string
  /** head and base started together, released by a barrier */
  concurrent: boolean
  /** each on its own core, assigned at random (only with `concurrent`) */
  pin: boolean
  /** added to both revisions' environment */
  env: Record<string, string>
}

/** wasmtime compiles on rayon's threads: one thread in both revisions makes each process use about one core. */
const ONE_COMPILE_THREAD = { RAYON_NUM_THREADS: '1' }

export const DESIGNS: Design[] = [
  { name: 'back-to-back', concurrent: false, pin: false, env: {} },
  { name: 'duet', concurrent: true, pin: false, env: {} },
  { name: 'duet, pinned', concurrent: true, pin: true, env: {} },
  { name: 'back-to-back, 1 thread', concurrent: false, pin: false, env: ONE_COMPILE_THREAD },
  { name: 'duet, 1 thread', concurrent: true, pin: false, env: ONE_COMPILE_THREAD }
]

export const VARIANTS = ['A/A', '+3%'] as const
export type Variant = (typeof VARIANTS)[number]

/** One host under one design and variant: per round the head's and the base's times. */
export interface Cell {
  design: string
  variant: Variant
  host: string
  head_wall: number[]
  base_wall: number[]
  head_cpu: number[]
  base_cpu: number[]
  /** per round, whether the head started (or was released) first */
  head_first: boolean[]
  /** wall-clock seconds the pairs took */
  seconds: number
}

export interface Samples {
  machine: string
  /** nanoseconds per spin iteration of hold.c on this machine */
  spin_ns: number
  rounds: number
  cells: Cell[]
}
