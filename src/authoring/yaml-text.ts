import { stringify } from 'yaml';

/** A string as a one-line YAML scalar: plain when that is safe, quoted otherwise. */
export function yamlScalar(value: string): string {
  return stringify(value.replace(/\s+/g, ' ').trim(), { lineWidth: 0 }).trimEnd();
}
