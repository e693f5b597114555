// Where the built console is (vite build → dist/), for the gateway that serves it at `/`.
const { join } = require('node:path');

module.exports = { assetsDir: join(__dirname, 'dist') };
