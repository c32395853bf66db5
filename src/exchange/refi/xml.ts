// Characters XML 1.0 cannot carry at all; they are left out rather than making the file unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Text between tags. A \r is written as a reference, or an XML reader would turn it into \n. */
export function text(value: string): string {
  return value.replaceAll(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\r', '&#13;')
}

/** An attribute value, with line breaks and tabs kept as references (a reader would make them spaces). */
export function attr(value: string): string {
  return text(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\t', '&#9;')
}

/** The attributes of an element, in the given order, leaving out those without a value. */
export function attrs(values: Record<string, boolean | number | string | undefined | null>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => ` ${name}="${attr(String(value))}"`)
    .join('')
}
