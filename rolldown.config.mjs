// The single-file bundle of the CLI that `npm install` makes (see src/bin.ts): dist/cli.js and
// its dependencies, less piscina (loaded by workers from node_modules). WOFF2 fonts are
// unpacked by Node's zlib instead of the `brotli` package (src/font/brotli-decompress.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: 'dist/cli.js',
  platform: 'node',
  external: ['piscina'],
  resolve: { alias: { 'brotli/decompress.js': fileURLToPath(new URL('dist/font/brotli-decompress.js', import.meta.url)) } },
  output: { file: 'dist/imprint.cjs', format: 'cjs', codeSplitting: false },
  logLevel: 'warn',
});
