// Where the built console is (vite build → dist/), for the gateway that serves it at `/`.
// DOCKET_CONSOLE_DIR serves a console built elsewhere (`vite build --outDir …`), e.g. one per checkout
// while several people test their screens on one machine.
const { join } = require('node:path');

module.exports = { assetsDir: process.env.DOCKET_CONSOLE_DIR || join(__dirname, 'dist') };
