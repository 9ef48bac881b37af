/**
 * Renders Markdown the way GitHub does, as far as links and HTML go, and lists what GitHub would turn
 * into a link or a notification.
 *
 * - Markdown: micromark with micromark-extension-gfm, a CommonMark + GFM implementation that includes
 *   the GFM autolink literals (`www.`, `http(s)://`, e-mail addresses; GFM spec section 6.9), with raw
 *   HTML passed through (`allowDangerousHtml`) so that any HTML a value smuggles in shows up.
 * - HTML: parse5, a WHATWG-conformant HTML parser, so elements are counted as a browser sees them.
 * - GitHub's own references are post-processing on the rendered text outside code (GitHub Docs,
 *   "Autolinked references and URLs" and "Basic writing and formatting syntax: Mentioning people and
 *   teams"): `@login`, `@org/team`, `#123`, `owner/repo#123`, `GH-123`. {@link GITHUB_REFERENCE} finds
 *   them in text nodes, deliberately broader than GitHub (any `@` or `#` followed by a letter or
 *   digit), so a miss here cannot hide a real mention.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseFragment } from 'parse5';

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
}

/** What GitHub would link in rendered text (outside code): mentions, issue references, URL literals. */
export const GITHUB_REFERENCE: { name: string; pattern: RegExp }[] = [
  // @login (1-39 alphanumerics or single hyphens), @org/team, user@sha, and e-mail addresses.
  { name: 'mention', pattern: /@[A-Za-z0-9]/ },
  // #123 and owner/repo#123.
  { name: 'issue reference', pattern: /#[0-9]/ },
  { name: 'GH- reference', pattern: /\bGH-[0-9]/i },
  // Any URL scheme followed by // (http, https, ftp...) and GFM's www. autolink literal.
  { name: 'URL', pattern: /[A-Za-z][A-Za-z0-9+.-]*:\/\// },
  { name: 'www autolink', pattern: /\bwww\./i },
];

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  value?: string;
  childNodes?: Node[];
  content?: Node;
}

export interface RenderedMarkdown {
  html: string;
  /** Every element, in document order. */
  elements: { tag: string; attrs: Record<string, string> }[];
  /** Text outside `<code>`/`<pre>` (where GitHub looks for references). */
  texts: string[];
  /** Text inside code. */
  codeTexts: string[];
}

export function inspectMarkdown(markdown: string): RenderedMarkdown {
  const html = renderGfm(markdown);
  const out: RenderedMarkdown = { html, elements: [], texts: [], codeTexts: [] };
  const walk = (node: Node, inCode: boolean): void => {
    if (node.nodeName === '#text') {
      (inCode ? out.codeTexts : out.texts).push(node.value ?? '');
      return;
    }
    let code = inCode;
    if (node.tagName) {
      out.elements.push({
        tag: node.tagName,
        attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])),
      });
      code ||= node.tagName === 'code' || node.tagName === 'pre';
    }
    for (const child of node.childNodes ?? []) walk(child, code);
    if (node.content) walk(node.content, code);
  };
  walk(parseFragment(html) as unknown as Node, false);
  return out;
}

/** Every place in the rendered text where GitHub would make a link or notify someone. */
export function githubLinkables(rendered: RenderedMarkdown): string[] {
  const found: string[] = [];
  for (const text of rendered.texts) {
    for (const { name, pattern } of GITHUB_REFERENCE) {
      const m = pattern.exec(text);
      if (m) found.push(`${name}: ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 30))}`);
    }
  }
  for (const e of rendered.elements) if (e.tag === 'a') found.push(`link: ${JSON.stringify(e.attrs.href)}`);
  return found;
}

/** Elements the report templates themselves produce (GFM tables, lists, details, code...). */
export const REPORT_ELEMENTS = new Set([
  'blockquote',
  'br',
  'code',
  'details',
  'h1',
  'h3',
  'h4',
  'hr',
  'li',
  'p',
  'pre',
  'strong',
  'sub',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
