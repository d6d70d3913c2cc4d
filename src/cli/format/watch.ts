import { EnvironmentError } from '../../diagnostics.js';
import type { WatchEvent } from '../../pipeline/watch.js';
import { quote } from './quote.js';

/** One line per `build --watch` event, e.g. `changed stories/a.md: rebuilt backend in 412 ms`. */
export function formatWatchEvent(event: WatchEvent): string {
  // The reason names changed files, and messages quote file contents.
  return quote(describe(event));
}

function describe(event: WatchEvent): string {
  switch (event.type) {
    case 'rebuilt':
      return event.profiles.length
        ? `${event.reason}: rebuilt ${event.profiles.join(', ')} in ${event.milliseconds} ms`
        : `${event.reason}: nothing to rebuild (${event.milliseconds} ms)`;
    case 'invalid':
      return `${event.reason}: ${event.message}; waiting for the next change`;
    case 'failed': {
      const hint = event.error instanceof EnvironmentError && event.error.hint ? ` (${event.error.hint})` : '';
      return `rebuild failed: ${event.error.message}${hint}; waiting for the next change`;
    }
  }
}
