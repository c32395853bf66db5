# Runs a command in a pseudo-terminal of 120x40, so the tests can drive the kit's prompts as a
# person at a terminal does: what the test writes to our stdin is typed, the screen comes out on stdout.
# Only python3's standard library, which every machine the kit is tested on has.
import errno
import fcntl
import os
import pty
import select
import struct
import sys
import termios

pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])

stdin_open = True
while True:
    readers = [fd] + ([sys.stdin.fileno()] if stdin_open else [])
    ready, _, _ = select.select(readers, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError as error:
            if error.errno != errno.EIO:
                raise
            data = b''
        if not data:
            break
        os.write(sys.stdout.fileno(), data)
    if stdin_open and sys.stdin.fileno() in ready:
        data = os.read(sys.stdin.fileno(), 65536)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
