import {describe, expect, it} from 'vitest'

import {bundleFileName} from '../../src/exchange/bundle/export.js'
import {checkNewPassphrase, confirmNewPassphrase, MIN_PASSPHRASE_LENGTH} from '../../src/exchange/bundle/passphrase.js'

describe('the passphrase rules of a bundle, one for the terminal and the browser', () => {
  it('takes a passphrase of at least eight characters, counted as a person counts them', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(8)
    expect(checkNewPassphrase('zeven kl')).toBe('zeven kl')
    // Seven emoji are seven characters, not fourteen code units.
    expect(() => checkNewPassphrase('🚌🚌🚌🚌🚌🚌🚌')).toThrow('De wachtwoordzin is te kort (minder dan 8 tekens); er is geen bundel gemaakt.')
  })

  it('refuses two passphrases that differ, and a short one before comparing', () => {
    expect(confirmNewPassphrase('zeven kleine karavaans', 'zeven kleine karavaans')).toBe('zeven kleine karavaans')
    expect(() => confirmNewPassphrase('zeven kleine karavaans', 'zeven kleine karavaan')).toThrow('De twee wachtwoordzinnen verschillen')
    expect(() => confirmNewPassphrase('kort', 'anders')).toThrow('te kort')
  })
})

describe('the name of a downloaded bundle', () => {
  it('is who made it and the day, as the README names bundles', () => {
    expect(bundleFileName('anna', '2026-03-16')).toBe('anna-2026-03-16.karavaan')
    expect(bundleFileName('anna', '2026-03-23', '2026-03-16')).toBe('anna-2026-03-23-sinds-2026-03-16.karavaan')
    expect(bundleFileName(null, '2026-03-16')).toBe('bundel-2026-03-16.karavaan')
    // Nothing from an id can make a header or a path of it.
    expect(bundleFileName('An"na/../x', '2026-03-16')).toBe('an-na-x-2026-03-16.karavaan')
  })
})
