/** Text that Markdown must show literally: no emphasis, links, code spans, table cells or HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}
