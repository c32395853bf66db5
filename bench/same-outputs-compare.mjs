// How bench/same-outputs.mjs reads one output into comparable parts and compares two of them.
//
// Only what differs between two runs of the SAME kit is normalised (found by running one kit twice:
// node bench/same-outputs.mjs --before DIR --after DIR). Each normalisation is named, and reported
// only for the files it actually changed, so a new moment or random id in a format shows up as a
// difference instead of being hidden by a broad rule.
import {createDecipheriv, scryptSync} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'
import {unzipSync} from 'fflate'

/**
 * A rule replaces the value in group 2 of `pattern` (group 1 and 3 stay) with a placeholder.
 * `where` names the part of the output it applies to.
 */
const BUNDLE_MANIFEST = [
  // newId() per export: a bundle is known by it on merge.
  {label: 'manifest.bundle (id per export)', pattern: /^(\{[^\n]*?"bundle":")([^"]*)(")/},
  // nowIso() per export.
  {label: 'manifest.createdAt (moment of export)', pattern: /^(\{[^\n]*?"createdAt":")([^"]*)(")/},
]

const ENCRYPTED_HEADER = [
  // randomBytes(16) and randomBytes(12) per export; the ciphertext and tag follow from them, so the
  // payload is compared after decrypting.
  {label: 'header salt (random)', pattern: /^(KARAVAAN-BUNDEL [^\n]* salt=)([^ \n]*)()/},
  {label: 'header iv (random)', pattern: /^(KARAVAAN-BUNDEL [^\n]* iv=)([^ \n]*)()/},
]

/** Per zip entry: the moments exceljs and the REFI writer stamp into the file. */
const ZIP_ENTRIES = {
  'docProps/core.xml': [
    {label: 'docProps/core.xml dcterms:created (moment of export)', pattern: /(<dcterms:created[^>]*>)([^<]*)(<\/dcterms:created>)/},
    {label: 'docProps/core.xml dcterms:modified (moment of export)', pattern: /(<dcterms:modified[^>]*>)([^<]*)(<\/dcterms:modified>)/},
  ],
  'project.qde': [{label: 'project.qde Project@creationDateTime (moment of export)', pattern: /(<Project\b[^>]*? creationDateTime=")([^"]*)(")/}],
}

function applyRules(bytes, rules, applied) {
  let text = bytes.toString('latin1')
  for (const rule of rules) {
    text = text.replace(rule.pattern, (whole, before, value, after) => {
      applied.add(rule.label)
      return `${before}<normalised>${after}`
    })
  }

  return Buffer.from(text, 'latin1')
}

/**
 * The parts of an output file, each {name, bytes}, with the normalisations applied.
 * kind: 'plain' (the file itself), 'bundle' (header line + decrypted, inflated payload), 'zip'
 * (each entry inflated, in the order of the archive; the container's own bytes, such as entry
 * times, are not compared).
 */
export function readParts(file, kind, {passphrase} = {}) {
  const raw = readFileSync(file)
  const applied = new Set()
  let parts
  if (kind === 'plain') parts = [{bytes: raw, name: ''}]
  else if (kind === 'bundle') parts = bundleParts(raw, passphrase, applied)
  else if (kind === 'zip') parts = zipParts(raw, applied)
  else throw new Error(`unknown kind ${kind}`)
  return {applied: [...applied], parts, size: raw.length}
}

function bundleParts(raw, passphrase, applied) {
  const end = raw.indexOf(0x0a)
  if (end === -1) return [{bytes: raw, name: '(no header line)'}]
  const header = raw.subarray(0, end + 1)
  let body = raw.subarray(end + 1)
  const encryption = / aes-256-gcm scrypt N=(\d+) r=(\d+) p=(\d+) salt=(\S+) iv=(\S+)/.exec(header.toString('utf8'))
  if (encryption) {
    const [, N, r, p, salt, iv] = encryption
    const key = scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, {N: Number(N), maxmem: 256 * Number(N) * Number(r) + 16 * 1024 * 1024, p: Number(p), r: Number(r)})
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
    decipher.setAAD(header)
    decipher.setAuthTag(body.subarray(body.length - 16))
    body = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])
    applied.add('decrypted (aes-256-gcm)')
  }

  const payload = gunzipSync(body)
  applied.add('gunzipped')
  return [
    {bytes: applyRules(header, ENCRYPTED_HEADER, applied), name: 'header'},
    {bytes: applyRules(payload, BUNDLE_MANIFEST, applied), name: 'payload'},
  ]
}

function zipParts(raw, applied) {
  const entries = unzipSync(new Uint8Array(raw))
  const names = Object.keys(entries)
  applied.add('unzipped')
  return names.map((name) => {
    const bytes = Buffer.from(entries[name])
    return {bytes: ZIP_ENTRIES[name] ? applyRules(bytes, ZIP_ENTRIES[name], applied) : bytes, name}
  })
}

/** Undefined when the parts are the same; otherwise where they first differ, in words. */
export function firstDifference(before, after) {
  const names = (parts) => parts.map((p) => p.name)
  const [b, a] = [names(before), names(after)]
  if (b.join('\n') !== a.join('\n')) {
    const only = (these, those) => these.filter((name) => !those.includes(name))
    const missing = only(b, a)
    const added = only(a, b)
    if (missing.length === 0 && added.length === 0) return 'entries in another order'
    return [missing.length > 0 && `only before: ${missing.join(', ')}`, added.length > 0 && `only after: ${added.join(', ')}`].filter(Boolean).join('; ')
  }

  for (const [i, part] of before.entries()) {
    const other = after[i].bytes
    const a = part.bytes
    if (a.equals(other)) continue
    let offset = 0
    while (offset < a.length && offset < other.length && a[offset] === other[offset]) offset++
    let line = 1
    for (let j = 0; j < offset; j++) if (a[j] === 0x0a) line++
    return `${part.name ? `${part.name}: ` : ''}offset ${offset}, line ${line}`
  }

  return undefined
}
