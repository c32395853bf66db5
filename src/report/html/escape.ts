const HTML_ESCAPES: Record<string, string> = {'"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;'}

/** Text or an attribute value that can never become markup: every special character escaped. */
export function escapeHtml(text: string): string {
  return text.replaceAll(/["&'<>]/g, (char) => HTML_ESCAPES[char])
}

/**
 * Text content as CommonMark means it: a character reference the author wrote ("&eacute;", "&#233;")
 * stays one, every other "&" and all of < > " ' are escaped. Safe in element content only: a
 * reference there is always text, but in an attribute it could spell a URL, so attributes take
 * escapeHtml.
 */
export function escapeText(text: string): string {
  return text.replaceAll(/&(?!#\d{1,7};|#x[\da-f]{1,6};|[a-z][a-z\d]{1,31};)|["'<>]/gi, (char) => HTML_ESCAPES[char])
}

/**
 * A CSS string literal (for the running header in the page margins). Every character that is not
 * a letter, digit or space becomes a CSS escape, so no quote, backslash or "</style>" survives.
 */
export function cssString(text: string): string {
  const escaped = [...text.replaceAll(/\s+/g, ' ')]
    .map((char) => (/[\p{L}\p{N} ]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `))
    .join('')
  return `"${escaped}"`
}
