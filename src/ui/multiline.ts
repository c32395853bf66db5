import {createInterface} from 'node:readline'

/**
 * Reads a multi-line text in the terminal, line by line, until a line with only a dot. Each line
 * is handed to onLine at once, so the caller can write it to disk before the next one is typed.
 */
export async function askMultiline(
  intro: string,
  onLine: (textSoFar: string) => void,
  io: {input: NodeJS.ReadableStream; output: NodeJS.WritableStream; terminal?: boolean} = {input: process.stdin, output: process.stdout},
): Promise<string> {
  io.output.write(`${intro}\n`)
  const rl = createInterface({input: io.input, output: io.output, prompt: '> ', terminal: io.terminal})
  const lines: string[] = []
  return new Promise((resolve, reject) => {
    rl.prompt()
    rl.on('line', (line) => {
      if (line.trim() === '.') {
        rl.close()
        return
      }

      lines.push(line)
      onLine(lines.join('\n'))
      rl.prompt()
    })
    // Ctrl-C stops the command: rejecting before close(), whose 'close' event would otherwise
    // resolve with the lines so far and let the caller save a half-written text.
    let aborted = false
    rl.on('SIGINT', () => {
      aborted = true
      io.output.write('\n')
      const error = new Error('afgebroken')
      error.name = 'ExitPromptError'
      reject(error)
      rl.close()
    })
    rl.on('close', () => {
      if (!aborted) resolve(lines.join('\n').trim())
    })
  })
}
