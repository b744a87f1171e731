// The single-file bundle of the CLI that `npm install` makes (see src/bundle.cts): dist/cli.js and
// its dependencies, less piscina (loaded by workers from node_modules) and @napi-rs/canvas (native
// code, loaded from node_modules for --png) and mammoth and jszip (loaded for `import` only). Four packages that
// cost start-up time are replaced: `brotli` and `tiny-inflate` by Node's zlib, pdfkit's AES
// (encryption, never used) by a stub, `unicode-trie` by one that unpacks a table when first
// read; see the files named below. ASCII only, so the launcher
// reads it as a one-byte string: the bundler escapes other characters, except in a String.raw
// template, which keeps them as written (write them there as \u escapes; tests/e2e/cli.test.ts
// checks).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

const dist = (file) => fileURLToPath(new URL(`dist/${file}`, import.meta.url));

export default defineConfig({
  input: 'dist/cli.js',
  platform: 'node',
  external: ['piscina', '@napi-rs/canvas', 'mammoth', 'jszip'],
  resolve: {
    alias: {
      'brotli/decompress.js': dist('font/brotli-decompress.js'),
      'tiny-inflate': dist('font/tiny-inflate.cjs'),
      'unicode-trie': dist('font/lazy-unicode-trie.cjs'),
      '@noble/ciphers/aes': dist('render/no-encryption.js'),
    },
  },
  // doc comments dropped (licence notices kept): fewer bytes to read at every start
  output: { file: 'dist/imprint.cjs', format: 'cjs', codeSplitting: false, charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } },
  logLevel: 'warn',
});
