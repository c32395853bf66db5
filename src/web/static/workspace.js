// Enhancements only: every page works without this script. Sent as a module from our own origin,
// so the Content-Security-Policy needs no inline script.
export {}
