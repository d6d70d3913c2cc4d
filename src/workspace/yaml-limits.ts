import { isMap, isScalar, visit, YAMLParseError, type Document } from 'yaml';

/**
 * How much YAML is read, and how its duplicate keys are found. The `yaml`
 * package checks keys for duplicates by comparing each with every key
 * before it (400 KB of keys took 21 s), so storybank checks them itself,
 * once each; and the text it is given is bounded, since even linear YAML
 * parsing costs about a second per 300 KB.
 */

/** Front matter holds a story's facts (title, lists of ids, a few angles): a few KB. */
export const MAX_FRONT_MATTER_CHARS = 32 * 1024;
/** storybank.yml and stories/questions.yml: a thousand questions fit. */
export const MAX_YAML_FILE_CHARS = 128 * 1024;
/** Problems listed per file: garbage YAML can have one on every line, and a hundred thousand lines help nobody. */
export const MAX_YAML_PROBLEMS = 20;

/**
 * "Map keys must be unique" errors, as `yaml` words them (with `uniqueKeys`
 * on), at each repeated key. Scalar keys are compared by value, as `yaml`
 * does; other keys only by identity.
 */
export function duplicateKeyErrors(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? map.range?.[0] ?? 0;
          errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(key);
      }
    },
  });
  return errors;
}
