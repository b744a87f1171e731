// Loaded with `node --require` by the benchmark (CommonJS: an ES module hook would load Node's ES module loader into the measured build): reports the process's peak memory on exit.
process.on('exit', () => process.stderr.write(`\nIMPRINT_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
