/** Characters that Markdown (CommonMark + GFM tables) would read as markup anywhere in a line. */
const INLINE_MARKUP = /[\\`*_[\]<>|~&]/g
/**
 * What makes a line a heading, list item, quote or rule when it starts the line. A line of only
 * dashes, colons and blanks is a rule ("--- ---") or a table's delimiter row ("-:" under a line of
 * text), so its first character is escaped too.
 */
const LINE_START_MARKUP = /^(\s*)(#{1,6}(?=\s|$)|[+\-*](?=\s|$)|[-:](?=[-:\s]*$)|>|=+\s*$)/
/** An ordered list item: the escape goes before its dot or parenthesis, since "\1" is no escape. */
const LIST_NUMBER = /^(\s*\d{1,9})([.)])(?=\s|$)/
/**
 * What GFM turns into a link by itself: a web address (https://, ftp://, www.) or an e-mail
 * address. Escaping the colon, the dot after www or the @ keeps it text.
 */
const AUTOLINK = /(?<=https?|ftp)(:)(?=\/\/)|(?<=www)(\.)|(@)/gi

/**
 * A value from the report data as literal Markdown text on one line: every character that could
 * become markup is backslash-escaped (CommonMark's escape), and line breaks become spaces, so a
 * note can never add a heading, a link, a table cell, a code block or HTML to a report.
 */
export function escapeInline(value: unknown): string {
  if (value === null || value === undefined) return ''
  // White space in front would make an indented code block of a value that starts a line, and two
  // spaces at the end a hard line break.
  const text = (typeof value === 'string' ? value : String(value)).replaceAll(/\s*\r?\n\s*/g, ' ').trim()
  return text
    .replaceAll(INLINE_MARKUP, '\\$&')
    .replaceAll(AUTOLINK, '\\$&')
    .replace(LINE_START_MARKUP, '$1\\$2')
    .replace(LIST_NUMBER, '$1\\$2')
}

/**
 * A quote as a Markdown block quote: each paragraph escaped, and the attribution as its own last
 * paragraph starting with an em dash, which the writers set apart from the quote.
 */
export function quoteBlock(text: string, attribution?: string): string {
  const paragraphs = text
    .replaceAll('\r\n', '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `> ${escapeInline(p)}`)
  if (attribution) paragraphs.push(`> — ${escapeInline(attribution)}`)
  return paragraphs.join('\n>\n')
}
