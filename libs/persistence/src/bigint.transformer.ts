import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; versions and counters fit safely in a JS number. */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
