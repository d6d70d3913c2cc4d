import { writeZip, type ZipEntry } from '../../output/zip.js';

/**
 * docx stamps `docProps/core.xml` and every zip entry with the current time,
 * gives hyperlink relationships random ids, and numbers bookmarks from a
 * counter that runs on across documents. This rewrites the package so that
 * the same model always gives the same bytes: dates from the model's build
 * date (SOURCE_DATE_EPOCH), ids numbered in order of appearance, entries
 * re-deflated in their original order with a fixed timestamp.
 */
export function makeReproducible(parts: readonly ZipEntry[], isoDate: string): Buffer {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate : '1980-01-01';
  const stamp = `${day}T00:00:00Z`;
  const entries = [...parts].sort((a, b) => packageRank(a.name) - packageRank(b.name));
  const ids = randomRelationshipIds(entries);
  const out = entries.map(({ name, data }) => {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) return { name, data };
    let text = data.toString('utf8');
    if (name === 'docProps/core.xml') {
      text = text.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    if (ids.size > 0) text = text.replace(/"(rId[A-Za-z0-9_-]{21})"/g, (m, id: string) => (ids.has(id) ? `"${ids.get(id)}"` : m));
    if (name === 'word/document.xml') text = renumberBookmarks(text);
    return { name, data: Buffer.from(text, 'utf8') };
  });
  return writeZip(out, new Date(stamp));
}

/** Package parts first, as Word writes them: tools that sniff a .docx look there. The sort is stable. */
function packageRank(name: string): number {
  const i = ['[Content_Types].xml', '_rels/.rels'].indexOf(name);
  return i < 0 ? 2 : i;
}

/** Bookmark ids come from a process-wide counter in docx; number them from 1 per document. */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${head}${ids.get(id)}"`;
  });
}

/** Random relationship ids (`rId` + a 21-character nanoid) in .rels parts, renamed rIdH1, rIdH2… in order. */
function randomRelationshipIds(entries: readonly ZipEntry[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { name, data } of entries) {
    if (!name.endsWith('.rels')) continue;
    for (const m of data.toString('utf8').matchAll(/\bId="(rId[A-Za-z0-9_-]{21})"/g)) {
      if (!ids.has(m[1]!)) ids.set(m[1]!, `rIdH${ids.size + 1}`);
    }
  }
  return ids;
}
