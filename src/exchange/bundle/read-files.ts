import {readBundle, type ReadBundle} from './bundle.js'
import {isEncrypted} from './container.js'
import {readBundleFile} from './files.js'

/** Reads and checks bundle files; the passphrase is asked only for an encrypted one, once for all. */
export async function readBundles(files: string[], passphrase: (file: string) => Promise<string>): Promise<ReadBundle[]> {
  let known: string | undefined
  const bundles: ReadBundle[] = []
  for (const file of files) {
    const bytes = readBundleFile(file)
    if (isEncrypted(bytes, file)) known ??= await passphrase(file)
    bundles.push(readBundle(bytes, file, known))
  }

  return bundles
}
