import {SingleBar} from 'cli-progress'

/**
 * A progress bar on stderr for long batches; it appears only after the first second, so a quick
 * import stays quiet.
 */
export function startProgress(label: string): {stop: () => void; update: (done: number, total: number) => void} {
  let started = Date.now()
  let bar: SingleBar | undefined
  return {
    // Once stopped (at the end, or before a question is asked) the bar stays away.
    stop() {
      bar?.stop()
      bar = undefined
      started = Number.POSITIVE_INFINITY
    },
    update(done: number, total: number) {
      if (!bar) {
        if (Date.now() - started < 1000 || done >= total) return
        bar = new SingleBar({clearOnComplete: true, format: `${label} [{bar}] {percentage}%`, hideCursor: true, stream: process.stderr})
        bar.start(total, done)
      }

      bar.update(done)
    },
  }
}
