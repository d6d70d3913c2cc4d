import { findNumbers } from '../support/numbers.js';
import { stems } from '../support/words.js';

/**
 * What a story's metrics line already prints, so that its cue lines do not
 * say it again: the quantities, compared by value ("two days" is "2 days"),
 * and the content words around them, compared by stem.
 */

export interface MetricFacts {
  /** Every quantity the metrics line prints ("2", "4.1"). */
  values: ReadonlySet<string>;
  /** A cue that tells what a metric already tells. */
  repeats(text: string): boolean;
  /** A written cue that is a metric, word for word. */
  same(text: string): boolean;
}

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'we', 'i', 'it', 'our', 'my', 'wa', 'is', 'be', 'that', 'thi']);

function contentStems(text: string): Set<string> {
  return new Set(stems(text).filter((s) => !STOP.has(s) && !/^\d/.test(s)));
}

/** For sections whose numbers set the scene rather than report an outcome. */
export const NO_METRICS: MetricFacts = { values: new Set(), repeats: () => false, same: () => false };

export function metricFacts(metrics: readonly string[]): MetricFacts {
  const facts = metrics.map((m) => ({
    values: new Set(findNumbers(m).filter((n) => n.quantity).map((n) => n.value)),
    stems: contentStems(m),
    plain: normalised(m),
  }));
  const values = new Set(facts.flatMap((f) => [...f.values]));
  return {
    values,
    repeats(text) {
      const numbers = findNumbers(text).filter((n) => n.quantity).map((n) => n.value);
      const words = contentStems(text);
      return facts.some((f) => {
        const shared = [...words].filter((w) => f.stems.has(w)).length;
        if (numbers.length > 0) return numbers.every((v) => f.values.has(v)) && shared >= 1;
        return words.size > 0 && f.stems.size >= 2 && shared / words.size >= 0.6;
      });
    },
    same(text) {
      const plain = normalised(text);
      return facts.some((f) => f.plain === plain);
    },
  };
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();
}
